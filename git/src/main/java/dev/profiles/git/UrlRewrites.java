package dev.profiles.git;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.SafeUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * git's URL rewriting rules, {@code url.<base>.insteadOf} and {@code url.<base>.pushInsteadOf}:
 * a URL that starts with a rule's prefix is read from (or pushed to) {@code <base>} + the rest
 * of the URL instead. Organisations use them to install public profiles from an internal mirror
 * or, air-gapped, from a local clone, without editing any profile.
 *
 * <p>The rules behave as in git: plain string prefixes, compared case-sensitively; when several
 * prefixes match, the longest wins (on a tie, the rule added first); {@link #rewriteForPush}
 * uses the {@code pushInsteadOf} rules and, when none matches, the {@code insteadOf} ones. A URL
 * is rewritten once, never again by the result.
 *
 * <pre>{@code
 * UrlRewrites mirror = UrlRewrites.none()
 *     .withInsteadOf("https://git.internal/mirror/", "https://github.com/")
 *     .withInsteadOf("file:///srv/air-gap/weaveworks/", "https://github.com/weaveworks/");
 * mirror.rewrite("https://github.com/weaveworks/profiles-examples");
 * // "file:///srv/air-gap/weaveworks/profiles-examples": the longer prefix wins
 * UrlRewrites fromGit = UrlRewrites.fromUserGitConfig(); // ~/.gitconfig and friends
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} shows no credentials.
 */
public final class UrlRewrites {
  private static final UrlRewrites NONE = new UrlRewrites(List.of(), List.of());

  private record Rule(String prefix, String base) {}

  private final List<Rule> fetch;
  private final List<Rule> push;

  private UrlRewrites(List<Rule> fetch, List<Rule> push) {
    this.fetch = List.copyOf(fetch);
    this.push = List.copyOf(push);
  }

  /** No rules: every URL is used as written. */
  public static UrlRewrites none() {
    return NONE;
  }

  /**
   * The {@code url.<base>.insteadOf} and {@code pushInsteadOf} rules of one git config file
   * (its {@code [include]} files included), in the file's order.
   *
   * @throws ProfilesConfigurationException when the file does not exist, cannot be read or is
   *     not a valid git config file
   */
  public static UrlRewrites fromGitConfig(Path file) {
    if (file == null) {
      throw new ProfilesConfigurationException("the git config file must not be null");
    }
    if (!Files.isRegularFile(file)) {
      throw new ProfilesConfigurationException("git config file " + file + " does not exist"
          + " or is not a regular file");
    }
    FileBasedConfig config = new FileBasedConfig(file.toFile(), FS.DETECTED);
    try {
      config.load();
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      throw new ProfilesConfigurationException("cannot read git config file " + file + ": "
          + e.getMessage(), e);
    }
    return from(config);
  }

  /**
   * The rules of the current user's git configuration, as git reads them for a command run
   * outside any repository: {@code ~/.gitconfig}, {@code $XDG_CONFIG_HOME/git/config} and the
   * system configuration (through JGit's {@link SystemReader}). Missing files contribute no
   * rules.
   *
   * @throws ProfilesConfigurationException when a file exists but cannot be read or parsed
   */
  public static UrlRewrites fromUserGitConfig() {
    try {
      return from(SystemReader.getInstance().getUserConfig());
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      throw new ProfilesConfigurationException("cannot read the user's git configuration: "
          + e.getMessage(), e);
    }
  }

  /** The rules of a JGit {@link Config} (and its base configs). */
  static UrlRewrites from(Config config) {
    List<Rule> fetch = new ArrayList<>();
    List<Rule> push = new ArrayList<>();
    for (String base : config.getSubsections("url")) {
      for (String prefix : config.getStringList("url", base, "insteadOf")) {
        addFromFile(fetch, base, prefix);
      }
      for (String prefix : config.getStringList("url", base, "pushInsteadOf")) {
        addFromFile(push, base, prefix);
      }
    }
    return new UrlRewrites(fetch, push);
  }

  private static void addFromFile(List<Rule> rules, String base, String prefix) {
    // git ignores what cannot match; a user's config file is not refused for an odd entry.
    if (prefix != null && !prefix.isEmpty() && ControlCharacters.problem(prefix).isEmpty()
        && ControlCharacters.problem(base).isEmpty()) {
      rules.add(new Rule(prefix, base));
    }
  }

  /**
   * These rules plus: URLs starting with {@code prefix} are read from {@code base} + the rest
   * ({@code git config url.<base>.insteadOf <prefix>}).
   *
   * @throws ProfilesConfigurationException when {@code prefix} is empty or either holds a
   *     control character
   */
  public UrlRewrites withInsteadOf(String base, String prefix) {
    List<Rule> more = new ArrayList<>(fetch);
    more.add(checked(base, prefix, "insteadOf"));
    return new UrlRewrites(more, push);
  }

  /**
   * These rules plus: URLs starting with {@code prefix} are pushed to {@code base} + the rest
   * ({@code git config url.<base>.pushInsteadOf <prefix>}).
   *
   * @throws ProfilesConfigurationException when {@code prefix} is empty or either holds a
   *     control character
   */
  public UrlRewrites withPushInsteadOf(String base, String prefix) {
    List<Rule> more = new ArrayList<>(push);
    more.add(checked(base, prefix, "pushInsteadOf"));
    return new UrlRewrites(fetch, more);
  }

  /** These rules followed by {@code others}' (on equally long prefixes, these win). */
  public UrlRewrites with(UrlRewrites others) {
    if (others == null) {
      throw new ProfilesConfigurationException("the rewrites to add must not be null");
    }
    List<Rule> f = new ArrayList<>(fetch);
    f.addAll(others.fetch);
    List<Rule> p = new ArrayList<>(push);
    p.addAll(others.push);
    return new UrlRewrites(f, p);
  }

  private static Rule checked(String base, String prefix, String kind) {
    if (base == null || prefix == null) {
      throw new ProfilesConfigurationException("an " + kind + " rule needs a base and a prefix");
    }
    if (prefix.isEmpty()) {
      throw new ProfilesConfigurationException("the prefix of an " + kind + " rule must not be"
          + " empty (it would rewrite every URL)");
    }
    for (String s : List.of(base, prefix)) {
      Optional<String> problem = ControlCharacters.problem(s);
      if (problem.isPresent()) {
        throw new ProfilesConfigurationException("the " + kind + " rule '" + SafeUrls.redact(
            ControlCharacters.visible(s)) + "' " + problem.get());
      }
    }
    return new Rule(prefix, base);
  }

  /** Whether there are no rules at all. */
  public boolean isEmpty() {
    return fetch.isEmpty() && push.isEmpty();
  }

  /** The URL to fetch {@code url} from: rewritten by the longest matching insteadOf prefix. */
  public String rewrite(String url) {
    return longest(fetch, url).map(r -> r.base() + url.substring(r.prefix().length()))
        .orElse(url);
  }

  /**
   * The URL to push {@code url} to: rewritten by the longest matching pushInsteadOf prefix, or,
   * when none matches, as {@link #rewrite} would.
   */
  public String rewriteForPush(String url) {
    return longest(push, url).map(r -> r.base() + url.substring(r.prefix().length()))
        .orElseGet(() -> rewrite(url));
  }

  private static Optional<Rule> longest(List<Rule> rules, String url) {
    if (url == null) {
      throw new ProfilesConfigurationException("the URL to rewrite must not be null");
    }
    Rule best = null;
    for (Rule r : rules) {
      if (url.startsWith(r.prefix()) && (best == null
          || r.prefix().length() > best.prefix().length())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UrlRewrites other && fetch.equals(other.fetch) && push.equals(other.push);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fetch, push);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("UrlRewrites{");
    String sep = "";
    for (Rule r : fetch) {
      sb.append(sep).append(SafeUrls.redact(r.prefix())).append(" -> ")
          .append(SafeUrls.redact(r.base()));
      sep = ", ";
    }
    for (Rule r : push) {
      sb.append(sep).append("push ").append(SafeUrls.redact(r.prefix())).append(" -> ")
          .append(SafeUrls.redact(r.base()));
      sep = ", ";
    }
    return sb.append('}').toString();
  }
}
