package dev.profiles.benchmarks.cli;

import dev.profiles.git.internal.FileTrees;
import dev.profiles.testing.git.GitOpsRepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lower bound of {@code profiles add} once start-up costs nothing: the distribution's
 * libraries loaded into one JVM (their own class loader, so the harness's copies of the same
 * libraries do not mix in) and {@code dev.profiles.cli.Main.run} called again and again, each
 * time into a fresh GitOps repository and a cold cache, as a daemon or an embedding tool would
 * run it. Started by {@link CliBenchmark} in a child JVM with JDK defaults (C2 on); prints the
 * median of the runs after the first half, in milliseconds.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.profiles.benchmarks.cli.WarmAdd LIB_DIR URL TAG RUNS WORK_DIR
 * }</pre>
 */
public final class WarmAdd {
  private WarmAdd() {}

  public static void main(String[] args) throws Exception {
    Path lib = Path.of(args[0]);
    String url = args[1];
    String tag = args[2];
    int runs = Integer.parseInt(args[3]);
    Path work = Path.of(args[4]);
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(lib)) {
      for (Path jar : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jar"))
          .sorted()::iterator) {
        jars.add(jar.toUri().toURL());
      }
    }
    try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Method run = loader.loadClass("dev.profiles.cli.Main").getMethod("run", String[].class,
          PrintStream.class, PrintStream.class, Map.class);
      Map<String, String> env = Map.of("HOME", work.resolve("home").toString());
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Path gitops = work.resolve("warm-gitops-" + i);
        Path cache = work.resolve("warm-cache-" + i);
        GitOpsRepoFixture.create(gitops).withUser("Bench", "bench@example.com").close();
        List<String> command = CliBenchmark.addArguments(url, tag, gitops, cache);
        command.add("--no-progress");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        int code = (int) run.invoke(null, command.toArray(String[]::new), out, out, env);
        times.add((System.nanoTime() - start) / 1e6);
        if (code != 0 || !Files.isRegularFile(gitops.resolve("app/profile-installation.yaml"))) {
          throw new IllegalStateException("profiles add failed (" + code + "):\n" + output);
        }
        FileTrees.delete(gitops);
        FileTrees.delete(cache);
      }
      List<Double> warm = new ArrayList<>(times.subList(runs / 2, runs));
      Collections.sort(warm);
      System.out.printf(Locale.ROOT, "%.0f%n", warm.get(warm.size() / 2));
    }
  }
}
