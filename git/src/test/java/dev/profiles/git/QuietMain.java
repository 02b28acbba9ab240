package dev.profiles.git;

import dev.profiles.core.model.ProfileSource;
import java.nio.file.Path;

/**
 * A separate process that resolves one tag twice (a fetch, then a cache hit) and lists the
 * repository's versions, for tests of what the library prints.
 */
public final class QuietMain {
  private QuietMain() {}

  /** Arguments: cache directory, URL, tag. */
  public static void main(String[] args) throws Exception {
    try (GitProfiles git = GitProfiles.builder().allowHttp(true).cacheDirectory(Path.of(args[0]))
        .build()) {
      ProfileSource source = ProfileSource.ofTag(args[1], args[2]);
      System.out.println(git.resolve(source).call().commit());
      git.resolve(source).call();
      System.out.println(git.listVersions(args[1]).call().tags().size());
    }
  }
}
