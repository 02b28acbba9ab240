package dev.profiles.git.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.internal.Loggers;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.InvalidRefException;
import dev.profiles.core.resolve.MissingRefException;
import dev.profiles.core.resolve.ProfileCycleException;
import dev.profiles.core.resolve.ProfileDirectory;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.resolve.SizeLimitExceededException;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.DependencyCycles;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.core.rules.SourceUrls;
import dev.profiles.core.version.VersionTag;
import dev.profiles.core.yaml.DocumentWarning;
import dev.profiles.core.yaml.ReadResult;
import dev.profiles.git.UrlRewrites;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.slf4j.Logger;

/**
 * One resolution of a profile tree. Nested profiles are resolved level by level so that the
 * sources of one level that share a repository cost one ref advertisement and at most one
 * fetch (of only the refs not cached yet). What was advertised and read is remembered for the
 * rest of the resolution: a profile met again is not read again, and with protocol v0 (which
 * advertises every ref) a repository is advertised once per resolution. A repository met again
 * at a deeper level with a ref not fetched yet costs one more fetch of that ref.
 */
public final class Resolution {
  private static final Logger LOG = Loggers.get("dev.profiles.git");
  private final RepoCache cache;
  private final Transports transports;
  private final Limits limits;
  private final int maxDepth;
  private final ParsedProfiles parsed;
  private final Map<String, Map<String, Optional<Ref>>> advertised = new HashMap<>();
  private final Map<String, Loaded> loaded = new HashMap<>();
  private final Map<String, List<VersionTag>> rangeTags = new HashMap<>();
  private final SourcePolicy policy;
  private final UrlRewrites rewrites;
  private final Operation op;
  private long artifacts;
  private long files;
  private long bytes;

  private record Loaded(String commit, ProfileDefinition definition, ProfileDirectory directory,
      List<DocumentWarning> warnings, int fileCount, long totalBytes) {}

  private final class Node {
    final ProfileSource source;
    /** Where the repository is read from: the source's URL after the caller's rewrites. */
    final String fetchUrl;
    final String key;
    final String label;
    final Node parent;
    final int depth;
    final Map<String, Node> children = new LinkedHashMap<>();
    /** What names it, for errors: "" for the root, else "nested profile 'x' of LABEL". */
    final String namedBy;

    Node(ProfileSource source, Node parent, String namedBy) {
      this.source = source;
      this.parent = parent;
      this.namedBy = namedBy;
      this.depth = parent == null ? 0 : parent.depth + 1;
      this.fetchUrl = rewrites.rewrite(source.url());
      this.key = RepoUrls.canonical(fetchUrl) + "@" + source.refName() + ":"
          + source.effectivePath();
      this.label = source.location();
    }
  }

  public Resolution(RepoCache cache, Transports transports, ParsedProfiles parsed, Limits limits,
      int maxDepth, SourcePolicy policy, UrlRewrites rewrites, Operation op) {
    this.op = op;
    this.parsed = parsed;
    this.cache = cache;
    this.transports = transports;
    this.limits = limits;
    this.maxDepth = maxDepth;
    this.policy = policy;
    this.rewrites = rewrites;
  }

  /**
   * Checks a source against the trust policy before anything is read from it, as written and,
   * when a rewrite applies, as rewritten. Locality is judged by the URLs as written: a rewrite
   * is the caller's own configuration, so a remote source rewritten to a local mirror may be
   * read, while a local source named by a remote profile is refused whatever it is rewritten
   * to. A nested source is judged against the profile that names it, so a local profile
   * nesting a remote one cannot hand that remote profile access to local sources.
   */
  public static void checkSource(SourcePolicy policy, UrlRewrites rewrites, String referrerUrl,
      String url, String what) throws UntrustedSourceException {
    if (referrerUrl == null) {
      policy.checkRoot(url);
    } else {
      policy.checkNested(referrerUrl, url, what);
    }
    refuseUnreadable(url, what);
    String rewritten = rewrites.rewrite(url);
    if (!rewritten.equals(url)) {
      try {
        policy.checkRoot(rewritten);
        refuseUnreadable(rewritten, what);
      } catch (UntrustedSourceException e) {
        throw new UntrustedSourceException(what + " '" + SafeUrls.redact(url)
            + "' is rewritten (insteadOf) to a refused URL: " + e.getMessage());
      }
    }
  }

  /**
   * Refuses what the transport would refuse, before the cache is opened: a URL JGit reads
   * differently from git, and a local file (as opposed to a directory), which JGit would read
   * as a git bundle. The URL as written is what the user reads: the message names it.
   */
  private static void refuseUnreadable(String url, String what)
      throws UntrustedSourceException {
    try {
      Transports.parse(url);
    } catch (UntrustedSourceException e) {
      throw new UntrustedSourceException(what + ": " + e.getMessage());
    } catch (ResolveException e) {
      // Not parseable at all: the transport reports the repository as not found.
      return;
    }
    if (!SourceUrls.isLocal(url)) {
      return;
    }
    try {
      String path = url.regionMatches(true, 0, "file:", 0, 5) ? new URIish(url).getPath() : url;
      if (path != null && Files.isRegularFile(Path.of(path))) {
        throw new UntrustedSourceException(what + ": '" + SafeUrls.redact(url) + "' is a file"
            + " (a git bundle?), not a repository directory; only repositories are read");
      }
    } catch (URISyntaxException | InvalidPathException e) {
      // Not a readable path: the transport reports the repository as not found.
    }
  }

  /** Resolves {@code root} and every profile it nests. */
  public ResolvedProfile resolve(ProfileSource root) throws ProfilesException {
    checkSource(policy, rewrites, null, root.url(), "source");
    Node rootNode = new Node(resolveRange(root, "source"), null, "");
    checkTag(rootNode);
    List<Node> level = List.of(rootNode);
    while (!level.isEmpty()) {
      load(level);
      List<Node> next = new ArrayList<>();
      for (Node node : level) {
        Loaded l = loaded.get(node.key);
        count(node, l);
        for (Artifact a : l.definition().artifacts()) {
          if (a instanceof NestedProfileArtifact nested) {
            String what = "nested profile '" + a.name() + "' of " + node.label;
            checkSource(policy, rewrites, node.source.url(), nested.source().url(), what);
            Node child = new Node(resolveRange(nested.source(), what), node, what);
            checkCycle(child);
            checkTag(child);
            node.children.put(a.name(), child);
            next.add(child);
          }
        }
      }
      level = next;
    }
    return build(rootNode, new HashMap<>());
  }

  /**
   * A source with a version range ({@code profile.source.version}) as the newest version tag
   * of its profile satisfying it, read from one tag advertisement of its repository (kept for
   * the rest of this resolution, so every range of one repository sees one snapshot).
   */
  private ProfileSource resolveRange(ProfileSource source, String what)
      throws ProfilesException {
    if (!source.isVersionRange()) {
      return source;
    }
    String fetchUrl = rewrites.rewrite(source.url());
    String canonical = RepoUrls.canonical(fetchUrl);
    List<VersionTag> tags = rangeTags.get(canonical);
    if (tags == null) {
      Map<String, Ref> answer = op.interruptibly("listing tags of "
          + SafeUrls.redact(source.url()), () -> transports.advertiseTags(fetchUrl, op));
      tags = new ArrayList<>();
      for (String name : answer.keySet()) {
        if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}")) {
          VersionTag.parse(name.substring(Constants.R_TAGS.length())).ifPresent(tags::add);
        }
      }
      rangeTags.put(canonical, tags);
    }
    return source.resolveRange(tags).orElseThrow(() -> new MissingRefException("no version"
        + " tag " + source.versionedProfileName().map(n -> n + "/<semver>").orElse("<semver>")
        + " of " + SafeUrls.redact(source.url()) + " satisfies version '"
        + ControlCharacters.visible(source.version().orElseThrow()) + "' (" + what + ")"));
  }

  /**
   * The checks of a root source that need nothing but the source: trust policy and tag shape.
   * Run before the cache is opened, so that a refused source leaves no trace on disk.
   */
  public static void precheck(SourcePolicy policy, UrlRewrites rewrites, ProfileSource source)
      throws ProfilesException {
    checkSource(policy, rewrites, null, source.url(), "source");
    checkTag(source, SafeUrls.redact(source.url()));
  }

  private static void checkTag(Node node) throws InvalidRefException {
    checkTag(node.source, node.label);
  }

  /** A tag source is a version: {@code <semver>} or {@code <profile>/<semver>}. */
  private static void checkTag(ProfileSource source, String label) throws InvalidRefException {
    Optional<String> tag = source.tag();
    if (tag.isPresent() && VersionTag.parse(tag.get()).isEmpty()) {
      throw new InvalidRefException("tag '" + ControlCharacters.visible(tag.get()) + "' of "
          + label + " is not a profile version: a version tag is <semver> or"
          + " <profile>/<semver> (e.g. nginx/v1.0.0); follow a branch to use other refs");
    }
  }

  /**
   * Adds one occurrence of a profile to the tree's totals. Every occurrence counts, as every
   * one is rendered; and since nested profiles are artifacts, bounding the artifacts bounds
   * the number of nodes this resolution will ever create.
   */
  private void count(Node node, Loaded l) throws SizeLimitExceededException {
    artifacts += l.definition().artifacts().size();
    files += l.fileCount();
    bytes += l.totalBytes();
    String at = " (reached at " + node.label + "; every nested occurrence counts)";
    if (artifacts > limits.maxArtifacts()) {
      throw new SizeLimitExceededException("the resolved profile tree has more than "
          + limits.maxArtifacts() + " artifacts" + at);
    }
    if (files > limits.maxFiles()) {
      throw new SizeLimitExceededException("the profile directories of the resolved tree hold"
          + " more than " + limits.maxFiles() + " files" + at);
    }
    if (bytes > limits.maxTreeSize()) {
      throw new SizeLimitExceededException("the profile directories of the resolved tree hold"
          + " more than " + Limits.human(limits.maxTreeSize()) + at);
    }
  }

  private void checkCycle(Node child) throws ResolveException {
    List<Node> path = new ArrayList<>();
    for (Node n = child.parent; n != null; n = n.parent) {
      path.add(0, n);
    }
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i).key.equals(child.key)) {
        List<String> chain = new ArrayList<>();
        path.subList(i, path.size()).forEach(n -> chain.add(n.label));
        chain.add(child.label);
        throw new ProfileCycleException(
            "nested profiles form a cycle: " + DependencyCycles.describe(chain), chain);
      }
    }
    if (child.depth > maxDepth) {
      throw new ResolveException("profiles nest deeper than " + maxDepth + " levels at "
          + child.label);
    }
  }

  private ResolvedProfile build(Node node, Map<String, ResolvedProfile> done) {
    ResolvedProfile known = done.get(node.key);
    if (known != null && known.source().equals(node.source)) {
      return known;
    }
    Loaded l = loaded.get(node.key);
    Map<String, ResolvedProfile> nested = new LinkedHashMap<>();
    node.children.forEach((name, child) -> nested.put(name, build(child, done)));
    ResolvedProfile built = ResolvedProfile.builder().source(node.source).commit(l.commit())
        .definition(l.definition()).directory(l.directory()).putAllNested(nested)
        .addAllWarnings(l.warnings()).build();
    done.put(node.key, built);
    return built;
  }

  private void load(List<Node> level) throws ProfilesException {
    Map<String, List<Node>> byRepo = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Node n : level) {
      if (!loaded.containsKey(n.key) && seen.add(n.key)) {
        byRepo.computeIfAbsent(RepoUrls.canonical(n.fetchUrl), k -> new ArrayList<>()).add(n);
      }
    }
    for (Map.Entry<String, List<Node>> repo : byRepo.entrySet()) {
      loadRepo(repo.getKey(), repo.getValue());
    }
  }

  /**
   * For a tag that is not there, the repository's tags of the same version (a user who gives
   * {@code v1.0.0} where the profile's tags read {@code nginx/v1.0.0}): " (tags of that
   * version: nginx/v1.0.0)", or "" when there are none or the tags cannot be listed. One more
   * advertisement, on the error path only.
   */
  private String sameVersionTags(String url, String tag)
      throws CancelledException {
    String bare = bareVersion(tag);
    List<String> like;
    try {
      like = op.interruptibly("listing tags of " + SafeUrls.redact(url),
          () -> transports.advertiseTags(url, op)).keySet().stream()
          // Servers may advertise more than was asked (HEAD, branches): tags only.
          .filter(r -> r.startsWith(Constants.R_TAGS) && !r.endsWith("^{}"))
          .map(r -> r.substring(Constants.R_TAGS.length()))
          .filter(t -> !t.equals(tag) && bareVersion(t).equals(bare)).sorted().limit(4)
          .toList();
    } catch (CancelledException e) {
      throw e;
    } catch (ProfilesException | RuntimeException cannotList) {
      return "";
    }
    if (like.isEmpty()) {
      return "";
    }
    return " (tags of that version: " + like.stream().limit(3)
        .map(ControlCharacters::visible)
        .collect(Collectors.joining(", ")) + (like.size() > 3 ? ", ..." : "")
        + ")";
  }

  /** The version part of a tag without its profile and its 'v': nginx/v1.0.0 is 1.0.0. */
  private static String bareVersion(String tag) {
    String v = tag.substring(tag.lastIndexOf('/') + 1);
    return v.startsWith("v") ? v.substring(1) : v;
  }

  private void loadRepo(String canonical, List<Node> nodes) throws ProfilesException {
    String url = nodes.get(0).fetchUrl;
    Map<String, Optional<Ref>> refs = advertised.computeIfAbsent(canonical, k -> new HashMap<>());
    Set<String> unknown = new LinkedHashSet<>();
    nodes.forEach(n -> {
      if (!refs.containsKey(n.source.refName())) {
        unknown.add(n.source.refName());
      }
    });
    if (!unknown.isEmpty()) {
      String what = "reading refs of " + SafeUrls.redact(url);
      Map<String, Ref> answer = op.interruptibly(what,
          () -> transports.advertise(url, unknown, op));
      unknown.forEach(r -> refs.put(r, Optional.ofNullable(answer.get(r))));
      // Protocol v0 advertises every ref: keep them all, so that profiles of this repository
      // met at deeper levels need no second advertisement and see the same snapshot.
      answer.forEach((name, ref) -> refs.putIfAbsent(name, Optional.of(ref)));
    }
    for (Node n : nodes) {
      if (refs.get(n.source.refName()).isEmpty()) {
        throw new MissingRefException((n.source.isTag() ? "tag " : "branch ")
            + n.source.tag().orElseGet(() -> n.source.effectiveBranch().orElseThrow())
            + " not found in " + SafeUrls.redact(url)
            + (n.source.isTag() ? sameVersionTags(url, n.source.tag().orElseThrow()) : "")
            + (n.namedBy.isEmpty() ? "" : " (" + n.namedBy + ")"));
      }
    }
    // On an I/O thread, lease included: an interrupted caller returns at once, and the
    // abandoned fetch releases the entry it holds itself (see Operation).
    op.interruptibly("resolving from " + SafeUrls.redact(url), () -> {
      loadLeased(url, nodes, refs);
      return null;
    });
  }

  private void loadLeased(String url, List<Node> nodes, Map<String, Optional<Ref>> refs)
      throws ProfilesException {
    try (RepoCache.Lease lease = cache.open(url)) {
      try {
        loadFrom(lease.repository(), url, nodes, refs);
      } catch (IOException corrupt) {
        // The entry cannot be read (a crash we did not foresee, a disk error): start afresh.
        lease.purge();
        try {
          loadFrom(lease.repository(), url, nodes, refs);
        } catch (IOException again) {
          throw new ResolveException("cannot read the cached copy of " + SafeUrls.redact(url)
              + ": " + again.getMessage(), again);
        }
      }
    } catch (IOException e) {
      throw new ResolveException("cannot use the git cache for " + SafeUrls.redact(url) + ": "
          + e.getMessage(), e);
    } catch (JGitInternalException | RevWalkException | LargeObjectException e) {
      // JGit's unchecked failures while reading the cache: wrapped, never leaked raw.
      throw new ResolveException("cannot read the cached copy of " + SafeUrls.redact(url) + ": "
          + e.getMessage(), e);
    }
  }

  private void loadFrom(Repository repo, String url, List<Node> nodes,
      Map<String, Optional<Ref>> refs) throws ProfilesException, IOException {
    Set<ObjectId> local = null;
    Set<String> toFetch = new LinkedHashSet<>();
    for (Node n : nodes) {
      ObjectId id = refs.get(n.source.refName()).orElseThrow().getObjectId();
      // Refs move only after their objects are complete, so a local ref at the advertised id
      // proves the objects are here: nothing to transfer. The ref of the same name usually
      // answers; otherwise any ref at that id (a branch and a tag on one commit) does.
      Ref same = repo.exactRef(n.source.refName());
      if (same != null && id.equals(same.getObjectId())) {
        continue;
      }
      if (local == null) {
        local = new HashSet<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
          if (r.getObjectId() != null) {
            local.add(r.getObjectId());
          }
        }
      }
      if (!local.contains(id)) {
        toFetch.add(n.source.refName());
      }
    }
    if (!toFetch.isEmpty()) {
      transports.fetch(repo, url, toFetch, op);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("cache hit: {} of {} already cached, nothing fetched",
          nodes.stream().map(n -> n.source.refName()).toList(), SafeUrls.redact(url));
    }
    try (RevWalk walk = new RevWalk(repo)) {
      for (Node n : nodes) {
        Ref ref = refs.get(n.source.refName()).orElseThrow();
        RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
        if (!(target instanceof RevCommit commit)) {
          throw new InvalidRefException((n.source.isTag() ? "tag " + n.source.tag().orElseThrow()
              : "branch " + n.source.effectiveBranch().orElseThrow()) + " points at "
              + typeName(target) + ", not a commit (" + n.label + ")");
        }
        String where = SafeUrls.redact(n.source.url()) + " "
            + (n.source.isTag() ? "tag " + n.source.tag().orElseThrow()
                : "branch " + n.source.effectiveBranch().orElseThrow())
            + " (" + commit.abbreviate(12).name() + ")";
        String dir = n.source.effectivePath();
        TreeSnapshot.Result files = TreeSnapshot.read(walk.getObjectReader(), commit, dir, limits,
            where, cache, repo.getDirectory().toPath().toAbsolutePath());
        String documentName = SafeUrls.redact(n.source.url()) + "@"
            + n.source.tag().orElseGet(() -> n.source.effectiveBranch().orElseThrow()) + ":"
            + (dir.equals(".") ? "" : dir + "/") + "profile.yaml";
        Optional<String> dirName = dir.equals(".") ? Optional.empty()
            : Optional.of(dir.substring(dir.lastIndexOf('/') + 1));
        ReadResult<ProfileDefinition> definition = parsed.parse(documentName,
            files.profileYamlId(), files.profileYaml(), dirName);
        loaded.put(n.key, new Loaded(commit.name(), definition.value(), files.directory(),
            definition.warnings(), files.fileCount(), files.totalBytes()));
      }
    }
  }

  private static String typeName(RevObject o) {
    return switch (o.getType()) {
      case Constants.OBJ_TREE -> "a tree";
      case Constants.OBJ_BLOB -> "a blob";
      case Constants.OBJ_TAG -> "a tag";
      default -> "an object of type " + o.getType();
    };
  }
}
