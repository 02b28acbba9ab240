package dev.profiles.core.memory;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.VersionLister;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.MissingRefException;
import dev.profiles.core.resolve.ProfileCycleException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.version.VersionTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ProfileResolver} serving profiles put into it, by source (url, tag or branch, and
 * path), with their nested profiles resolved from it too; and a {@link VersionLister} of the
 * tags put. For tests of code that installs profiles, and for previews without network.
 *
 * <p>Putting a profile at a branch again replaces it (a new commit on the branch: {@code
 * refresh()} then sees it); a tag is put once, like a published tag. Resolving an unknown
 * source throws {@link MissingRefException}. Thread-safe.
 *
 * <pre>{@code
 * InMemoryProfileResolver resolver = new InMemoryProfileResolver();
 * ProfileSource v1 = ProfileSource.ofTag("https://example.com/profiles", "nginx/v0.1.0");
 * resolver.put(v1, ProfileDefinition.builder().name("nginx").addArtifacts(web).build(),
 *     InMemoryProfileDirectory.empty());
 * Profiles profiles = Profiles.builder().resolver(resolver).versionLister(resolver)
 *     .renderer(renderer).build();
 * }</pre>
 */
public final class InMemoryProfileResolver implements ProfileResolver, VersionLister {
  private record Entry(ProfileDefinition definition, ProfileDirectory directory, String commit) {}

  private final Map<String, Entry> profiles = new ConcurrentHashMap<>();
  private final Map<String, TreeSet<String>> tags = new ConcurrentHashMap<>();
  private final Map<String, java.time.Instant> dates = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger resolutions =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Serves {@code definition} with the files of {@code directory} at {@code source}.
   *
   * @throws ProfilesConfigurationException when the tag was put before
   */
  public InMemoryProfileResolver put(ProfileSource source, ProfileDefinition definition,
      ProfileDirectory directory) {
    if (source == null || definition == null || directory == null) {
      throw new ProfilesConfigurationException("put needs a source, a definition and a"
          + " directory");
    }
    String key = key(source);
    String commit = commitOf(key, definition);
    if (source.isTag()) {
      if (profiles.putIfAbsent(key, new Entry(definition, directory, commit)) != null) {
        throw new ProfilesConfigurationException("tag " + source.tag().get() + " of "
            + source.url() + " is already published");
      }
      tags.computeIfAbsent(source.url(), u -> new TreeSet<>()).add(source.tag().get());
    } else {
      profiles.put(key, new Entry(definition, directory, commit));
    }
    return this;
  }

  /** Dates {@code tag} of {@code url} (for update policies' {@code minimumAge}). */
  public InMemoryProfileResolver date(String url, String tag, java.time.Instant when) {
    dates.put(url + "\n" + tag, when);
    return this;
  }

  @Override
  public Map<VersionTag, java.time.Instant> tagDates(String url,
      java.util.Collection<VersionTag> wanted) {
    Map<VersionTag, java.time.Instant> out = new LinkedHashMap<>();
    for (VersionTag t : wanted) {
      java.time.Instant d = dates.get(url + "\n" + t);
      if (d != null) {
        out.put(t, d);
      }
    }
    return out;
  }

  /** How many times {@link #resolve} was called. */
  public int resolutions() {
    return resolutions.get();
  }

  @Override
  public ResolvedProfile resolve(ProfileSource source) throws ProfilesException {
    resolutions.incrementAndGet();
    return resolve(source, new ArrayList<>());
  }

  private ResolvedProfile resolve(ProfileSource asked, List<String> chain)
      throws ProfilesException {
    ProfileSource source = asked.resolveRange(versionTags(asked.url())).orElseThrow(() ->
        new MissingRefException("no version tag of " + asked + " satisfies "
            + asked.version().orElseThrow()));
    String key = key(source);
    if (chain.contains(key)) {
      List<String> cycle = new ArrayList<>(chain);
      cycle.add(key);
      throw new ProfileCycleException("profiles include each other: " + cycle, cycle);
    }
    Entry entry = profiles.get(key);
    if (entry == null) {
      throw new MissingRefException("no profile at " + source + " in this in-memory resolver");
    }
    chain.add(key);
    Map<String, ResolvedProfile> nested = new LinkedHashMap<>();
    for (Artifact a : entry.definition().artifacts()) {
      if (a instanceof NestedProfileArtifact n) {
        nested.put(n.name(), resolve(n.source(), chain));
      }
    }
    chain.remove(chain.size() - 1);
    return ResolvedProfile.builder().source(source).commit(entry.commit())
        .definition(entry.definition()).directory(entry.directory()).nested(nested).build();
  }

  @Override
  public List<VersionTag> versionTags(String url) {
    List<VersionTag> out = new ArrayList<>();
    for (String tag : tags.getOrDefault(url, new TreeSet<>())) {
      VersionTag.parse(tag).ifPresent(out::add);
    }
    return out;
  }

  private static String key(ProfileSource source) {
    return source.url() + "\n" + source.refName() + "\n" + source.effectivePath();
  }

  /** A commit id derived from what is served, so equal puts give equal ids. */
  private static String commitOf(String key, ProfileDefinition definition) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-1");
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      sha.update(definition.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
