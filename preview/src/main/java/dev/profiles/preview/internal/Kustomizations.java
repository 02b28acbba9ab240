package dev.profiles.preview.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.preview.ExpansionContext;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.PreviewException;
import dev.profiles.preview.ExpanderSettings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Expands one Flux Kustomization: copies its path (and the files its kustomization files
 * reference elsewhere in the repository) into a private directory, applies what
 * kustomize-controller adds to the root kustomization ({@code targetNamespace},
 * {@code namePrefix}/{@code nameSuffix}, {@code patches}, {@code images}, {@code components};
 * then {@code commonMetadata} on every object), and runs
 * {@code kubectl kustomize} or {@code kustomize build} with a timeout.
 */
public final class Kustomizations {
  static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
  private static final List<String> PATH_LISTS = List.of("resources", "bases", "components",
      "crds", "patchesStrategicMerge", "configurations", "generators", "transformers",
      "validators");

  private final ExpanderSettings settings;

  public Kustomizations(ExpanderSettings settings) {
    this.settings = settings;
  }

  /** The objects the Kustomization applies. */
  public List<KubeObject> expand(KubeObject kustomization, ExpansionContext context)
      throws ProfilesException, NotExpandable {
    String who = HelmReleases.who(kustomization);
    Map<String, Object> spec = Trees.map(kustomization.content(), "spec");
    Map<String, Object> sourceRef = Trees.map(spec, "sourceRef");
    String kind = Trees.text(sourceRef, "kind").orElse("");
    String namespace = kustomization.id().namespace().isEmpty() ? "default"
        : kustomization.id().namespace();
    String sourceName = Trees.text(sourceRef, "namespace").orElse(namespace) + "/"
        + Trees.text(sourceRef, "name").orElse("");
    if (!kind.equals("GitRepository")
        || !GitOpsRepos.of(context, settings.gitOpsRepositories()).contains(sourceName)) {
      throw new NotExpandable("its source is " + (kind.isEmpty() ? "not set" : kind + " "
          + sourceName) + ", not the GitOps repository, whose files a preview has");
    }
    if (!Trees.map(spec, "postBuild").isEmpty()) {
      throw new NotExpandable("spec.postBuild substitutions are not applied by a preview");
    }
    List<String> command = tool().orElseThrow(() ->
        new NotExpandable("neither kubectl nor kustomize is on the PATH"));
    String path = SideFiles.normalise(Trees.text(spec, "path").orElse("./"),
        who + ": spec.path");
    try (SideFiles files = new SideFiles(context, settings.maxInputBytes())) {
      if (files.copyTree(path) == 0) {
        throw new PreviewException(who + ": spec.path '" + path + "' has no files in the GitOps"
            + " repository");
      }
      Path dir = files.local(path);
      // The root first, so that components it gains from spec.components are followed too.
      rootKustomization(who, dir, spec, files);
      followReferences(who, files, path);
      List<String> full = new ArrayList<>(command);
      full.add(dir.toString());
      String output = run(who, path, full, files);
      List<Object> documents = Yamls.readAll(who + ": kustomize output", output,
          settings.maxOutputBytes(), settings.maxDocuments());
      commonMetadata(who, documents, Trees.map(spec, "commonMetadata"));
      List<Map<String, Object>> crds = new ArrayList<>();
      for (Object d : documents) {
        if (d instanceof Map<?, ?> m && "CustomResourceDefinition".equals(m.get("kind"))) {
          crds.add(Trees.stringKeyed(who, m));
        }
      }
      for (KubeObject o : context.objects()) {
        if (o.id().kind().equals("CustomResourceDefinition")) {
          crds.add(o.content());
        }
      }
      return Manifests.knowing(crds).objects(who + ": kustomize output", documents,
          kustomization.id(), "");
    }
  }

  /** {@code spec.commonMetadata}'s labels and annotations set on every object, as Flux does. */
  @SuppressWarnings("unchecked")
  private static void commonMetadata(String who, List<Object> documents,
      Map<String, Object> common) throws PreviewException {
    Map<String, Object> labels = Trees.map(common, "labels");
    Map<String, Object> annotations = Trees.map(common, "annotations");
    if (labels.isEmpty() && annotations.isEmpty()) {
      return;
    }
    for (Object d : documents) {
      if (d instanceof Map<?, ?> doc && doc.get("metadata") instanceof Map<?, ?> metadata) {
        Map<String, Object> meta = (Map<String, Object>) metadata;
        for (Map.Entry<String, Map<String, Object>> e : Map.of("labels", labels,
            "annotations", annotations).entrySet()) {
          if (!e.getValue().isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>(Trees.map(meta, e.getKey()));
            merged.putAll(e.getValue());
            meta.put(e.getKey(), merged);
          }
        }
      }
    }
  }

  private Optional<List<String>> tool() {
    String pathVariable = settings.path().orElseGet(() ->
        Optional.ofNullable(System.getenv("PATH")).orElse(""));
    Optional<Path> kubectl = find(pathVariable, "kubectl");
    if (kubectl.isPresent()) {
      return Optional.of(List.of(kubectl.get().toString(), "kustomize"));
    }
    return find(pathVariable, "kustomize").map(k -> List.of(k.toString(), "build"));
  }

  private static Optional<Path> find(String pathVariable, String name) {
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Copies what the kustomization files below {@code path} reference outside it (such as
   * {@code ../base}), transitively; references leaving the repository are refused.
   */
  private void followReferences(String who, SideFiles files, String path)
      throws ProfilesException {
    Deque<String> dirs = new ArrayDeque<>(kustomizationDirs(files, path));
    Set<String> seen = new HashSet<>();
    while (!dirs.isEmpty()) {
      String dir = dirs.pop();
      if (!seen.add(dir) || seen.size() > 10_000) {
        continue;
      }
      Optional<Path> file = kustomizationFile(files.local(dir));
      if (file.isEmpty()) {
        continue;
      }
      String repoFile = (dir.isEmpty() ? "" : dir + "/") + file.get().getFileName();
      Map<String, Object> kus = readKustomization(who, repoFile, file.get());
      for (String reference : references(kus)) {
        if (reference.contains("://") || reference.startsWith("git@")
            || reference.startsWith("github.com/")) {
          throw new PreviewException(who + ": " + repoFile + " references the remote '"
              + reference + "'; a preview reads only the GitOps repository");
        }
        String target = SideFiles.normalise((dir.isEmpty() ? "" : dir + "/") + reference,
            who + ": " + repoFile + ": '" + reference + "'");
        if (!files.copyFile(target)) {
          if (files.copyTree(target) > 0) {
            dirs.addAll(kustomizationDirs(files, target));
          }
        }
      }
    }
  }

  private static List<String> kustomizationDirs(SideFiles files, String path) {
    List<String> dirs = new ArrayList<>();
    Path local = files.local(path);
    if (!Files.isDirectory(local)) {
      return dirs;
    }
    try (var walk = Files.walk(local)) {
      walk.filter(Files::isDirectory).forEach(d -> {
        String relative = files.root().relativize(d).toString().replace(File.separatorChar, '/');
        dirs.add(relative);
      });
    } catch (IOException e) {
      // Nothing more to follow from an unreadable temporary copy; kustomize reports it.
    }
    return dirs;
  }

  private static Optional<Path> kustomizationFile(Path dir) {
    for (String name : KUSTOMIZATION_FILES) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  private Map<String, Object> readKustomization(String who, String repoFile, Path file)
      throws PreviewException {
    try {
      return Yamls.readMap(who + ": " + repoFile, Files.readString(file, StandardCharsets.UTF_8),
          1 << 20);
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot read " + repoFile + ": " + e.getMessage(), e);
    }
  }

  private static List<String> references(Map<String, Object> kus) {
    List<String> out = new ArrayList<>();
    for (String field : PATH_LISTS) {
      for (Object item : Trees.list(kus, field)) {
        if (item instanceof String s && !s.contains("\n")) {
          out.add(s);
        }
      }
    }
    for (String field : List.of("patches", "patchesJson6902", "replacements")) {
      for (Object item : Trees.list(kus, field)) {
        if (item instanceof Map<?, ?> m && m.get("path") instanceof String p) {
          out.add(p);
        }
      }
    }
    for (String field : List.of("configMapGenerator", "secretGenerator")) {
      for (Object item : Trees.list(kus, field)) {
        if (item instanceof Map<?, ?> m) {
          for (String key : List.of("files", "envs")) {
            if (m.get(key) instanceof List<?> l) {
              for (Object f : l) {
                if (f instanceof String s) {
                  out.add(s.contains("=") ? s.substring(s.indexOf('=') + 1) : s);
                }
              }
            }
          }
          if (m.get("env") instanceof String env) {
            out.add(env);
          }
        }
      }
    }
    return out;
  }

  /**
   * The root kustomization as kustomize-controller builds it: the path's own (or one listing
   * every manifest below the path, as the controller generates when there is none), with the
   * Flux object's namespace, name affixes, patches and images added.
   */
  @SuppressWarnings("unchecked")
  private void rootKustomization(String who, Path dir, Map<String, Object> spec,
      SideFiles files) throws PreviewException {
    Optional<Path> existing = kustomizationFile(dir);
    Map<String, Object> kus;
    Path target;
    if (existing.isPresent()) {
      target = existing.get();
      kus = new LinkedHashMap<>(readKustomization(who, files.root().relativize(target)
          .toString(), target));
    } else {
      target = dir.resolve("kustomization.yaml");
      kus = new LinkedHashMap<>();
      kus.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
      kus.put("kind", "Kustomization");
      kus.put("resources", generatedResources(dir));
    }
    Trees.text(spec, "targetNamespace").filter(t -> !t.isEmpty())
        .ifPresent(t -> kus.put("namespace", t));
    Trees.text(spec, "namePrefix").ifPresent(p -> kus.put("namePrefix", p));
    Trees.text(spec, "nameSuffix").ifPresent(p -> kus.put("nameSuffix", p));
    for (String field : List.of("patches", "images", "components")) {
      List<?> extra = Trees.list(spec, field);
      if (!extra.isEmpty()) {
        List<Object> merged = new ArrayList<>(Trees.list(kus, field));
        merged.addAll(extra);
        kus.put(field, merged);
      }
    }
    try {
      Files.writeString(target, Yamls.write(kus));
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot prepare the kustomization: " + e.getMessage(),
          e);
    }
  }

  /** What kustomize-controller's generator lists: manifests, and directories with their own kustomization. */
  private static List<String> generatedResources(Path dir) throws PreviewException {
    List<String> out = new ArrayList<>();
    try (var entries = Files.list(dir)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
          if (kustomizationFile(p).isPresent()) {
            out.add(name);
          } else {
            for (String nested : generatedResources(p)) {
              out.add(name + "/" + nested);
            }
          }
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
          out.add(name);
        }
      }
    } catch (IOException e) {
      throw new PreviewException("cannot list " + dir.getFileName() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private String run(String who, String path, List<String> command, SideFiles files)
      throws PreviewException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(files.work().toFile());
    // kustomize may run plugins or fetch remote bases; keep it to the copy, with no config of
    // the user's and no credentials in the environment.
    builder.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("LANG"));
    builder.environment().put("HOME", files.work().toString());
    builder.environment().put("KUBECONFIG", files.work().resolve("no-kubeconfig").toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot run " + command.get(0) + ": " + e.getMessage(),
          e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() ->
          readBounded(process.getInputStream(), settings.maxOutputBytes()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() ->
          readBounded(process.getErrorStream(), 64 << 10));
      if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new PreviewException(who + ": kustomize build of '" + path + "' took longer than "
            + settings.timeout().toSeconds() + " s");
      }
      byte[] stdout = out.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      byte[] stderr = err.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (stdout.length > settings.maxOutputBytes()) {
        throw new PreviewException(who + ": kustomize build of '" + path + "' printed more than "
            + settings.maxOutputBytes() + " bytes");
      }
      if (process.exitValue() != 0) {
        String message = new String(stderr, StandardCharsets.UTF_8)
            .replace(files.root().toString() + "/", "").replace(files.root().toString(), ".");
        throw new PreviewException(who + ": kustomize build of '" + path + "' failed: "
            + Yamls.firstLine(message.replaceFirst("^Error: ", "")));
      }
      return new String(stdout, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreviewException(who + ": interrupted building '" + path + "'", e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      throw new PreviewException(who + ": cannot read kustomize's output: " + e.getMessage(), e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static byte[] readBounded(InputStream in, long max) {
    try (in) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      // Keep draining so that the process never blocks on a full pipe.
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return bytes;
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
