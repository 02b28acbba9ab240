package dev.profiles.pullrequests.internal;

import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.update.PullRequestException;
import dev.profiles.core.update.PullRequestException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One host's REST API: JSON requests with the token in the host's header, bounded answers,
 * timeouts, and every failure as a {@link PullRequestException} whose message names the
 * operation, the host and its answer, with the token redacted wherever it might appear.
 */
public final class HostApi {
  /** Answers larger than this are refused (a page of 30 Gitea requests is about 300 KiB). */
  public static final int MAX_BODY = 4 * 1024 * 1024;
  /** The host's answer is quoted up to this many characters. */
  static final int MAX_ANSWER = 200;
  private static final Logger LOG = LoggerFactory.getLogger(HostApi.class);
  static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build()).build();

  private final String hostLabel;
  private final URI base;
  private final String authHeader;
  private final String authValue;
  private final String token;
  private final Map<String, String> extraHeaders;
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param hostLabel the host kind as people name it ("GitHub")
   * @param base the API's base URL, without a trailing slash
   * @param authHeader the header that carries the token
   * @param authPrefix what precedes the token in it ("Bearer ", "token ", "")
   * @param token the token, empty for none
   */
  public HostApi(String hostLabel, URI base, String authHeader, String authPrefix, String token,
      Map<String, String> extraHeaders, Duration connectTimeout, Duration timeout, Clock clock) {
    this.hostLabel = hostLabel;
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.authHeader = authHeader;
    this.token = token;
    this.authValue = token.isEmpty() ? null : authPrefix + token;
    this.extraHeaders = Map.copyOf(extraHeaders);
    // Never follow redirects: the token would travel to wherever the answer points.
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The host's name for messages: its API URL's host (and port). */
  public String host() {
    return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
  }

  /** The kind of host, for messages. */
  public String label() {
    return hostLabel;
  }

  /** A new empty JSON object for a request body. */
  public ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** {@code path} (already percent-encoded, starting with '/') under the API's base URL. */
  public URI uri(String path) {
    return URI.create(base + path);
  }

  /**
   * Sends {@code method} to {@code path} with {@code body} (or none) and returns the answer's
   * JSON; {@code operation} says what it was for ("opening a pull request on o/r").
   */
  public JsonNode call(String method, String path, JsonNode body, String operation)
      throws PullRequestException {
    HttpRequest.Builder rb;
    try {
      rb = HttpRequest.newBuilder(uri(path)).timeout(timeout)
          .header("Accept", extraHeaders.getOrDefault("Accept", "application/json"))
          .header("User-Agent", "profiles-sdk");
      extraHeaders.forEach((k, v) -> {
        if (!k.equals("Accept")) {
          rb.header(k, v);
        }
      });
      if (authValue != null) {
        rb.header(authHeader, authValue);
      }
    } catch (IllegalArgumentException e) {
      // The JDK quotes a refused header value in its message: the token's, perhaps.
      throw ex(Reason.UNAUTHORIZED, 0, Optional.empty(), label() + ": " + operation + " at "
          + host() + " cannot be sent: the request (URL or token) holds characters HTTP does"
          + " not allow");
    }
    if (body == null) {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      rb.header("Content-Type", "application/json");
      rb.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    HttpResponse<InputStream> response;
    byte[] answer;
    try {
      response = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      answer = readBounded(response.body(), operation);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(operation, "cannot connect", e);
    } catch (HttpTimeoutException e) {
      throw unreachable(operation, "no answer within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw unreachable(operation, "the connection failed (" + e.getClass().getSimpleName()
          + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(operation, "interrupted", e);
    }
    if (answer.length > MAX_BODY) {
      throw ex(Reason.HOST_ERROR, response.statusCode(), Optional.empty(), label() + ": "
          + operation + " at " + host() + ": the answer is larger than " + MAX_BODY
          + " bytes; refused");
    }
    int status = response.statusCode();
    // Method, host, path and status only: never a header, so never the token.
    LOG.debug("{} {} {}{} -> HTTP {} ({} bytes)", label(), method, host(), redact(path), status,
        answer.length);
    if (status >= 200 && status < 300) {
      try {
        JsonNode node = JSON.readTree(answer);
        if (node == null || node.isMissingNode()) {
          throw ex(Reason.HOST_ERROR, status, Optional.empty(), label() + ": " + operation
              + " at " + host() + ": the answer (HTTP " + status + ") has no JSON body");
        }
        return node;
      } catch (JacksonException e) {
        throw ex(Reason.HOST_ERROR, status, Optional.empty(), label() + ": " + operation
            + " at " + host() + ": the answer (HTTP " + status + ") is not JSON: "
            + quote(answer));
      }
    }
    throw failure(operation, response, answer);
  }

  /**
   * The body, at most {@link #MAX_BODY} + 1 bytes, within the timeout: the request timeout
   * covers the headers only, and a host could dribble its body forever.
   */
  private byte[] readBounded(InputStream in, String operation) throws IOException,
      PullRequestException {
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try {
        return in.readNBytes(MAX_BODY + 1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try (in) {
      return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      throw unreachable(operation, "the answer did not arrive within " + timeout.toSeconds()
          + " s", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u.getCause()
          : new IOException("reading the answer failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(operation, "interrupted", e);
    }
  }

  private PullRequestException unreachable(String operation, String what, Exception e) {
    // The cause is dropped on purpose: a JDK message may quote the request.
    return ex(Reason.UNREACHABLE, 0, Optional.empty(), label() + ": " + operation + " at "
        + host() + " failed: " + what);
  }

  private PullRequestException failure(String operation, HttpResponse<?> response,
      byte[] answer) {
    int status = response.statusCode();
    Optional<Duration> retry = retryAfter(response);
    boolean exhausted = response.headers().firstValue("x-ratelimit-remaining")
        .map(String::trim).filter("0"::equals).isPresent();
    Reason reason;
    if (status == 429 || (status == 403 && (exhausted || response.headers()
        .firstValue("retry-after").isPresent()))) {
      reason = Reason.RATE_LIMITED;
    } else if (status == 401) {
      reason = Reason.UNAUTHORIZED;
    } else if (status == 403) {
      reason = Reason.FORBIDDEN;
    } else if (status == 404) {
      reason = Reason.NOT_FOUND;
    } else if (status >= 500) {
      reason = Reason.HOST_ERROR;
    } else if (status >= 300 && status < 400) {
      reason = Reason.HOST_ERROR;
    } else {
      reason = Reason.REJECTED;
    }
    StringBuilder m = new StringBuilder(label()).append(": ").append(operation).append(" at ")
        .append(host()).append(" failed: HTTP ").append(status).append(' ')
        .append(quote(answer));
    if (status >= 300 && status < 400) {
      m.append(" (a redirect, not followed: check the API URL)");
    }
    if (reason == Reason.RATE_LIMITED) {
      m.append(retry.map(d -> " (rate limited: retry after " + d.toSeconds() + " s)")
          .orElse(" (rate limited)"));
    }
    return ex(reason, status, reason == Reason.RATE_LIMITED ? retry : Optional.empty(),
        m.toString());
  }

  /** An answer that is not what {@code operation} expects. */
  public PullRequestException malformed(String operation, String what) {
    return ex(Reason.HOST_ERROR, 200, Optional.empty(), label() + ": " + operation + " at "
        + host() + ": the answer is not as documented: " + what);
  }

  /** Every message passes here: the token never leaves, wherever the host echoed it. */
  private PullRequestException ex(Reason reason, int status, Optional<Duration> retry,
      String message) {
    return new PullRequestException(reason, status, retry, redact(message), null);
  }

  /** {@code Retry-After} (seconds or an HTTP date), else the reset headers (epoch seconds). */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> after = response.headers().firstValue("retry-after").map(String::trim);
    if (after.isPresent()) {
      String v = after.get();
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
      } catch (NumberFormatException notSeconds) {
        try {
          Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
        } catch (DateTimeParseException notDate) {
          return Optional.empty();
        }
      }
    }
    for (String h : new String[] {"x-ratelimit-reset", "ratelimit-reset"}) {
      Optional<String> reset = response.headers().firstValue(h).map(String::trim);
      if (reset.isPresent()) {
        try {
          long epoch = Long.parseLong(reset.get());
          return Optional.of(nonNegative(Duration.between(clock.instant(),
              Instant.ofEpochSecond(epoch))));
        } catch (NumberFormatException | java.time.DateTimeException ignored) {
          // not a time: no hint
        }
      }
    }
    return Optional.empty();
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The host's answer for a message: its JSON {@code message} (GitHub, GitLab, Gitea) or
   * {@code errors[0].message} (Bitbucket) when there is one, else the body; one line,
   * truncated, control characters made visible, the token redacted.
   */
  String quote(byte[] answer) {
    String text = null;
    try {
      JsonNode root = JSON.readTree(answer);
      if (root != null && root.isObject()) {
        JsonNode m = root.get("message");
        if (m == null || m.isNull()) {
          m = root.path("errors").path(0).get("message");
        }
        if (m == null || m.isNull()) {
          m = root.get("error");
        }
        if (m != null && !m.isNull()) {
          text = m.isString() ? m.stringValue() : m.toString();
          JsonNode errors = root.get("errors");
          if (errors != null && errors.isArray() && root.has("message")
              && errors.size() > 0) {
            text = text + " " + errors.toString();
          }
        }
      }
    } catch (JacksonException notJson) {
      // quote the body itself
    }
    if (text == null) {
      text = new String(answer, 0, Math.min(answer.length, 4 * MAX_ANSWER),
          StandardCharsets.UTF_8);
    }
    return "(" + redact(shorten(text)) + ")";
  }

  private static String shorten(String text) {
    String oneLine = ControlCharacters.visible(text.strip().replaceAll("\\s+", " "));
    return oneLine.length() <= MAX_ANSWER ? oneLine
        : oneLine.substring(0, MAX_ANSWER) + "...";
  }

  /** {@code text} with every occurrence of the token, and of its start, replaced. */
  public String redact(String text) {
    if (token.isEmpty()) {
      return text;
    }
    String out = text.replace(token, "***");
    // A truncated echo may end in part of the token: cut any tail the token starts with.
    for (int n = Math.min(token.length() - 1, out.length()); n >= 4; n--) {
      if (out.endsWith(token.substring(0, n)) || out.endsWith(token.substring(0, n) + "...")) {
        return out.substring(0, out.lastIndexOf(token.substring(0, n))) + "***";
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return label() + " API at " + base;
  }
}
