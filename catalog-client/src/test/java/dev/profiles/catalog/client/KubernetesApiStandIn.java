package dev.profiles.catalog.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A stand-in for the Kubernetes API server, the one mock these tests allow: over TLS, it checks
 * the caller (bearer token or a client certificate from the cluster CA), checks the service
 * proxy path, and forwards the rest to the real catalog server, as the API server's proxy does.
 * It can also answer like an API server in trouble (503 without endpoints, an HTML page).
 */
final class KubernetesApiStandIn implements AutoCloseable {
  record Seen(String path, Optional<String> clientCertificate, boolean bearer) {}

  private final HttpsServer server;
  private final URI catalog;
  private final String token;
  private final String proxyPrefix;
  private final HttpClient forward = HttpClient.newHttpClient();
  final List<Seen> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger unavailableFor = new AtomicInteger();
  final AtomicReference<String> cannedBody = new AtomicReference<>();

  KubernetesApiStandIn(SSLContext tls, URI catalog, String token, String namespace,
      String service, int port) throws IOException {
    this.catalog = catalog;
    this.token = token;
    this.proxyPrefix = "/api/v1/namespaces/" + namespace + "/services/http:" + service + ":"
        + port + "/proxy";
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        // Like kube-apiserver: a client certificate is asked for, not required.
        p.setWantClientAuth(true);
        params.setSSLParameters(p);
      }
    });
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      Optional<String> cn = clientCommonName((HttpsExchange) ex);
      boolean bearer = ("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"));
      requests.add(new Seen(path, cn, bearer));
      if (!bearer && cn.isEmpty()) {
        status(ex, 401, "Unauthorized", "Unauthorized");
        return;
      }
      if (!path.startsWith(proxyPrefix + "/")) {
        status(ex, 404, "NotFound", "services \"" + path.split("/")[6]  + "\" not found");
        return;
      }
      if (unavailableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status(ex, 503, "ServiceUnavailable",
            "no endpoints available for service \"profiles-catalog-service\"");
        return;
      }
      String canned = cannedBody.get();
      if (canned != null) {
        send(ex, 200, canned.startsWith("<") ? "text/html" : "application/json", canned);
        return;
      }
      String query = ex.getRequestURI().getRawQuery();
      URI target = URI.create(catalog + path.substring(proxyPrefix.length())
          + (query == null ? "" : "?" + query));
      try {
        HttpResponse<String> r = forward.send(HttpRequest.newBuilder(target).build(),
            HttpResponse.BodyHandlers.ofString());
        send(ex, r.statusCode(), "application/json", r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status(ex, 502, "BadGateway", "interrupted");
      }
    }
  }

  private static Optional<String> clientCommonName(HttpsExchange ex) {
    try {
      Certificate[] chain = ex.getSSLSession().getPeerCertificates();
      String dn = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
      return Optional.of(dn.replaceFirst("^CN=", ""));
    } catch (SSLPeerUnverifiedException none) {
      return Optional.empty();
    }
  }

  private static void status(HttpExchange ex, int code, String reason, String message)
      throws IOException {
    send(ex, code, "application/json", "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
        + "\"status\":\"Failure\",\"message\":\"" + message.replace("\"", "\\\"")
        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
  }

  private static void send(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
