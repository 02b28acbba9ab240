package dev.profiles.flux.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the catalog controller's container is started: the one place that knows its command
 * line, environment, port, probe paths and writable directories. The controller lives in its
 * own module (catalog-controller); when its flags change, only this table changes. The image's
 * entry point is assumed to be {@code java -jar /app/profiles-catalog-controller.jar}: only
 * arguments are set, never the command.
 */
public final class ControllerContainer {
  /** The port serving the catalog API ({@code /v1/...}), probes and metrics. */
  public static final int PORT = 8000;

  /** The liveness probe's path. */
  public static final String LIVENESS = "/healthz";

  /** The readiness probe's path. */
  public static final String READINESS = "/readyz";

  /** The Prometheus metrics path (scrape annotations). */
  public static final String METRICS = "/metrics";

  /** Writable directories on a read-only root file system: name, mount path. */
  public static final Map<String, String> SCRATCH = Map.of(
      "tmp", "/tmp",
      "cache", "/var/cache/profiles");

  private ControllerContainer() {}

  /**
   * The arguments: the port, the scanner's cache and the Secret work directory on the
   * writable scratch volumes, and, when limited, the namespaces whose sources it watches.
   */
  public static List<String> args(List<String> watchNamespaces) {
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(PORT),
        "--cache", SCRATCH.get("cache") + "/repositories",
        "--work-dir", SCRATCH.get("tmp") + "/profiles-catalog-controller"));
    if (!watchNamespaces.isEmpty()) {
      args.add("--namespaces=" + String.join(",", watchNamespaces));
    }
    return args;
  }

  /** The environment: its own pod name and namespace (leader identity, the Lease's namespace). */
  public static List<Object> env() {
    List<Object> env = new ArrayList<>();
    env.add(fieldRef("POD_NAME", "metadata.name"));
    env.add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
    env.add(value("XDG_CACHE_HOME", SCRATCH.get("cache")));
    return env;
  }

  private static Map<String, Object> value(String name, String value) {
    Map<String, Object> var = new LinkedHashMap<>();
    var.put("name", name);
    var.put("value", value);
    return var;
  }

  private static Map<String, Object> fieldRef(String name, String path) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("fieldPath", path);
    Map<String, Object> from = new LinkedHashMap<>();
    from.put("fieldRef", ref);
    Map<String, Object> var = new LinkedHashMap<>();
    var.put("name", name);
    var.put("valueFrom", from);
    return var;
  }
}
