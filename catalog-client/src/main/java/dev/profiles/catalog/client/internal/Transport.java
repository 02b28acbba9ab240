package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogException;
import dev.profiles.catalog.client.CatalogNotFoundException;
import dev.profiles.catalog.client.CatalogRequestException;
import dev.profiles.catalog.client.CatalogResponseException;
import dev.profiles.catalog.client.CatalogUnavailableException;
import dev.profiles.core.rules.SafeUrls;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * GET requests to one catalog endpoint, retried with exponential backoff on connection errors,
 * timeouts and 5xx (every catalog request is a GET, so retrying is safe). Every attempt is
 * bounded: in time (the request timeout covers the headers and the whole body, so a server that
 * drips its body forever times out too) and in size ({@link BoundedBody}).
 */
public final class Transport {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /**
   * The {@code Authorization} header of each request: fixed, or produced when needed (an exec
   * credential plugin's token is fetched again once it expires; a service-account token file
   * is read again, since the kubelet rotates it).
   */
  @FunctionalInterface
  public interface Credentials {
    /** No {@code Authorization} header. */
    Credentials NONE = Optional::empty;

    /** The header value for the next request, if any; never printed. */
    Optional<String> header() throws CatalogException;

    /** Always {@code header}. */
    static Credentials fixed(Optional<String> header) {
      return () -> header;
    }
  }

  /**
   * Where the API lives.
   *
   * @param base the URI that {@code /v1/...} is appended to, without a trailing slash
   * @param authorization the {@code Authorization} header of each request
   * @param ssl the TLS context for https, if not the JDK default
   */
  public record Endpoint(URI base, Credentials authorization, Optional<SSLContext> ssl) {
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
  private final BoundedBody bodies;
  private final long maxResponseBytes;

  public Transport(Endpoint endpoint, Duration connectTimeout, Duration requestTimeout,
      int maxRetries, Duration initialBackoff, long maxResponseBytes) {
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
    this.bodies = new BoundedBody(maxResponseBytes);
    this.maxResponseBytes = maxResponseBytes;
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
    endpoint.authorization().header().ifPresent(a -> rb.header("Authorization", a));
    HttpRequest request = rb.build();

    OptionalInt lastStatus = OptionalInt.empty();
    String lastProblem = "";
    Exception lastCause = null;
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        pause(attempt, display);
      }
      CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, bodies);
      try {
        HttpResponse<byte[]> r = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r.statusCode() < 500) {
          return new Response(r.statusCode(), r.body(), display);
        }
        lastStatus = OptionalInt.of(r.statusCode());
        lastProblem = "HTTP " + r.statusCode() + ": " + EntryJson.errorMessage(r.body());
        lastCause = null;
      } catch (TimeoutException e) {
        pending.cancel(true);
        lastStatus = OptionalInt.empty();
        lastProblem = "no complete answer within " + requestTimeout.toMillis() + " ms";
        lastCause = e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        BoundedBody.TooLargeException tooLarge = find(cause, BoundedBody.TooLargeException.class);
        if (tooLarge != null) {
          // The same request gets the same answer: not worth another attempt.
          throw new CatalogResponseException("response to " + display + " is too large: it "
              + tooLarge.getMessage() + " (maxResponseBytes " + maxResponseBytes + ")");
        }
        SSLHandshakeException handshake = find(cause, SSLHandshakeException.class);
        if (handshake != null) {
          // An untrusted certificate or a refused client certificate does not heal by retrying.
          throw new CatalogUnavailableException(OptionalInt.empty(), display
              + ": TLS handshake failed: " + describe(handshake), handshake);
        }
        lastStatus = OptionalInt.empty();
        lastProblem = describe(cause);
        lastCause = cause instanceof Exception ex ? ex : e;
      } catch (InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        throw new CatalogUnavailableException(OptionalInt.empty(), display + ": interrupted", e);
      }
    }
    throw new CatalogUnavailableException(lastStatus, display + " failed after "
        + (maxRetries + 1) + (maxRetries == 0 ? " attempt: " : " attempts: ") + lastProblem,
        lastCause);
  }

  private void pause(int attempt, String display) throws CatalogUnavailableException {
    long first = Math.min(MAX_BACKOFF.toMillis(), initialBackoff.toMillis());
    long cap = Math.min(MAX_BACKOFF.toMillis(), first << Math.min(attempt - 1, 20));
    // Jitter spreads the retries of many clients after one outage.
    long millis = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogUnavailableException(OptionalInt.empty(), display + ": interrupted", e);
    }
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    // The JDK client often gives these no message at all: say what happened in words, not as
    // a class name alone. Exception messages can hold a URL: redacted.
    String m = e.getMessage();
    String what = e instanceof java.net.ConnectException ? "connection refused"
        : e instanceof java.net.UnknownHostException ? "unknown host"
        : e instanceof java.net.http.HttpConnectTimeoutException ? "connecting timed out"
        : null;
    if (what != null) {
      return m == null || m.isBlank() || m.equalsIgnoreCase(what) ? what
          : what + " (" + SafeUrls.redact(m) + ")";
    }
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
