package dev.profiles.git;

import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.version.VersionTag;
import dev.profiles.git.internal.Transports;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Lists the profile versions a repository offers from its tags, without cloning: one ref
 * advertisement ({@code git ls-remote --tags}), nothing stored. Obtained from {@link
 * GitProfiles#listVersions}.
 *
 * <pre>{@code
 * RepositoryVersions v = git.listVersions("git@github.com:org/profiles.git").call();
 * ProfileSource latest = v.source("nginx", RepositoryVersions.LATEST).orElseThrow();
 * }</pre>
 */
public final class ListVersionsCommand {
  private final String url;
  private final Transports transports;

  ListVersionsCommand(String url, Transports transports) {
    this.url = url;
    this.transports = transports;
  }

  /**
   * Reads the tags and keeps those that version a profile.
   *
   * @throws ResolveException (a subclass says why) when the repository cannot be reached
   */
  public RepositoryVersions call() throws ResolveException {
    ImmutableRepositoryVersions.Builder out = RepositoryVersions.builder().url(url);
    for (Map.Entry<String, Ref> e : transports.advertiseTags(url).entrySet()) {
      String name = e.getKey();
      if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}")) {
        Optional<VersionTag> tag = VersionTag.parse(name.substring(Constants.R_TAGS.length()));
        tag.ifPresent(out::addTag);
      }
    }
    return out.build();
  }
}
