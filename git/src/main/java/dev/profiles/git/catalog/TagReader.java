package dev.profiles.git.catalog;

import dev.profiles.core.catalog.ScanResult;
import dev.profiles.core.catalog.SkippedTag;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.KubernetesNames;
import dev.profiles.core.rules.TreeEntries;
import dev.profiles.core.version.VersionTag;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads the new tags of one fetched repository: for each, finds its {@code profile.yaml} in the
 * object database and parses it, or says why it is skipped. One instance per scan.
 *
 * <p>A {@code profile.yaml} that is a symbolic link is followed the way resolution follows one
 * (inside the profile directory only, at most {@value #MAX_LINK_HOPS} hops), so that the catalog
 * lists exactly the versions that can be installed.
 *
 * <p>Only tags that name a version of a validly named profile are read: {@code <name>/<semver>}
 * with exactly one {@code /} and a DNS-1123 label as the name, or a bare semver. The profile
 * directory is that name, so no tag (not {@code ../v1.0.0}, which a hostile server can
 * advertise even though git refuses to create it, nor {@code a/b/v1.0.0}) can make the reader
 * look at a path outside it. Names and reasons are shown with control characters made visible.
 */
final class TagReader {
  private static final int MAX_LINK_HOPS = 8;
  private static final int MAX_LINK_TARGET = 4096;
  /** A README longer than this is cut here (at a character boundary) with a note. */
  static final int MAX_README = 64 * 1024;
  /** Appended to a README that was cut at {@link #MAX_README} bytes. */
  static final String README_TRUNCATED = "\n\n*(README truncated: it is longer than 64 KiB.)*\n";
  /** The names a README may have next to profile.yaml, in order of preference. */
  private static final List<String> README_NAMES = List.of("README.md", "readme.md", "README");

  private final String safeUrl;
  private final long maxSize;
  private final ProfileYaml yaml = ProfileYaml.strict();
  /** Outcomes by blob and path: many versions share one profile.yaml, parse it once. */
  private final Map<String, Outcome> parsed = new HashMap<>();
  /**
   * READMEs by blob id: identical contents are one blob, so every tag whose README did not
   * change shares one string (a catalog of many tags holds each distinct README once).
   */
  private final Map<ObjectId, Optional<String>> readmes = new HashMap<>();

  /** A tag's profile, or the reason it has none. */
  private record Outcome(Optional<ProfileDefinition> profile, String reason,
      Optional<String> readme, Optional<ObjectId> commit) {
    static Outcome skip(String reason) {
      return new Outcome(Optional.empty(), reason, Optional.empty(), Optional.empty());
    }

    Outcome withReadme(Optional<String> readme) {
      return new Outcome(profile, reason, readme, commit);
    }

    Outcome at(ObjectId commit) {
      return new Outcome(profile, reason, readme, Optional.of(commit));
    }
  }

  TagReader(String safeUrl, long maxSize) {
    this.safeUrl = safeUrl;
    this.maxSize = maxSize;
  }

  /** The result for {@code refs} (full names, as advertised), skipping {@code knownTags}. */
  ScanResult read(Repository repo, Map<String, Ref> refs, Set<String> knownTags)
      throws IOException {
    var out = ScanResult.builder();
    Map<String, Ref> sorted = new TreeMap<>();
    refs.forEach((name, ref) -> sorted.put(name.substring(Constants.R_TAGS.length()), ref));
    out.addAllTags(sorted.keySet());
    try (RevWalk walk = new RevWalk(repo)) {
      for (Map.Entry<String, Ref> e : sorted.entrySet()) {
        String tag = e.getKey();
        if (knownTags.contains(tag)) {
          continue;
        }
        Optional<VersionTag> version = VersionTag.parse(tag);
        Optional<String> badName = version.flatMap(VersionTag::profileName)
            .flatMap(KubernetesNames::labelProblem);
        if (version.isEmpty() || badName.isPresent() || ControlCharacters.problem(tag).isPresent()) {
          out.addSkipped(new SkippedTag(tag, notAVersion(tag)));
          continue;
        }
        Outcome outcome;
        try {
          RevObject peeled = walk.peel(walk.parseAny(e.getValue().getObjectId()));
          outcome = readTag(walk, peeled, version.get());
          if (peeled instanceof RevCommit) {
            // The peel reading needs anyway: the commit this version was read from.
            outcome = outcome.at(peeled.copy());
          }
        } catch (IOException corrupt) {
          throw corrupt;
        } catch (RuntimeException | StackOverflowError hostile) {
          // One tag's objects or profile.yaml broke a parser: that tag is skipped, not the scan.
          outcome = Outcome.skip("cannot be read: " + hostile.getClass().getSimpleName());
        }
        outcome.commit().ifPresent(c -> out.putTagCommit(tag, c.name()));
        if (outcome.profile().isPresent()) {
          ProfileDefinition p = outcome.profile().get();
          out.addEntry(CatalogEntry.builder().name(p.name()).tag(tag).url(safeUrl)
              .description(p.description()).maintainer(p.maintainer())
              .addAllPrerequisites(p.prerequisites()).addAllArtifacts(p.artifacts())
              .readme(outcome.readme()).build());
        } else {
          out.addSkipped(new SkippedTag(tag, outcome.reason()));
        }
      }
    }
    return out.build();
  }

  /** The profile at {@code peeled} (a tag's object, peeled), or why there is none. */
  private Outcome readTag(RevWalk walk, RevObject peeled, VersionTag version)
      throws IOException {
    if (!(peeled instanceof RevCommit commit)) {
      return Outcome.skip("the tag points at a " + Constants.typeString(peeled.getType())
          + ", not a commit");
    }
    Optional<String> dir = version.profileName();
    String prefix = dir.map(d -> d + "/").orElse("");
    String path = prefix + "profile.yaml";
    ObjectReader reader = walk.getObjectReader();
    RevTree tree = commit.getTree();
    String current = "profile.yaml";
    for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      try (TreeWalk tw = TreeWalk.forPath(reader, prefix + current, tree)) {
        if (tw == null || tw.getFileMode(0) == FileMode.GITLINK) {
          return Outcome.skip(hop == 0 ? "no " + path + " at this tag"
              : path + " is a symbolic link to " + prefix + current + ", which does not exist");
        }
        FileMode mode = tw.getFileMode(0);
        ObjectId blob = tw.getObjectId(0);
        if (mode == FileMode.TREE) {
          return Outcome.skip(path + " is a directory");
        }
        if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          Outcome parsed = parse(reader, blob, path, dir);
          return parsed.profile().isPresent()
              ? parsed.withReadme(readme(reader, tree, prefix)) : parsed;
        }
        // A symbolic link: continue at its target, which must stay inside the profile directory.
        if (reader.getObjectSize(blob, Constants.OBJ_BLOB) > MAX_LINK_TARGET) {
          return Outcome.skip(path + " is a symbolic link with an oversized target");
        }
        String target = new String(reader.open(blob, Constants.OBJ_BLOB).getBytes(),
            StandardCharsets.UTF_8);
        Optional<String> inside = TreeEntries.linkTarget(current, target);
        if (inside.isEmpty()) {
          return Outcome.skip(path + " is a symbolic link to " + target
              + ", outside the profile directory; links may only point inside it");
        }
        current = inside.get();
      }
    }
    return Outcome.skip(path + " is a symbolic link in a chain of more than " + MAX_LINK_HOPS
        + " links, or a loop");
  }

  private Outcome parse(ObjectReader reader, ObjectId blob, String path, Optional<String> dir)
      throws IOException {
    String key = blob.name() + ":" + path;
    Outcome known = parsed.get(key);
    if (known != null) {
      return known;
    }
    Outcome outcome;
    long size;
    try {
      size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    } catch (MissingObjectException e) {
      throw new IOException("the cached copy lacks " + path + " (" + blob.name() + ")", e);
    }
    if (size > maxSize) {
      outcome = Outcome.skip(path + " is " + size + " bytes, more than the " + maxSize
          + " allowed");
    } else {
      byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes((int) size);
      try {
        outcome = new Outcome(Optional.of(yaml.readProfile(path, bytes, dir)), "", Optional.empty(),
            Optional.empty());
      } catch (InvalidDocumentException invalid) {
        outcome = Outcome.skip(invalid.getMessage());
      }
    }
    parsed.put(key, outcome);
    return outcome;
  }

  /**
   * The README next to profile.yaml: the first of {@link #README_NAMES} that is a regular file,
   * decoded as UTF-8 (malformed bytes replaced) and cut at {@link #MAX_README} bytes. A README
   * is decoration: a link, a directory or an unreadable one is no README, never a skipped tag.
   */
  private Optional<String> readme(ObjectReader reader, RevTree tree, String prefix)
      throws IOException {
    for (String name : README_NAMES) {
      try (TreeWalk tw = TreeWalk.forPath(reader, prefix + name, tree)) {
        if (tw == null) {
          continue;
        }
        FileMode mode = tw.getFileMode(0);
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
          continue;
        }
        ObjectId blob = tw.getObjectId(0).copy();
        Optional<String> known = readmes.get(blob);
        if (known != null) {
          return known;
        }
        long size;
        try {
          size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        } catch (MissingObjectException e) {
          throw new IOException("the cached copy lacks " + prefix + name + " (" + blob.name()
              + ")", e);
        }
        Optional<String> text;
        if (size > MAX_README) {
          byte[] head = new byte[MAX_README];
          int n;
          try (var in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
            n = in.readNBytes(head, 0, MAX_README);
          }
          // Cut back to a UTF-8 character boundary, so the cut never shows a U+FFFD.
          while (n > 0 && (head[n - 1] & 0xC0) == 0x80) {
            n--;
          }
          if (n > 0 && (head[n - 1] & 0x80) != 0) {
            n--;
          }
          text = Optional.of(new String(head, 0, n, StandardCharsets.UTF_8) + README_TRUNCATED);
        } else {
          text = Optional.of(new String(reader.open(blob, Constants.OBJ_BLOB)
              .getCachedBytes((int) size), StandardCharsets.UTF_8));
        }
        readmes.put(blob, text);
        return text;
      }
    }
    return Optional.empty();
  }

  static String notAVersion(String tag) {
    Optional<String> control = ControlCharacters.problem(tag);
    if (control.isPresent()) {
      return "not a version tag: the name " + control.get();
    }
    int slash = tag.indexOf('/');
    if (slash >= 0 && tag.indexOf('/', slash + 1) >= 0) {
      return "not a version tag: version tags are <profile>/<semver>, one level deep";
    }
    if (slash == 0) {
      return "not a version tag: the profile name before '/' is empty";
    }
    if (slash > 0) {
      Optional<String> name = KubernetesNames.labelProblem(tag.substring(0, slash));
      if (name.isPresent()) {
        return "not a version tag: the profile name " + name.get();
      }
    }
    return "not a version tag: '" + tag.substring(slash + 1) + "' is not a semantic version";
  }
}
