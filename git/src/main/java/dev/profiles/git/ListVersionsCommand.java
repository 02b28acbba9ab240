package dev.profiles.git;

import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.version.VersionTag;
import dev.profiles.git.internal.Resolution;
import dev.profiles.git.internal.Secrets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Lists the profile versions a repository offers from its tags, without cloning: one ref
 * advertisement ({@code git ls-remote --tags}), nothing stored. Obtained from {@link
 * GitProfiles#listVersions}. The URL is checked against the source trust policy and rewritten
 * like a resolved source; the result names the URL as given.
 *
 * <pre>{@code
 * RepositoryVersions v = git.listVersions("git@github.com:org/profiles.git").call();
 * ProfileSource latest = v.source("nginx", RepositoryVersions.LATEST).orElseThrow();
 * }</pre>
 */
public final class ListVersionsCommand {
  private final String url;
  private final GitProfiles git;

  ListVersionsCommand(String url, GitProfiles git) {
    this.url = url;
    this.git = git;
  }

  /**
   * Reads the tags and keeps those that are versions per {@link VersionTag}.
   *
   * @throws dev.profiles.core.resolve.UntrustedSourceException when the URL is refused by the
   *     trust policy (nothing was opened)
   * @throws ResolveException (a subclass says why) when the repository cannot be reached
   */
  public RepositoryVersions call() throws ResolveException {
    Resolution.checkSource(git.sourcePolicy(), git.urlRewrites(), null, url, "source");
    try {
      ImmutableRepositoryVersions.Builder out = RepositoryVersions.builder().url(url);
      String fetchUrl = git.urlRewrites().rewrite(url);
      for (Map.Entry<String, Ref> e : git.transports().advertiseTags(fetchUrl).entrySet()) {
        String name = e.getKey();
        if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}")) {
          Optional<VersionTag> tag = VersionTag.parse(name.substring(Constants.R_TAGS.length()));
          tag.ifPresent(out::addTag);
        }
      }
      return out.build();
    } catch (RuntimeException e) {
      throw new ResolveException("listing versions of " + SafeUrls.redact(url) + " failed: "
          + e.getClass().getSimpleName() + ": " + Secrets.scrubUserInfo(String.valueOf(
              e.getMessage())));
    }
  }
}
