package dev.profiles.core.preview.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.Change;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.preview.Expansion;
import dev.profiles.core.preview.KubeObject;
import dev.profiles.core.preview.NotExpanded;
import dev.profiles.core.preview.ObjectExpander;
import dev.profiles.core.preview.ObjectId;
import dev.profiles.core.preview.Preview;
import dev.profiles.core.preview.PreviewException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a {@link Preview}: reads each side's manifests of the installation directory,
 * expands the Flux objects among them (and the Flux objects those produce) with the first
 * {@link ObjectExpander} that handles each, and compares the sides. The files under the path of
 * a Flux Kustomization that was expanded are its input, not objects of their own: its expansion
 * replaces them. Reads only.
 */
public final class Engine {
  /** At most this many objects on one side: an input bound, far above real installations. */
  public static final int MAX_OBJECTS = 100_000;
  /** At most this many bytes of manifests read on one side. */
  public static final long MAX_BYTES = 512L << 20;
  /** Expansions nest at most this deep (a Kustomization producing a HelmRelease is two). */
  public static final int MAX_DEPTH = 8;
  private static final String RECORD_FILE = "profile-installation.yaml";

  private final List<ObjectExpander> expanders;

  public Engine(List<ObjectExpander> expanders) {
    this.expanders = List.copyOf(expanders);
  }

  /**
   * The preview of {@code change} (none: nothing changes) to installation {@code directory}
   * of {@code repository}, leaving out {@code conflicts} (files an upgrade could not merge).
   */
  public Preview preview(GitOpsRepository repository, Optional<Change> change, String directory,
      String operation, List<String> conflicts) throws ProfilesException {
    if (change.isEmpty()) {
      // Nothing changes (an installation up to date): expanding both sides would only fetch
      // its charts to show them unchanged, and fail a preview of every installation offline.
      List<KubeObject> same = new Engine(List.of()).side(Side.before(repository), directory,
          conflicts, new LinkedHashMap<>());
      return Comparison.compare(operation, Optional.of(directory), same, same, List.of(),
          conflicts);
    }
    Map<ObjectId, String> notExpanded = new LinkedHashMap<>();
    Map<ObjectId, String> notExpandedBefore = new LinkedHashMap<>();
    // A file an upgrade could not merge is left out of both sides: its after side is not YAML
    // until the user resolves it, and showing its objects as removed would be wrong.
    List<KubeObject> before = side(Side.before(repository), directory, conflicts,
        notExpandedBefore);
    List<KubeObject> after = side(Side.after(repository, change), directory, conflicts,
        notExpanded);
    notExpandedBefore.forEach(notExpanded::putIfAbsent);
    List<NotExpanded> listed = new ArrayList<>();
    notExpanded.forEach((id, reason) -> listed.add(new NotExpanded(id, reason)));
    return Comparison.compare(operation, Optional.of(directory), before, after, listed,
        conflicts);
  }

  /** The objects of one side: its manifests, each Flux object followed by its expansion. */
  public List<KubeObject> side(Side side, String directory, List<String> skip,
      Map<ObjectId, String> notExpanded) throws ProfilesException {
    List<KubeObject> declared = new ArrayList<>();
    long bytes = 0;
    for (String f : manifests(side.listFiles(directory), skip)) {
      if (f.equals(directory + "/" + RECORD_FILE)) {
        continue; // the SDK's record of the installation, not applied by its Kustomizations
      }
      Optional<byte[]> content = side.readFile(f);
      if (content.isEmpty()) {
        continue;
      }
      bytes += content.get().length;
      if (bytes > MAX_BYTES) {
        throw new PreviewException(directory + ": more than " + (MAX_BYTES >> 20)
            + " MiB of manifests; a preview reads at most that much");
      }
      declared.addAll(Manifests.read(f, content.get()));
      bound(declared.size(), directory);
    }
    Run run = new Run(side, notExpanded, skip);
    // A Flux Kustomization that is expanded stands for the files under its path: what it
    // builds (namespaces set, patches applied) is what Flux applies, not the files as written.
    List<String> covered = new ArrayList<>();
    Set<ObjectId> covering = new HashSet<>();
    for (KubeObject o : declared) {
      Optional<String> path = o.id().kind().equals("Kustomization") ? sourcePath(o)
          : Optional.empty();
      if (path.isPresent()) {
        Optional<Expansion> e = run.expansion(o, 0);
        if (e.isPresent() && e.get().notExpanded().isEmpty()) {
          covered.add(path.get());
          covering.add(o.id());
        }
      }
    }
    for (KubeObject o : declared) {
      boolean built = o.file().isPresent() && !covering.contains(o.id())
          && covered.stream().anyMatch(c -> Side.under(o.file().get(), c));
      if (!built) {
        run.emit(o, 0);
      }
    }
    return new ArrayList<>(run.out.values());
  }

  /** One side's expansion: every object once, every expansion computed once. */
  private final class Run {
    final Side side;
    final Map<ObjectId, String> notExpanded;
    final Map<ObjectId, KubeObject> out = new LinkedHashMap<>();
    final Set<ObjectId> emitted = new HashSet<>();
    final Map<ObjectId, Optional<Expansion>> expansions = new HashMap<>();
    final List<String> conflicts;

    Run(Side side, Map<ObjectId, String> notExpanded, List<String> conflicts) {
      this.side = side;
      this.notExpanded = notExpanded;
      this.conflicts = conflicts;
    }

    void emit(KubeObject o, int depth) throws ProfilesException {
      out.putIfAbsent(o.id(), o);
      bound(out.size(), o.id().toString());
      if (!emitted.add(o.id())) {
        return;
      }
      Optional<Expansion> expansion = expansion(o, depth);
      if (expansion.isEmpty()) {
        if (isFlux(o.id())) {
          notExpanded.put(o.id(), "no expander for " + o.id().group() + "/" + o.id().kind());
        }
        return;
      }
      if (expansion.get().notExpanded().isPresent()) {
        notExpanded.put(o.id(), expansion.get().notExpanded().get());
        return;
      }
      for (KubeObject produced : expansion.get().objects()) {
        KubeObject p = produced.producedBy().isPresent() ? produced
            : KubeObject.builder().from(produced).producedBy(o.id()).build();
        emit(p, depth + 1);
      }
    }

    /** The expansion of {@code o}, computed once; empty when no expander handles it. */
    Optional<Expansion> expansion(KubeObject o, int depth) throws ProfilesException {
      Optional<Expansion> known = expansions.get(o.id());
      if (known != null) {
        return known;
      }
      Optional<ObjectExpander> expander = expanders.stream().filter(e -> handles(e, o))
          .findFirst();
      if (expander.isEmpty()) {
        expansions.put(o.id(), Optional.empty());
        return Optional.empty();
      }
      // Its files hold a merge's conflict markers until the user resolves them: not input an
      // expander can read (a chart's values.yaml, a kustomization). On both sides, so that its
      // objects are neither shown as removed nor as added.
      List<String> conflicted = sourcePath(o).map(dir -> conflicts.stream()
          .filter(f -> Side.under(f, dir)).toList()).orElse(List.of());
      if (!conflicted.isEmpty()) {
        Expansion skipped = Expansion.notExpanded("merge conflicts in "
            + String.join(", ", conflicted.subList(0, Math.min(3, conflicted.size())))
            + (conflicted.size() > 3 ? " and " + (conflicted.size() - 3) + " more" : ""));
        expansions.put(o.id(), Optional.of(skipped));
        return Optional.of(skipped);
      }
      if (depth >= MAX_DEPTH) {
        throw new PreviewException(where(o) + ": expansions nest more than " + MAX_DEPTH
            + " levels deep; do Flux objects produce each other in a cycle?");
      }
      Expansion expansion;
      try {
        expansion = expander.get().expand(o, side);
      } catch (ProfilesException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PreviewException(where(o) + ": expanding it failed: "
            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                + e.getMessage()), e);
      }
      if (expansion == null) {
        throw new PreviewException(where(o) + ": its expander " + expander.get().getClass()
            .getName() + " returned nothing");
      }
      expansions.put(o.id(), Optional.of(expansion));
      return Optional.of(expansion);
    }
  }

  /**
   * The directory of the GitOps repository a Flux object builds from: a Kustomization's {@code
   * spec.path}, a HelmRelease's chart path in a GitRepository; empty for others.
   */
  private static Optional<String> sourcePath(KubeObject o) {
    if (!(o.content().get("spec") instanceof Map<?, ?> spec)) {
      return Optional.empty();
    }
    if (o.id().group().equals("kustomize.toolkit.fluxcd.io")
        && o.id().kind().equals("Kustomization") && spec.get("path") instanceof String path) {
      return Optional.of(Side.normalize(path));
    }
    if (o.id().group().equals("helm.toolkit.fluxcd.io") && o.id().kind().equals("HelmRelease")
        && spec.get("chart") instanceof Map<?, ?> chart
        && chart.get("spec") instanceof Map<?, ?> chartSpec
        && chartSpec.get("sourceRef") instanceof Map<?, ?> ref
        && "GitRepository".equals(ref.get("kind"))
        && chartSpec.get("chart") instanceof String path) {
      return Optional.of(Side.normalize(path));
    }
    return Optional.empty();
  }

  private static boolean handles(ObjectExpander e, KubeObject o) {
    try {
      return e.handles(o);
    } catch (RuntimeException ex) {
      return false; // an expander that cannot tell does not handle it
    }
  }

  /** Whether {@code id} is a Flux object that deploys others: a HelmRelease or Kustomization. */
  public static boolean isFlux(ObjectId id) {
    return (id.group().equals("helm.toolkit.fluxcd.io") && id.kind().equals("HelmRelease"))
        || (id.group().equals("kustomize.toolkit.fluxcd.io")
            && id.kind().equals("Kustomization"));
  }

  private static String where(KubeObject o) {
    return o.id().kind() + " " + (o.id().namespace().isEmpty() ? "" : o.id().namespace() + "/")
        + o.id().name() + o.file().map(f -> " (" + f + ")").orElse("")
        + o.producedBy().map(p -> " (produced by " + p + ")").orElse("");
  }

  private static void bound(int size, String what) throws PreviewException {
    if (size > MAX_OBJECTS) {
      throw new PreviewException(what + ": more than " + MAX_OBJECTS + " objects; a preview"
          + " reads at most that many");
    }
  }

  /**
   * The manifests among {@code files}: {@code .yaml} and {@code .yml} files that are not in a
   * Helm chart (a directory holding {@code Chart.yaml}, whose templates are not YAML until
   * rendered) and not in {@code skip}.
   */
  static List<String> manifests(List<String> files, List<String> skip) {
    List<String> charts = new ArrayList<>();
    for (String f : files) {
      if (f.equals("Chart.yaml") || f.endsWith("/Chart.yaml")) {
        charts.add(f.substring(0, f.length() - "Chart.yaml".length()));
      }
    }
    Set<String> skipped = new HashSet<>(skip);
    List<String> out = new ArrayList<>();
    for (String f : files) {
      if ((f.endsWith(".yaml") || f.endsWith(".yml")) && !skipped.contains(f)
          && charts.stream().noneMatch(f::startsWith)) {
        out.add(f);
      }
    }
    return out;
  }
}
