package dev.profiles.catalog.client;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What fabric8's kubernetes-server-mock does not do by itself: the API server's service proxy.
 * Requests to {@code /api/v1/namespaces/NS/services/[http:]NAME:PORT/proxy/...} are
 * authenticated (a bearer token it accepts) and, for a service that exists, forwarded to a real
 * catalog server on loopback (standing in for the service's pods), the answer returned as it
 * came; otherwise answered as the API server answers: 401 without valid credentials, 404
 * {@code services "x" not found}.
 *
 * <p>Which services exist: one fixed service, or, in CRUD mode, the Service objects stored in a
 * {@link KubernetesCrudDispatcher} (created there like {@code kubectl apply} would, e.g. from a
 * rendered installation), matching the path's port by number or name. In CRUD mode every other
 * request goes to the CRUD dispatcher unauthenticated (the cluster admin applying objects).
 */
public final class ServiceProxyDispatcher extends Dispatcher {
  private static final Pattern PROXY = Pattern.compile(
      "/api/v1/namespaces/([^/]+)/services/(?:https?:)?([^/:]+)(?::([^/]+))?/proxy(/[^?]*)?(\\?.*)?");

  /** One request as the API server saw it. */
  public record Seen(String path, boolean bearer) {}

  private final URI catalog;
  private final String namespace;
  private final String service;
  private final String port;
  private final KubernetesCrudDispatcher cluster;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient forward = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  /** The bearer tokens accepted (a service account's, an exec plugin's). */
  public final Set<String> tokens = new CopyOnWriteArraySet<>();
  /** Every request, in order. */
  public final List<Seen> requests = new CopyOnWriteArrayList<>();

  public ServiceProxyDispatcher(URI catalog, String namespace, String service, int port,
      String... tokens) {
    this.catalog = catalog;
    this.namespace = namespace;
    this.service = service;
    this.port = Integer.toString(port);
    this.cluster = null;
    this.tokens.addAll(List.of(tokens));
  }

  /** CRUD mode: the services are those stored in {@code cluster}. */
  public ServiceProxyDispatcher(URI catalog, KubernetesCrudDispatcher cluster, String... tokens) {
    this.catalog = catalog;
    this.namespace = null;
    this.service = null;
    this.port = null;
    this.cluster = cluster;
    this.tokens.addAll(List.of(tokens));
  }

  /** Whether service {@code name} in {@code ns} exists and has port {@code port}. */
  private boolean exists(String ns, String name, String portName) {
    if (cluster == null) {
      return ns.equals(namespace) && name.equals(service)
          && (portName == null || portName.equals(port));
    }
    MockResponse r = cluster.handleGet("/api/v1/namespaces/" + ns + "/services/" + name);
    if (r.code() != 200) {
      return false;
    }
    JsonNode ports = JSON.readTree(r.getBody().getBytes()).path("spec").path("ports");
    for (JsonNode p : ports) {
      if (portName == null || portName.equals(p.path("port").asText())
          || portName.equals(p.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    Matcher m = PROXY.matcher(path);
    if (cluster != null && !m.matches()) {
      return cluster.dispatch(request);
    }
    String auth = request.getHeader("Authorization");
    boolean bearer = auth != null && auth.startsWith("Bearer ");
    requests.add(new Seen(path, bearer));
    if (!bearer || !tokens.contains(auth.substring("Bearer ".length()))) {
      return status(401, "Unauthorized", "Unauthorized");
    }
    if (!m.matches()) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    String name = m.group(2) + (m.group(3) == null ? "" : ":" + m.group(3));
    if (!exists(m.group(1), m.group(2), m.group(3))) {
      return status(404, "NotFound", "services \"" + name + "\" not found");
    }
    if (!"GET".equals(request.getMethod())) {
      return status(405, "MethodNotAllowed", "the catalog API is read-only");
    }
    String rest = (m.group(4) == null ? "/" : m.group(4)) + (m.group(5) == null ? "" : m.group(5));
    try {
      HttpResponse<byte[]> r = forward.send(HttpRequest.newBuilder(catalog.resolve(rest))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      MockResponse out = new MockResponse().setResponseCode(r.statusCode()).setBody(r.body());
      r.headers().firstValue("Content-Type").ifPresent(t -> out.setHeader("Content-Type", t));
      return out;
    } catch (Exception e) {
      return status(503, "ServiceUnavailable", "error trying to reach service: "
          + e.getClass().getSimpleName());
    }
  }

  private static MockResponse status(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":"
            + "\"Failure\",\"message\":\"" + message.replace("\"", "\\\"") + "\",\"reason\":\""
            + reason + "\",\"code\":" + code + "}");
  }
}
