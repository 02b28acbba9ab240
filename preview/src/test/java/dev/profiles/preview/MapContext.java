package dev.profiles.preview;

import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.preview.internal.Trees;
import dev.profiles.preview.internal.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One side of a GitOps repository for tests: a map of repository paths to file contents; the
 * objects are every document of its {@code .yaml} files (parsed with the module's bounded
 * reader, as the preview's side would declare them).
 */
final class MapContext implements ExpansionContext {
  private final TreeMap<String, byte[]> files = new TreeMap<>();

  MapContext put(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Copies the test-resource directory {@code resource} to {@code repoPath}. */
  MapContext putTree(String resource, String repoPath) {
    Path dir = resourceDir(resource);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = dir.relativize(p).toString().replace('\\', '/');
        files.put(repoPath + "/" + relative, Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  static Path resourceDir(String resource) {
    try {
      return Path.of(MapContext.class.getResource("/" + resource).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("no test resource " + resource, e);
    }
  }

  @Override
  public Optional<byte[]> readFile(String path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }

  @Override
  public List<String> listFiles(String path) {
    List<String> out = new ArrayList<>();
    for (String file : files.keySet()) {
      if (path.isEmpty() || file.equals(path) || file.startsWith(path + "/")) {
        out.add(file);
      }
    }
    return out;
  }

  @Override
  public List<KubeObject> objects() {
    List<KubeObject> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!e.getKey().endsWith(".yaml") || e.getKey().contains("/charts/")
          || e.getKey().contains("/templates/")) {
        continue;
      }
      try {
        for (Object doc : Yamls.readAll(e.getKey(), new String(e.getValue(),
            StandardCharsets.UTF_8), 1 << 20, 1000)) {
          if (doc instanceof Map<?, ?> m && m.get("kind") instanceof String kind
              && m.get("apiVersion") instanceof String apiVersion) {
            Map<String, Object> content = Trees.stringKeyed(e.getKey(), m);
            Map<String, Object> metadata = Trees.map(content, "metadata");
            out.add(KubeObject.builder()
                .id(new ObjectId(apiVersion, kind, Trees.text(metadata, "namespace").orElse(""),
                    Trees.text(metadata, "name").orElse("")))
                .content(content).file(e.getKey()).build());
          }
        }
      } catch (PreviewException ex) {
        // A file that is not YAML declares nothing (as on a real side).
      }
    }
    return out;
  }

  /** The declared object of {@code kind} named {@code name}. */
  KubeObject object(String kind, String name) {
    return objects().stream().filter(o -> o.id().kind().equals(kind) && o.id().name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}
