package dev.profiles.flux.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks that the kustomization files copied with an artifact reference only files of that
 * artifact's own directory. The profile's source (repository, tag, path) is what the user
 * chose to trust and what the installation records; a {@code kustomization.yaml} that names
 * {@code ../../other}, {@code /etc/...} or a remote URL ({@code github.com/org/repo?ref=main},
 * {@code https://...}, {@code git@host:...}) would make kustomize read content from elsewhere
 * at reconcile time, bypassing that choice. Every copied file named {@code kustomization.yaml},
 * {@code kustomization.yml} or {@code Kustomization} is checked, so kustomizations nested
 * through {@code resources: [sub/]} are checked too; their number is bounded by the tree's
 * file count, and each file by {@link BoundedYaml}.
 *
 * <p>A reference must be a relative path that stays inside the artifact directory once
 * resolved against the kustomization's own directory, and must name a file or directory that
 * is copied with the artifact: kustomize tries a name it cannot find locally as a remote URL.
 */
final class KustomizationReferences {
  static final Set<String> FILE_NAMES =
      Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern SCP_LIKE = Pattern.compile("^[^/@:]+@[^/:]+:.*");
  private static final List<String> PATH_LISTS = List.of("resources", "bases", "components",
      "crds", "generators", "transformers", "validators", "configurations",
      "patchesStrategicMerge");
  private static final List<String> PATH_ITEMS = List.of("patches", "patchesJson6902",
      "replacements");
  private static final List<String> GENERATORS = List.of("configMapGenerator",
      "secretGenerator");

  private final String root;
  private final Set<String> files;
  private final Set<String> directories = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private String file;
  private String dir;

  private KustomizationReferences(String root, Set<String> files) {
    this.root = root;
    this.files = files;
    for (String f : files) {
      for (int i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) {
        directories.add(f.substring(0, i));
      }
    }
  }

  /**
   * Problems of every kustomization file among {@code files}, each reading {@code
   * <file>:<line>:<column>: <field>: <what is wrong>}.
   *
   * @param root the artifact directory in the profile ({@code "."} for the profile directory)
   * @param files every copied file, by profile-relative path, with its content
   */
  static List<String> problems(String root, Map<String, byte[]> files) {
    KustomizationReferences check = new KustomizationReferences(root, files.keySet());
    files.forEach((path, bytes) -> {
      if (FILE_NAMES.contains(path.substring(path.lastIndexOf('/') + 1))) {
        check.checkFile(path, bytes);
      }
    });
    return check.problems;
  }

  private void checkFile(String path, byte[] bytes) {
    file = path;
    dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".";
    BoundedYaml.Result parsed = BoundedYaml.parse(path, bytes);
    if (parsed.problem().isPresent()) {
      BoundedYaml.Problem p = parsed.problem().get();
      problems.add(path + ":" + p.line() + ":" + p.column() + ": " + p.message()
          + "; its references cannot be checked");
      return;
    }
    if (parsed.documents().size() > 1) {
      problems.add(path + ": holds more than one YAML document; a kustomization is one");
      return;
    }
    if (parsed.documents().isEmpty() || !(parsed.documents().get(0) instanceof MappingNode)) {
      return;
    }
    MappingNode doc = (MappingNode) parsed.documents().get(0);
    for (String field : PATH_LISTS) {
      forEachItem(doc, field, (item, at) -> {
        if (item instanceof ScalarNode s && !(field.equals("patchesStrategicMerge")
            && isInlinePatch(s.getValue()))) {
          reference(s, at);
        }
      });
    }
    for (String field : PATH_ITEMS) {
      forEachItem(doc, field, (item, at) -> value(item, "path")
          .ifPresent(p -> reference(p, at + ".path")));
    }
    for (String field : GENERATORS) {
      forEachItem(doc, field, (item, at) -> {
        forEachItem(item, "files", (f, fAt) -> {
          if (f instanceof ScalarNode s) {
            String v = s.getValue();
            reference(s, v.substring(v.indexOf('=') + 1), at + "." + fAt);
          }
        });
        forEachItem(item, "envs", (f, fAt) -> {
          if (f instanceof ScalarNode s) {
            reference(s, at + "." + fAt);
          }
        });
        value(item, "env").ifPresent(e -> reference(e, at + ".env"));
      });
    }
    forEachItem(doc, "helmCharts", (item, at) -> {
      value(item, "repo").ifPresent(r -> problem(r, at + ".repo", "'" + r.getValue()
          + "' is a chart repository: kustomize would fetch the chart from outside the"
          + " profile's source; use a chart artifact instead"));
      value(item, "valuesFile").ifPresent(v -> reference(v, at + ".valuesFile"));
      forEachItem(item, "additionalValuesFiles", (f, fAt) -> {
        if (f instanceof ScalarNode s) {
          reference(s, at + "." + fAt);
        }
      });
    });
    forEachItem(doc, "helmChartInflationGenerator", (item, at) -> {
      value(item, "chartRepoUrl").ifPresent(r -> problem(r, at + ".chartRepoUrl", "'"
          + r.getValue() + "' is a chart repository: kustomize would fetch the chart from"
          + " outside the profile's source; use a chart artifact instead"));
      value(item, "chartHome").ifPresent(v -> reference(v, at + ".chartHome"));
      value(item, "values").ifPresent(v -> reference(v, at + ".values"));
    });
    field(doc, "helmGlobals").ifPresent(g -> {
      value(g, "chartHome").ifPresent(v -> reference(v, "helmGlobals.chartHome"));
      value(g, "configHome").ifPresent(v -> reference(v, "helmGlobals.configHome"));
    });
    field(doc, "openapi").ifPresent(o -> value(o, "path")
        .ifPresent(v -> reference(v, "openapi.path")));
  }

  /** kustomize takes a patchesStrategicMerge entry holding YAML content as the patch itself. */
  private static boolean isInlinePatch(String value) {
    return value.contains("\n") || value.contains(": ");
  }

  private void reference(ScalarNode node, String field) {
    reference(node, node.getValue(), field);
  }

  private void reference(ScalarNode node, String value, String field) {
    String v = value.trim();
    if (v.isEmpty()) {
      return;
    }
    if (SCHEME.matcher(v).matches() || SCP_LIKE.matcher(v).matches() || v.startsWith("git::")
        || v.contains("?ref=") || v.contains("?version=") || v.contains("?timeout=")) {
      problem(node, field, "'" + v + "' is a remote URL: kustomize would fetch it from outside"
          + " the profile's source; copy what it needs into the artifact instead");
      return;
    }
    if (v.startsWith("/") || v.startsWith("~") || v.matches("^[A-Za-z]:.*")) {
      problem(node, field, "'" + v + "' is an absolute path: it names a file of the machine"
          + " that builds the kustomization, not of the artifact");
      return;
    }
    Optional<String> resolved = resolve(v);
    if (resolved.isEmpty()) {
      problem(node, field, "'" + v + "' leaves the artifact directory '" + root + "' (resolved"
          + " from " + dir + "); a kustomization may only reference its own artifact's files");
      return;
    }
    String r = resolved.get();
    if (!files.contains(r) && !directories.contains(r) && !(r.equals(root))) {
      problem(node, field, "'" + v + "' is neither a file nor a directory of the artifact"
          + " (kustomize would try to fetch it as a remote URL)");
    }
  }

  /** {@code value} resolved against the kustomization's directory; empty when it leaves root. */
  private Optional<String> resolve(String value) {
    Deque<String> segments = new ArrayDeque<>();
    if (!dir.equals(".")) {
      for (String s : dir.split("/")) {
        segments.addLast(s);
      }
    }
    for (String s : value.split("/")) {
      if (s.equals("..")) {
        if (segments.isEmpty()) {
          return Optional.empty();
        }
        segments.removeLast();
      } else if (!s.isEmpty() && !s.equals(".")) {
        segments.addLast(s);
      }
    }
    String path = segments.isEmpty() ? "." : String.join("/", segments);
    boolean inside = root.equals(".") || path.equals(root) || path.startsWith(root + "/");
    return inside ? Optional.of(path) : Optional.empty();
  }

  private void problem(Node node, String field, String message) {
    problems.add(file + ":" + BoundedYaml.line(node) + ":" + BoundedYaml.column(node) + ": "
        + field + ": " + message);
  }

  private interface ItemVisitor {
    void visit(Node item, String at);
  }

  private static void forEachItem(Node map, String field, ItemVisitor visitor) {
    field(map, field).ifPresent(list -> {
      if (list instanceof SequenceNode seq) {
        for (int i = 0; i < seq.getValue().size(); i++) {
          visitor.visit(seq.getValue().get(i), field + "[" + i + "]");
        }
      }
    });
  }

  private static Optional<Node> field(Node map, String key) {
    if (map instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return Optional.of(t.getValueNode());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<ScalarNode> value(Node map, String key) {
    return field(map, key).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
  }
}
