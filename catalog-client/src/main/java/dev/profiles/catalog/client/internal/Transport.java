package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogException;
import dev.profiles.catalog.client.CatalogNotFoundException;
import dev.profiles.catalog.client.CatalogRequestException;
import dev.profiles.catalog.client.CatalogUnavailableException;
import dev.profiles.core.rules.SafeUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * GET requests to one catalog endpoint, retried with exponential backoff on connection errors,
 * timeouts and 5xx (every catalog request is a GET, so retrying is safe).
 */
public final class Transport {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /**
   * Where the API lives.
   *
   * @param base the URI that {@code /v1/...} is appended to, without a trailing slash
   * @param authorization the {@code Authorization} header value, if any; never printed
   * @param ssl the TLS context for https, if not the JDK default
   */
  public record Endpoint(URI base, Optional<String> authorization, Optional<SSLContext> ssl) {
    @Override
    public String toString() {
      return "Endpoint[" + SafeUrls.redact(base.toString()) + "]";
    }
  }

  /** A 2xx or 4xx answer. */
  public record Response(int status, byte[] body, String request) {}

  private final Endpoint endpoint;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final Duration initialBackoff;

  public Transport(Endpoint endpoint, Duration connectTimeout, Duration requestTimeout,
      int maxRetries, Duration initialBackoff) {
    this.endpoint = endpoint;
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        // A redirect could carry the bearer token to another host.
        .followRedirects(HttpClient.Redirect.NEVER);
    endpoint.ssl().ifPresent(b::sslContext);
    this.http = b.build();
    this.requestTimeout = requestTimeout;
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
  }

  /** {@code GET base/v1/<segments>?<query>}: the answer when 2xx or 4xx. */
  public Response get(List<String> segments, Map<String, String> query) throws CatalogException {
    StringBuilder path = new StringBuilder(endpoint.base().toString()).append("/v1");
    for (String s : segments) {
      path.append('/').append(encode(s));
    }
    String sep = "?";
    for (Map.Entry<String, String> q : query.entrySet()) {
      path.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
      sep = "&";
    }
    URI uri = URI.create(path.toString());
    String display = "GET " + SafeUrls.redact(uri.toString());
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
        .header("Accept", "application/json");
    endpoint.authorization().ifPresent(a -> rb.header("Authorization", a));
    HttpRequest request = rb.build();

    OptionalInt lastStatus = OptionalInt.empty();
    String lastProblem = "";
    Exception lastCause = null;
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        pause(attempt, display);
      }
      try {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() < 500) {
          return new Response(r.statusCode(), r.body(), display);
        }
        lastStatus = OptionalInt.of(r.statusCode());
        lastProblem = "HTTP " + r.statusCode() + ": " + EntryJson.errorMessage(r.body());
        lastCause = null;
      } catch (SSLHandshakeException e) {
        // An untrusted certificate or a refused client certificate does not heal by retrying.
        throw new CatalogUnavailableException(OptionalInt.empty(), display
            + ": TLS handshake failed: " + describe(e), e);
      } catch (IOException e) {
        lastStatus = OptionalInt.empty();
        lastProblem = describe(e);
        lastCause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CatalogUnavailableException(OptionalInt.empty(), display + ": interrupted", e);
      }
    }
    throw new CatalogUnavailableException(lastStatus, display + " failed after "
        + (maxRetries + 1) + (maxRetries == 0 ? " attempt: " : " attempts: ") + lastProblem,
        lastCause);
  }

  private void pause(int attempt, String display) throws CatalogUnavailableException {
    long cap = Math.min(MAX_BACKOFF.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
    // Jitter spreads the retries of many clients after one outage.
    long millis = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogUnavailableException(OptionalInt.empty(), display + ": interrupted", e);
    }
  }

  private static String describe(IOException e) {
    // Exception messages can hold a URL; the type says enough (ConnectException, ...).
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return m == null ? kind : kind + ": " + SafeUrls.redact(m);
  }

  /** The exception for a 4xx answer. */
  public static CatalogRequestException requestError(Response r) {
    String message = r.request() + ": HTTP " + r.status() + ": " + EntryJson.errorMessage(r.body());
    return r.status() == 404 ? new CatalogNotFoundException(message)
        : new CatalogRequestException(r.status(), message);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
