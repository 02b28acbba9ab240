package dev.profiles.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Builds the two example profile repositories from the bundled example data (see {@code
 * example-profiles/README.md}): {@code base-repo} tagged {@code base/v1.2.0} and {@code
 * profiles-repo} tagged {@code nginx/v0.1.0}, whose nginx profile nests base.
 *
 * <pre>{@code
 * ExampleRepositories repos = ExampleRepositories.create(Path.of("/tmp/example"));
 * repos.profilesUrl(); // file:///tmp/example/profiles-repo
 * }</pre>
 *
 * @param profilesRepo the repository holding the nginx profile
 * @param baseRepo the repository holding the nested base profile
 */
public record ExampleRepositories(Path profilesRepo, Path baseRepo) {
  /** The nginx profile's tag. */
  public static final String NGINX_TAG = "nginx/v0.1.0";

  private static final String ROOT = "/example-profiles/";
  private static final List<String> BASE_FILES = List.of("base/profile.yaml",
      "base/manifests/namespace.yaml", "base/manifests/quota.yaml");
  private static final List<String> PROFILE_FILES = List.of("nginx/profile.yaml",
      "nginx/charts/mychart/Chart.yaml", "nginx/charts/mychart/values.yaml",
      "nginx/charts/mychart/templates/configmap.yaml",
      "nginx/manifests/crds/kustomization.yaml", "nginx/manifests/crds/widgets.yaml");

  /** Creates both repositories under {@code directory}. */
  public static ExampleRepositories create(Path directory) throws IOException {
    Path base = directory.resolve("base-repo");
    Path profiles = directory.resolve("profiles-repo");
    commitTagged(base, "base-repo", BASE_FILES, "base/v1.2.0", null);
    commitTagged(profiles, "profiles-repo", PROFILE_FILES, NGINX_TAG, base.toUri().toString());
    return new ExampleRepositories(profiles, base);
  }

  /** The URL of the repository holding the nginx profile. */
  public String profilesUrl() {
    return profilesRepo.toUri().toString();
  }

  private static void commitTagged(Path dir, String resourceDir, List<String> files, String tag,
      String baseUrl) throws IOException {
    for (String file : files) {
      byte[] bytes;
      try (InputStream in = ExampleRepositories.class.getResourceAsStream(
          ROOT + resourceDir + "/" + file)) {
        if (in == null) {
          throw new IOException("missing bundled example file " + resourceDir + "/" + file);
        }
        bytes = in.readAllBytes();
      }
      if (baseUrl != null && file.endsWith("profile.yaml")) {
        bytes = new String(bytes, StandardCharsets.UTF_8).replace("${BASE_REPO_URL}", baseUrl)
            .getBytes(StandardCharsets.UTF_8);
      }
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    }
    PersonIdent author = new PersonIdent("Profile Author", "author@example.com");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Publish " + tag).setAuthor(author).setCommitter(author)
          .setSign(false).call();
      git.tag().setName(tag).setAnnotated(false).call();
    } catch (GitAPIException e) {
      throw new UncheckedIOException(new IOException("cannot create example repository", e));
    }
  }
}
