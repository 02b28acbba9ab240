package dev.profiles.testing.junit;

import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.GitOpsRepoFixture;
import dev.profiles.testing.git.GitSshServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension, in the spirit of OkHttp's {@code MockWebServerExtension}, that hands test
 * methods ready fixtures as parameters and closes them after each test:
 * <ul>
 *   <li>{@link ProfileRepoFixture}: an empty bare profile repository, {@code profiles.git};
 *   <li>{@link GitHttpServer}: a started loopback smart-HTTP server whose root holds that
 *       repository, so {@code server.url("profiles.git")} serves the injected fixture;
 *   <li>{@link GitSshServer}: a started loopback SSH server on the same root (authorize a key
 *       with {@link GitSshServer#authorize} before fetching);
 *   <li>{@link GitOpsRepoFixture}: a GitOps working tree with one commit on {@code main}.
 * </ul>
 * Each test gets its own private temporary directory, deleted after the test; within one test,
 * every parameter of a type is the same instance. Sources the fixtures produce are {@code
 * file://} or loopback {@code http://} URLs: the resolver under test must allow them (e.g.
 * {@code GitProfiles.builder().allowHttp(true)}).
 *
 * <pre>{@code
 * @ProfilesTest
 * class NginxProfileTest {
 *   @Test
 *   void resolvesOverHttp(ProfileRepoFixture repo, GitHttpServer server) throws Exception {
 *     repo.profile("nginx", ProfileYamls.profile("nginx").kustomize("app", "manifests").toYaml())
 *         .file("nginx/manifests/deploy.yaml", "kind: Deployment\n")
 *         .commit("nginx 0.1.0").tag("nginx/v0.1.0");
 *     String url = server.url("profiles.git");
 *     // resolve ProfileSource.ofTag(url, "nginx/v0.1.0") with the resolver under test
 *   }
 * }
 * }</pre>
 */
public final class ProfilesExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ProfilesExtension.class);
  private static final Set<Class<?>> SUPPORTED = Set.of(ProfileRepoFixture.class,
      GitHttpServer.class, GitSshServer.class, GitOpsRepoFixture.class);

  /** Created by JUnit through {@link ProfilesTest} or {@code @ExtendWith}. */
  public ProfilesExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return SUPPORTED.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return fixtures(context).get(parameter.getParameter().getType());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Fixtures f = context.getStore(NAMESPACE).remove(Fixtures.class, Fixtures.class);
    if (f != null) {
      f.close();
    }
  }

  private static Fixtures fixtures(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(Fixtures.class,
        k -> new Fixtures(), Fixtures.class);
  }

  /**
   * The fixtures of one test. Not {@link AutoCloseable} on purpose: {@link #afterEach} closes
   * them, and JUnit's store must not close them a second time.
   */
  private static final class Fixtures {
    private final Map<Class<?>, Object> made = new HashMap<>();
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private Path root;

    synchronized Object get(Class<?> type) {
      Object known = made.get(type);
      if (known != null) {
        return known;
      }
      Object created;
      try {
        if (type == ProfileRepoFixture.class) {
          created = ProfileRepoFixture.create(served().resolve("profiles.git"));
        } else if (type == GitHttpServer.class) {
          created = GitHttpServer.builder(served()).start();
        } else if (type == GitSshServer.class) {
          created = GitSshServer.start(served());
        } else if (type == GitOpsRepoFixture.class) {
          created = GitOpsRepoFixture.create(root().resolve("gitops"));
        } else {
          throw new ParameterResolutionException("ProfilesExtension cannot make a " + type);
        }
      } catch (RuntimeException e) {
        if (e instanceof ParameterResolutionException p) {
          throw p;
        }
        throw new ParameterResolutionException("cannot create the " + type.getSimpleName()
            + " fixture: " + e.getMessage(), e);
      }
      made.put(type, created);
      toClose.push((AutoCloseable) created);
      return created;
    }

    private Path served() {
      Path dir = root().resolve("served");
      try {
        return Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Path root() {
      if (root == null) {
        try {
          root = Files.createTempDirectory("profiles-test-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return root;
    }

    synchronized void close() throws Exception {
      Exception failure = null;
      // Servers were created after the repositories they serve: closed first.
      while (!toClose.isEmpty()) {
        try {
          toClose.pop().close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (root != null) {
        delete(root);
      }
      if (failure != null) {
        throw failure;
      }
    }

    private static void delete(Path dir) throws IOException {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }
}
