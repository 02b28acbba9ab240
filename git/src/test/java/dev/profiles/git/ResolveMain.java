package dev.profiles.git;

import dev.profiles.core.model.ProfileSource;
import java.nio.file.Path;

/** A separate process that resolves one tag, for tests that kill a process mid-fetch. */
public final class ResolveMain {
  private ResolveMain() {}

  /** Arguments: cache directory, URL, tag, user, password. */
  public static void main(String[] args) throws Exception {
    try (GitProfiles git = GitProfiles.builder().allowHttp(true).cacheDirectory(Path.of(args[0]))
        .credentials(GitCredentials.basic(args[3], args[4])).build()) {
      System.out.println(git.resolve(ProfileSource.ofTag(args[1], args[2])).call().commit());
    }
  }
}
