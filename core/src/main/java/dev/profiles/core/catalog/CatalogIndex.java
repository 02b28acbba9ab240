package dev.profiles.core.catalog;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.rules.SourceUrls;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionConstraint;
import dev.profiles.core.version.VersionTag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, in-memory catalog: the answers of the catalog HTTP API, computed once per
 * snapshot so that requests only read.
 *
 * <p><b>Entries.</b> Every entry is one version of one profile: it has a {@code catalogSource},
 * and a tag that is a version tag of its profile ({@code <name>/<semver>} or a bare semver,
 * see {@link VersionTag}). A catalog source holds at most one entry per profile and version
 * precedence ({@code v1.0.0}, {@code 1.0.0} and {@code 1.0.0+build.7} are one version); {@link
 * #problemWith} says why an entry cannot be indexed.
 *
 * <p><b>Order.</b> Every list this index returns is in {@link #ORDER}: by profile name, then
 * by catalog source name (both by {@link String#compareTo}, so by UTF-16 code unit), then
 * highest version first by semver precedence. The same entries always give the same order.
 *
 * <p><b>Versions.</b> Lookups compare semver precedence, so {@code 0.1.0} finds the entry
 * tagged {@code nginx/v0.1.0}. {@link #latest latest} is the highest release; a profile that
 * has only pre-releases has its highest pre-release as latest (pre-releases are candidates,
 * not the version to install by default). {@link #availableUpdates Available updates} are the
 * versions of strictly higher precedence, highest first, with pre-releases as {@link
 * PreReleases} says.
 *
 * <p><b>Search.</b> {@link #search} is a case-sensitive substring match on the profile name;
 * an empty query matches everything. It answers in well under a millisecond for 100,000
 * entries (see {@code docs/benchmarks.md}).
 *
 * <pre>{@code
 * CatalogIndex index = CatalogIndex.of(entries);
 * index.search("ngin");                                   // every version of nginx, ...
 * index.latest("my-catalog", "nginx");                    // Optional[nginx/v1.2.0]
 * index.availableUpdates("my-catalog", "nginx", Version.parse("v1.0.0"), PreReleases.EXCLUDE);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CatalogIndex {
  /** The version name that stands for {@link #latest}. */
  public static final String LATEST = "latest";

  /** Profile name, then catalog source, then highest version first. */
  public static final Comparator<CatalogEntry> ORDER =
      Comparator.comparing(CatalogEntry::name)
          .thenComparing(e -> e.catalogSource().orElse(""))
          .thenComparing(CatalogIndex::version, Comparator.reverseOrder());

  private static final CatalogIndex EMPTY = new CatalogIndex(List.of());
  // Names never contain it in practice; a query that does falls back to a plain scan.
  private static final char SEPARATOR = '\0';

  private final List<CatalogEntry> entries;
  private final Map<Key, List<CatalogEntry>> byProfile;
  // Search index: distinct names in order, joined as "\0a\0b..."; starts[i] is the offset of
  // name i's separator, and name i's entries are entries[firstEntry[i], firstEntry[i + 1]).
  private final String[] names;
  private final String haystack;
  private final int[] starts;
  private final int[] firstEntry;

  private CatalogIndex(List<CatalogEntry> sorted) {
    this.entries = sorted;
    Map<Key, List<CatalogEntry>> profiles = new HashMap<>();
    for (CatalogEntry e : sorted) {
      profiles.computeIfAbsent(Key.of(e), k -> new ArrayList<>()).add(e);
    }
    profiles.replaceAll((k, v) -> List.copyOf(v));
    this.byProfile = Map.copyOf(profiles);

    List<String> distinct = new ArrayList<>();
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      String name = sorted.get(i).name();
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(name)) {
        distinct.add(name);
        first.add(i);
      }
    }
    first.add(sorted.size());
    this.names = distinct.toArray(new String[0]);
    this.firstEntry = first.stream().mapToInt(Integer::intValue).toArray();
    this.starts = new int[names.length + 1];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      starts[i] = sb.length();
      sb.append(SEPARATOR).append(names[i]);
    }
    starts[names.length] = sb.length();
    this.haystack = sb.toString();
  }

  /** The index with no entries. */
  public static CatalogIndex empty() {
    return EMPTY;
  }

  /**
   * Indexes {@code entries}.
   *
   * @throws ProfilesConfigurationException when an entry breaks a rule ({@link #problemWith})
   *     or two entries are one version of one profile in one catalog source
   */
  public static CatalogIndex of(Collection<CatalogEntry> entries) {
    List<CatalogEntry> sorted = new ArrayList<>(entries.size());
    for (CatalogEntry e : entries) {
      problemWith(e).ifPresent(p -> {
        throw new ProfilesConfigurationException(p);
      });
      sorted.add(e);
    }
    sorted.sort(ORDER);
    for (int i = 1; i < sorted.size(); i++) {
      CatalogEntry a = sorted.get(i - 1);
      CatalogEntry b = sorted.get(i);
      if (Key.of(a).equals(Key.of(b)) && version(a).comparePrecedence(version(b)) == 0) {
        throw new ProfilesConfigurationException(
            "duplicate entries for one version: " + a.tag().orElseThrow() + " and "
                + b.tag().orElseThrow() + " in " + a.catalogSource().orElseThrow());
      }
    }
    return sorted.isEmpty() ? EMPTY : new CatalogIndex(List.copyOf(sorted));
  }

  /**
   * Why {@code entry} cannot be in an index, or empty when it can: it needs a catalog source
   * and a tag that is a semver version tag of its own profile; its name, tag, catalog source
   * and URL hold no control character; and its URL, if any, is one a profile source may have
   * ({@link SourceUrls}: no {@code ext::}, unknown schemes or option-like hosts). Values in the
   * message have control characters made visible and credentials removed.
   */
  public static Optional<String> problemWith(CatalogEntry entry) {
    String name = ControlCharacters.visible(entry.name());
    // These become file names, object names, refs and URLs when the entry is installed.
    Map<String, Optional<String>> names = new LinkedHashMap<>();
    names.put("name", Optional.of(entry.name()));
    names.put("tag", entry.tag());
    names.put("catalogSource", entry.catalogSource());
    names.put("url", entry.url());
    for (Map.Entry<String, Optional<String>> field : names.entrySet()) {
      Optional<String> problem = field.getValue().flatMap(ControlCharacters::problem);
      if (problem.isPresent()) {
        return Optional.of("entry '" + name + "': " + field.getKey() + " '"
            + SafeUrls.redact(ControlCharacters.visible(field.getValue().get())) + "' "
            + problem.get());
      }
    }
    if (entry.catalogSource().filter(s -> !s.isEmpty()).isEmpty()) {
      return Optional.of("entry '" + name + "' has no catalogSource");
    }
    if (entry.tag().isEmpty()) {
      return Optional.of("entry '" + name + "' has no tag; every entry is one version");
    }
    String tag = entry.tag().get();
    Optional<VersionTag> vt = entry.versionTag();
    if (vt.isEmpty()) {
      return Optional.of("tag '" + tag + "' of '" + name
          + "' is not <name>/<semver> or <semver>");
    }
    if (!vt.get().isFor(entry.name())) {
      return Optional.of("tag '" + tag + "' is not a version of profile '" + name + "'");
    }
    Optional<String> url = entry.url().flatMap(SourceUrls::problem);
    if (url.isPresent()) {
      return Optional.of("entry '" + name + "': url: " + url.get());
    }
    return Optional.empty();
  }

  /** The version of an indexable entry. */
  private static Version version(CatalogEntry e) {
    return e.versionTag().orElseThrow().version();
  }

  /** How many entries the index holds. */
  public int size() {
    return entries.size();
  }

  /** Every entry, in {@link #ORDER}. */
  public List<CatalogEntry> entries() {
    return entries;
  }

  /**
   * The entries whose profile name contains {@code nameContains} (case-sensitive), in {@link
   * #ORDER}; every entry when it is empty.
   */
  public List<CatalogEntry> search(String nameContains) {
    if (nameContains.isEmpty()) {
      return entries;
    }
    if (nameContains.indexOf(SEPARATOR) >= 0) {
      return scan(nameContains);
    }
    List<CatalogEntry> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int hit = haystack.indexOf(nameContains, from);
      if (hit < 0) {
        break;
      }
      int name = Arrays.binarySearch(starts, hit);
      // A hit never starts on a separator, so it lands inside name (-insertion - 2).
      name = name >= 0 ? name : -name - 2;
      out.addAll(entries.subList(firstEntry[name], firstEntry[name + 1]));
      from = starts[name + 1];
    }
    return Collections.unmodifiableList(out);
  }

  private List<CatalogEntry> scan(String nameContains) {
    List<CatalogEntry> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i].contains(nameContains)) {
        out.addAll(entries.subList(firstEntry[i], firstEntry[i + 1]));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Every version of {@code profile} in catalog source {@code catalog}, highest first. */
  public List<CatalogEntry> versions(String catalog, String profile) {
    return byProfile.getOrDefault(new Key(catalog, profile), List.of());
  }

  /**
   * The latest version of {@code profile} in {@code catalog}: its highest release, or its
   * highest pre-release when it has no release; empty when the catalog has no such profile.
   */
  public Optional<CatalogEntry> latest(String catalog, String profile) {
    List<CatalogEntry> all = versions(catalog, profile);
    return all.stream().filter(e -> !version(e).isPreRelease()).findFirst()
        .or(() -> all.stream().findFirst());
  }

  /**
   * The versions of {@code profile} in {@code catalog} that satisfy {@code constraint},
   * highest first; pre-releases by npm's rule ({@link VersionConstraint}) unless {@code
   * preReleases} is {@link PreReleases#INCLUDE}.
   *
   * <pre>{@code
   * index.versions("my-catalog", "nginx", VersionConstraint.parse("^1.2"), PreReleases.EXCLUDE);
   * }</pre>
   */
  public List<CatalogEntry> versions(String catalog, String profile,
      VersionConstraint constraint, PreReleases preReleases) {
    List<CatalogEntry> out = new ArrayList<>();
    for (CatalogEntry e : versions(catalog, profile)) {
      if (constraint.satisfiedBy(version(e), preReleases == PreReleases.INCLUDE)) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The entry of {@code profile} in {@code catalog} whose version has {@code version}'s precedence. */
  public Optional<CatalogEntry> version(String catalog, String profile, Version version) {
    return versions(catalog, profile).stream()
        .filter(e -> version(e).comparePrecedence(version) == 0).findFirst();
  }

  /**
   * The versions of {@code profile} in {@code catalog} of strictly higher precedence than
   * {@code current}, highest first, with pre-releases as {@code preReleases} says. {@code
   * current} need not be in the catalog (it may have been removed).
   */
  public List<CatalogEntry> availableUpdates(String catalog, String profile, Version current,
      PreReleases preReleases) {
    List<CatalogEntry> out = new ArrayList<>();
    for (CatalogEntry e : versions(catalog, profile)) {
      Version v = version(e);
      if (v.comparePrecedence(current) <= 0) {
        break;
      }
      if (!v.isPreRelease() || preReleases == PreReleases.INCLUDE || sameRelease(v, current)) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static boolean sameRelease(Version candidate, Version current) {
    return current.isPreRelease() && candidate.major() == current.major()
        && candidate.minor() == current.minor() && candidate.patch() == current.patch();
  }

  private record Key(String catalog, String profile) {
    static Key of(CatalogEntry e) {
      return new Key(e.catalogSource().orElseThrow(), e.name());
    }
  }

  @Override
  public String toString() {
    return "CatalogIndex[" + entries.size() + " entries, " + names.length + " profiles]";
  }
}
