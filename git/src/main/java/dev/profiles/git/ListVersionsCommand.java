package dev.profiles.git;

import dev.profiles.core.Progress;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.version.VersionTag;
import dev.profiles.git.internal.Resolution;
import dev.profiles.git.internal.Operation;
import dev.profiles.git.internal.Secrets;
import dev.profiles.git.internal.Transports;
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
  private Progress progress;

  ListVersionsCommand(String url, GitProfiles git) {
    this.url = url;
    this.git = git;
    this.progress = git.progress();
  }

  /**
   * Where this call reports progress and may be cancelled; default the {@link
   * GitProfiles.Builder#progress(Progress) client's}.
   *
   * @throws ProfilesConfigurationException when {@code progress} is null
   */
  public ListVersionsCommand progress(Progress progress) {
    if (progress == null) {
      throw new ProfilesConfigurationException("progress must not be null");
    }
    this.progress = progress;
    return this;
  }

  /**
   * Reads the tags and keeps those that are versions per {@link VersionTag}.
   *
   * @throws dev.profiles.core.resolve.UntrustedSourceException when the URL is refused by the
   *     trust policy (nothing was opened)
   * @throws dev.profiles.core.resolve.CancelledException when the thread is interrupted (the
   *     flag stays set) or the progress cancels
   * @throws ResolveException (a subclass says why) when the repository cannot be reached
   */
  public RepositoryVersions call() throws ResolveException {
    try {
      Resolution.checkSource(git.sourcePolicy(), git.urlRewrites(), null, url, "source");
    } catch (UntrustedSourceException e) {
      GitProfiles.LOG.info("refused: {}", e.getMessage());
      throw e;
    }
    Operation op = git.operation(progress);
    op.checkCancelled("listing versions of " + SafeUrls.redact(url));
    try {
      ImmutableRepositoryVersions.Builder out = RepositoryVersions.builder().url(url);
      String fetchUrl = git.urlRewrites().rewrite(url);
      Transports transports = git.transports();
      Map<String, Ref> advertised = op.interruptibly("listing tags of " + SafeUrls.redact(url),
          () -> transports.advertiseTags(fetchUrl, op));
      for (Map.Entry<String, Ref> e : advertised.entrySet()) {
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
