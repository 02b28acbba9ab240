package dev.profiles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs {@link Main} in-process with captured streams; shared by the in-process test classes. */
final class Cli {
  private Cli() {}

  record Run(int code, String out, String err) {}

  /**
   * Runs {@code args} with {@code env} and {@code --cache-dir=cache}; asserts that no secret
   * in {@code secrets} reaches stdout or stderr.
   */
  static Run run(Path cache, Map<String, String> env, List<String> secrets, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--cache-dir=" + cache);
    Map<String, String> e = new HashMap<>(env);
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream s = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(all.toArray(String[]::new), o, s, e);
    }
    Run r = new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
    for (String secret : secrets) {
      assertThat(r.out() + r.err()).as("a secret was printed").doesNotContain(secret);
    }
    return r;
  }

  /** Every file and directory under {@code root} (including {@code .git}) with its bytes. */
  static Map<String, String> tree(Path root) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        files.put(rel, Files.isDirectory(p) ? "<dir>"
            : java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
