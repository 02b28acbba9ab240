package dev.profiles.flux.internal;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.RenderRequest;
import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.yaml.internal.YamlEmitter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.AnchorNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Brings the generated files of an installation, as they are in the GitOps repository, to how
 * the renderer writes them today, wherever they differ only in form (see {@code
 * docs/flux-render.md}, "Upgrading installations written by pctl").
 *
 * <p>Only generated files are touched (manifests and kustomization wrappers, not files copied
 * from the profile: those are the profile's content, and the merge base has the same bytes).
 * Per file, parsed within {@link BoundedYaml}'s bounds:
 *
 * <ol>
 *   <li>Retired Flux API versions are replaced by the served one, wherever they occur: {@code
 *       apiVersion} of the object and of nested references ({@code healthChecks[]}, {@code
 *       sourceRef}, {@code chart.spec.sourceRef}, objects in {@code patchesStrategicMerge}),
 *       {@code group}/{@code version} patch targets, and {@code apiVersion} lines inside
 *       embedded {@code patch} strings. "Retired" means a version of a Flux API group that the
 *       bundled CRDs do not serve.
 *   <li>What carries no meaning is dropped: nulls ({@code creationTimestamp: null}), empty
 *       maps and lists ({@code status: {}}), a {@code dependsOn[].namespace} equal to the
 *       object's own namespace (Flux's default).
 *   <li>Values equal in meaning to the renderer's are spelled as it spells them: Go durations
 *       ({@code 5m0s} = {@code 5m}; a zero duration, which pctl wrote for a HelmRepository
 *       interval it never set, means unset), repository paths with or without {@code ./} (or
 *       with pctl's output directory before them), a kustomization without {@code
 *       apiVersion}/{@code kind}; keys follow the renderer's order.
 *   <li>If what is left equals the renderer's file, the file becomes its exact bytes; else it is
 *       written canonically, so that only the real edits differ, line by line.
 * </ol>
 *
 * <p>A file with comments, several documents, anchors or anything the canonical writer cannot
 * write keeps its text: only retired API versions are replaced, in place, so nothing the user
 * wrote is lost (its formatting differences may then show in the merge). A file that does not
 * parse is left as it is.
 */
public final class InstalledManifests {
  private static final org.slf4j.Logger LOG =
      dev.profiles.core.internal.Loggers.get("dev.profiles.flux");
  private static final Set<String> DURATION_KEYS = Set.of("interval", "timeout",
      "retryInterval");
  private static final Set<String> PATH_KEYS = Set.of("path", "chart");
  private static final Pattern DURATION = Pattern.compile(
      "(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Pattern EMBEDDED_API = Pattern.compile(
      "(apiVersion\"?\\s*:\\s*[\"']?)([a-z0-9.-]+\\.toolkit\\.fluxcd\\.io)/([a-z0-9]+)");
  private static final String KUSTOMIZE_CONFIG = "kustomize.config.k8s.io/v1beta1";

  private InstalledManifests() {}

  /** {@code installed} with every generated file of {@code request}'s render migrated. */
  public static RenderedFiles migrate(RenderRequest request, RenderedFiles installed)
      throws ProfilesException {
    InstallationRenderer.Output pristine = InstallationRenderer.renderWithOrigins(request);
    RenderedFiles.Builder out = RenderedFiles.builder();
    int migrated = 0;
    for (String path : installed.paths()) {
      byte[] bytes = installed.bytes(path).orElseThrow();
      Optional<byte[]> ours = pristine.files().bytes(path);
      if (ours.isPresent() && pristine.generated().contains(path)
          && !Arrays.equals(bytes, ours.get())) {
        byte[] before = bytes;
        bytes = migrateFile(path, bytes, ours.get());
        if (!Arrays.equals(before, bytes)) {
          migrated++;
          LOG.debug("migrated {} to this renderer's form", path);
        }
      }
      out.put(path, bytes);
    }
    if (migrated > 0) {
      LOG.info("migrated {} generated file(s) of an installation written by pctl", migrated);
    }
    return out.build();
  }

  /** One generated file brought to today's form; see the class comment. */
  static byte[] migrateFile(String path, byte[] installed, byte[] pristine) {
    BoundedYaml.Result parsed = BoundedYaml.parse(path, installed);
    if (parsed.problem().isPresent() || parsed.documents().isEmpty()) {
      return installed;
    }
    if (parsed.documents().size() > 1 || hasComments(parsed.text()) || !plain(parsed)) {
      return inPlace(parsed);
    }
    try {
      Object tree = load(parsed.text());
      Object ours = load(new String(pristine, StandardCharsets.UTF_8));
      if (!(tree instanceof Map<?, ?> map) || !(ours instanceof Map<?, ?> pristineMap)) {
        return inPlace(parsed);
      }
      String namespace = metadataNamespace(map);
      Object cleaned = clean(upgrade(map, null), namespace, "");
      Object aligned = align(cleaned == null ? new LinkedHashMap<>() : cleaned, pristineMap, "",
          true);
      if (Objects.equals(aligned, pristineMap)) {
        return pristine;
      }
      @SuppressWarnings("unchecked")
      Map<String, ?> document = (Map<String, ?>) aligned;
      return YamlEmitter.KUBERNETES.write(document).getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      // Something the canonical writer cannot write (a float, a non-string key): keep the text.
      return inPlace(parsed);
    }
  }

  private static Object load(String text) {
    return new Load(LoadSettings.builder().setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(BoundedYaml.MAX_ALIASES).build()).loadFromString(text);
  }

  private static String metadataNamespace(Map<?, ?> doc) {
    return doc.get("metadata") instanceof Map<?, ?> m && m.get("namespace") instanceof String ns
        ? ns : null;
  }

  // ---- retired API versions ----

  /** The served version for {@code group} and {@code kind}; empty when it is not retired. */
  static Optional<String> current(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String group = apiVersion.substring(0, slash);
    if (!group.endsWith(".toolkit.fluxcd.io") || !Crds.bundled().knowsGroup(group)) {
      return Optional.empty();
    }
    List<String> served = kind == null ? List.of() : Crds.bundled().served(group, kind);
    if (served.isEmpty()) {
      served = groupVersions(group);
    }
    if (served.size() != 1 || served.contains(apiVersion)) {
      return Optional.empty();
    }
    return Optional.of(served.get(0));
  }

  /** The one version every bundled kind of {@code group} is served at, if there is one. */
  private static List<String> groupVersions(String group) {
    Set<String> versions = new java.util.TreeSet<>();
    for (String k : Crds.bundled().kinds()) {
      if (k.startsWith(group + "/")) {
        versions.add(k.substring(0, k.indexOf(' ')));
      }
    }
    return List.copyOf(versions);
  }

  /** {@code value} with every retired Flux API version replaced. */
  private static Object upgrade(Object value, String key) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      String kind = map.get("kind") instanceof String k ? k : null;
      map.forEach((k, v) -> {
        if ("apiVersion".equals(k) && v instanceof String api) {
          out.put(k, current(api, kind).orElse(api));
        } else if ("version".equals(k) && v instanceof String version
            && map.get("group") instanceof String group) {
          out.put(k, current(group + "/" + version, kind)
              .map(c -> c.substring(c.indexOf('/') + 1)).orElse(version));
        } else {
          out.put(k, upgrade(v, k instanceof String s ? s : null));
        }
      });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(upgrade(item, key)));
      return out;
    }
    if (value instanceof String s && "patch".equals(key)) {
      return upgradeEmbedded(s);
    }
    return value;
  }

  /** {@code apiVersion: <retired>} inside a patch given as a string (YAML or JSON). */
  private static String upgradeEmbedded(String patch) {
    Matcher m = EMBEDDED_API.matcher(patch);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String api = m.group(2) + "/" + m.group(3);
      String kind = kindNear(patch, m.end());
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1)
          + current(api, kind).orElse(api)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String kindNear(String text, int from) {
    Matcher k = Pattern.compile("kind\"?\\s*:\\s*[\"']?([A-Za-z]+)").matcher(text);
    return k.find(from) && k.start() - from < 200 ? k.group(1) : null;
  }

  // ---- what carries no meaning ----

  private static Object clean(Object value, String namespace, String path) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        Object c = clean(v, namespace, path + "." + k);
        if (c != null) {
          out.put(k, c);
        }
      });
      if (path.endsWith(".dependsOn[]") && namespace != null
          && namespace.equals(out.get("namespace"))) {
        out.remove("namespace");
      }
      return out.isEmpty() ? null : out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object c = clean(item, namespace, path + "[]");
        if (c != null) {
          out.add(c);
        }
      }
      return out.isEmpty() ? null : out;
    }
    return value;
  }

  // ---- equal meaning, the renderer's spelling ----

  /** {@code installed} in {@code pristine}'s key order, with equivalent values spelled alike. */
  private static Object align(Object installed, Object pristine, String key, boolean root) {
    if (installed instanceof Map<?, ?> map && pristine instanceof Map<?, ?> ours) {
      Map<Object, Object> out = new LinkedHashMap<>();
      Map<Object, Object> rest = new LinkedHashMap<>(map);
      if (root && KUSTOMIZE_CONFIG.equals(ours.get("apiVersion"))
          && "Kustomization".equals(ours.get("kind")) && !map.containsKey("apiVersion")
          && !map.containsKey("kind")) {
        // kustomize's defaults: pctl wrote its kustomization.yaml files without them.
        rest.put("apiVersion", KUSTOMIZE_CONFIG);
        rest.put("kind", "Kustomization");
      }
      for (Map.Entry<?, ?> e : ours.entrySet()) {
        Object k = e.getKey();
        if (rest.containsKey(k)) {
          out.put(k, align(rest.remove(k), e.getValue(), String.valueOf(k), false));
        }
      }
      out.putAll(rest);
      return out;
    }
    if (installed instanceof List<?> list && pristine instanceof List<?> ours) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(i < ours.size() ? align(list.get(i), ours.get(i), key, false) : list.get(i));
      }
      return out;
    }
    if (installed instanceof String s && pristine instanceof String p && !s.equals(p)) {
      if (DURATION_KEYS.contains(key)) {
        Optional<BigDecimal> a = nanos(s);
        Optional<BigDecimal> b = nanos(p);
        if (a.isPresent() && b.isPresent()
            && (a.get().compareTo(b.get()) == 0 || a.get().signum() == 0)) {
          return p;
        }
      }
      if (PATH_KEYS.contains(key) && samePath(s, p)) {
        return p;
      }
    }
    return installed;
  }

  /** A Go duration ({@code 1h2m3.5s}, {@code 300ms}, {@code 0}) in nanoseconds. */
  static Optional<BigDecimal> nanos(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Optional.of(BigDecimal.ZERO);
    }
    Matcher m = DURATION.matcher(t);
    BigDecimal total = BigDecimal.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      BigDecimal unit = switch (m.group(2)) {
        case "ns" -> BigDecimal.ONE;
        case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
        case "ms" -> BigDecimal.valueOf(1_000_000L);
        case "s" -> BigDecimal.valueOf(1_000_000_000L);
        case "m" -> BigDecimal.valueOf(60_000_000_000L);
        default -> BigDecimal.valueOf(3_600_000_000_000L);
      };
      total = total.add(new BigDecimal(m.group(1)).multiply(unit));
      at = m.end();
    }
    return at == t.length() && at > 0 ? Optional.of(total) : Optional.empty();
  }

  /**
   * Whether repository path {@code installed} names {@code pristine}: Flux reads both relative
   * to the repository root, with or without {@code ./}; pctl put its output directory (as
   * given on its command line) before the path (spec §8).
   */
  private static boolean samePath(String installed, String pristine) {
    if (!pristine.startsWith("./")) {
      return false;
    }
    String p = strip(pristine);
    String i = strip(installed);
    return i.equals(p) || (installed.startsWith("/") && i.endsWith("/" + p));
  }

  private static String strip(String path) {
    String s = path;
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  // ---- files whose text must be kept ----

  private static boolean hasComments(String text) {
    LoadSettings settings = LoadSettings.builder().setParseComments(true).build();
    try {
      ParserImpl events = new ParserImpl(settings, new StreamReader(settings, text));
      while (events.hasNext()) {
        Event e = events.next();
        if (e.getEventId() == Event.ID.Comment) {
          return true;
        }
      }
      return false;
    } catch (YamlEngineException e) {
      return true;
    }
  }

  /** Whether the documents use only what the canonical writer writes (no anchors, no tags). */
  private static boolean plain(BoundedYaml.Result parsed) {
    for (Node doc : parsed.documents()) {
      if (!plain(doc, 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean plain(Node node, int depth) {
    if (node instanceof AnchorNode || node.getAnchor().isPresent() || depth > BoundedYaml.MAX_DEPTH) {
      return false;
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode) || !plain(t.getValueNode(), depth + 1)) {
          return false;
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        if (!plain(item, depth + 1)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The text with retired API versions replaced where they stand; all else kept. */
  private static byte[] inPlace(BoundedYaml.Result parsed) {
    String text = parsed.text();
    TreeMap<Integer, int[]> spans = new TreeMap<>();
    Map<Integer, String> values = new LinkedHashMap<>();
    for (Node doc : parsed.documents()) {
      collect(doc, spans, values, 0);
    }
    StringBuilder out = new StringBuilder(text);
    for (Integer start : spans.descendingKeySet()) {
      int[] span = spans.get(start);
      int from = text.offsetByCodePoints(0, span[0]);
      int to = text.offsetByCodePoints(0, span[1]);
      String[] change = values.get(start).split("\u0000", 2);
      out.replace(from, to, text.substring(from, to).replace(change[0], change[1]));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void collect(Node node, TreeMap<Integer, int[]> spans,
      Map<Integer, String> values, int depth) {
    if (depth > BoundedYaml.MAX_DEPTH) {
      return;
    }
    if (node instanceof MappingNode m) {
      String kind = scalar(m, "kind");
      String group = scalar(m, "group");
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
          Optional<String> replacement = Optional.empty();
          if (k.getValue().equals("apiVersion")) {
            replacement = current(v.getValue(), kind);
          } else if (k.getValue().equals("version") && group != null) {
            replacement = current(group + "/" + v.getValue(), kind)
                .map(c -> c.substring(c.indexOf('/') + 1));
          }
          if (replacement.isPresent() && v.getStartMark().isPresent()
              && v.getEndMark().isPresent()) {
            int start = v.getStartMark().get().getIndex();
            spans.put(start, new int[] {start, v.getEndMark().get().getIndex()});
            values.put(start, v.getValue() + "\u0000" + replacement.get());
          }
        } else {
          collect(t.getValueNode(), spans, values, depth + 1);
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        collect(item, spans, values, depth + 1);
      }
    }
  }

  private static String scalar(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
          && t.getValueNode() instanceof ScalarNode v) {
        return v.getValue();
      }
    }
    return null;
  }
}
