package dev.profiles.preview.internal;

import dev.profiles.core.preview.PreviewException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches chart archives read-only, anonymously, within bounds: from an HTTP Helm repository
 * (its {@code index.yaml}, then the archive) and from an OCI registry (the manifest, then the
 * chart layer, with the registry's anonymous token when it asks for one). No credentials are
 * read or sent; tokens are never logged or put into a message. Archives are kept in a private
 * temporary cache for the life of this object, keyed by what identifies their content.
 */
public final class Downloads {
  private static final String HELM_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final Pattern AUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient client;
  private final Duration timeout;
  private final long maxArchiveBytes;
  private final long maxIndexBytes;
  private final Path cache;
  private final Map<String, Path> cached = new ConcurrentHashMap<>();

  public Downloads(Duration timeout, long maxArchiveBytes, long maxIndexBytes)
      throws PreviewException {
    this.timeout = timeout;
    this.maxArchiveBytes = maxArchiveBytes;
    this.maxIndexBytes = maxIndexBytes;
    // Redirects only to the same or a safer scheme (NORMAL never goes from https to http).
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      this.cache = Files.createTempDirectory("profiles-preview-charts-");
      cache.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new PreviewException("cannot create the chart cache: " + e.getMessage(), e);
    }
  }

  /**
   * The archive of {@code chart} at {@code version} from the HTTP Helm repository at
   * {@code repoUrl}; {@code version} empty or {@code *} means the highest release.
   */
  public Path fromHelmRepository(String who, String repoUrl, String chart, String version)
      throws PreviewException, NotExpandable {
    String base = repoUrl.endsWith("/") ? repoUrl : repoUrl + "/";
    URI indexUri = uri(who, base + "index.yaml");
    byte[] indexBytes = get(who, indexUri, "index.yaml", maxIndexBytes, Map.of()).body();
    Map<String, Object> index = Yamls.readMap(who + ": " + display(indexUri),
        new String(indexBytes, StandardCharsets.UTF_8), maxIndexBytes);
    List<?> entries = Trees.list(Trees.map(index, "entries"), chart);
    if (entries.isEmpty()) {
      throw new PreviewException(who + ": chart '" + chart + "' is not in the repository "
          + display(indexUri));
    }
    Map<String, Object> entry = Versions.pick(who, chart, version, entries, display(indexUri));
    String chosen = Trees.text(entry, "version").orElse("");
    List<?> urls = Trees.list(entry, "urls");
    if (urls.isEmpty() || !(urls.get(0) instanceof String first)) {
      throw new PreviewException(who + ": chart " + chart + " " + chosen + " in "
          + display(indexUri) + " has no download URL");
    }
    URI archive = uri(who, base).resolve(first);
    Optional<String> digest = Trees.text(entry, "digest");
    String key = digest.map(d -> "sha256:" + d).orElse(archive.toString());
    Path hit = cached.get(key);
    if (hit != null && Files.isRegularFile(hit)) {
      return hit;
    }
    byte[] bytes = get(who, archive, "chart " + chart + " " + chosen, maxArchiveBytes, Map.of())
        .body();
    if (digest.isPresent() && !digest.get().equalsIgnoreCase(sha256(bytes))) {
      throw new PreviewException(who + ": chart " + chart + " " + chosen + " from "
          + display(archive) + " does not match the digest of the repository index");
    }
    return store(key, chart + "-" + chosen, bytes);
  }

  /**
   * The chart archive of the OCI artifact {@code reference} ({@code oci://host/path}) at
   * {@code tag} (or {@code sha256:} digest); {@code plainHttp} for an insecure registry.
   */
  public Path fromOci(String who, String reference, String tagOrDigest, boolean plainHttp)
      throws PreviewException, NotExpandable {
    if (!reference.startsWith("oci://")) {
      throw new PreviewException(who + ": '" + reference + "' is not an oci:// URL");
    }
    String rest = reference.substring("oci://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new PreviewException(who + ": '" + reference + "' names no repository");
    }
    String host = rest.substring(0, slash);
    String repository = rest.substring(slash + 1).replaceAll("/+$", "");
    String scheme = plainHttp ? "http://" : "https://";
    // Helm stores SemVer build metadata ('+') as '_' in tags, which may not contain '+'.
    String ref = tagOrDigest.replace('+', '_');
    URI manifestUri = uri(who, scheme + host + "/v2/" + repository + "/manifests/" + ref);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.oci.image.manifest.v1+json");
    Response manifestResponse = getAuthorized(who, manifestUri, "manifest of " + reference + ":"
        + tagOrDigest, repository, headers);
    Map<String, Object> manifest = Yamls.readMap(who + ": manifest " + reference,
        new String(manifestResponse.body(), StandardCharsets.UTF_8), maxIndexBytes);
    Map<String, Object> layer = null;
    for (Object candidate : Trees.list(manifest, "layers")) {
      if (candidate instanceof Map<?, ?> m && HELM_LAYER.equals(m.get("mediaType"))) {
        layer = Trees.stringKeyed(who, m);
        break;
      }
    }
    if (layer == null) {
      throw new PreviewException(who + ": " + reference + ":" + tagOrDigest
          + " is not a Helm chart (no layer of type " + HELM_LAYER + ")");
    }
    String digest = Trees.text(layer, "digest").orElse("");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new PreviewException(who + ": " + reference + ":" + tagOrDigest
          + " has a chart layer without a sha256 digest");
    }
    Path hit = cached.get(digest);
    if (hit != null && Files.isRegularFile(hit)) {
      return hit;
    }
    URI blob = uri(who, scheme + host + "/v2/" + repository + "/blobs/" + digest);
    Map<String, String> blobHeaders = new LinkedHashMap<>();
    manifestResponse.authorization().ifPresent(a -> blobHeaders.put("Authorization", a));
    byte[] bytes = get(who, blob, "chart layer of " + reference, maxArchiveBytes, blobHeaders)
        .body();
    if (!("sha256:" + sha256(bytes)).equals(digest)) {
      throw new PreviewException(who + ": the chart layer of " + reference + ":" + tagOrDigest
          + " does not match its digest");
    }
    return store(digest, repository.substring(repository.lastIndexOf('/') + 1) + "-" + ref,
        bytes);
  }

  /** Deletes the cache. */
  public void close() {
    SideFiles.deleteTree(cache);
  }

  private Path store(String key, String name, byte[] bytes) throws PreviewException {
    checkDecompressedSize(name, bytes);
    try {
      Path file = Files.createTempFile(cache, name.replaceAll("[^A-Za-z0-9._-]", "_") + "-",
          ".tgz");
      Files.write(file, bytes);
      // Registered after the directory, so deleted before it when the JVM exits.
      file.toFile().deleteOnExit();
      cached.put(key, file);
      return file;
    } catch (IOException e) {
      throw new PreviewException("cannot write to the chart cache: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses an archive that expands to more than the input bound before Helm unpacks it in
   * memory (a small archive can hold a very large tar).
   */
  private void checkDecompressedSize(String name, byte[] bytes) throws PreviewException {
    try (InputStream in = new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(bytes))) {
      long total = 0;
      byte[] buffer = new byte[64 << 10];
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxIndexBytes) {
          throw new PreviewException("chart archive " + name + " expands to more than "
              + maxIndexBytes + " bytes");
        }
      }
    } catch (IOException e) {
      // Not gzip: Helm reports what is wrong with it, naming the chart.
    }
  }

  private record Response(byte[] body, Optional<String> authorization) {}

  private Response getAuthorized(String who, URI uri, String what, String repository,
      Map<String, String> headers) throws PreviewException, NotExpandable {
    HttpResponse<InputStream> first = send(who, uri, what, headers);
    if (first.statusCode() != 401) {
      return new Response(read(who, uri, what, first, maxIndexBytes), Optional.empty());
    }
    drain(first);
    // The registry wants a token: ask its realm for an anonymous pull token (no credentials).
    String challenge = first.headers().firstValue("WWW-Authenticate").orElse("");
    if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotExpandable(display(uri) + " needs credentials; a preview does not use them");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = AUTH_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.getOrDefault("realm", "");
    StringBuilder tokenUrl = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    tokenUrl.append("service=").append(enc(params.getOrDefault("service", "")));
    tokenUrl.append("&scope=").append(enc(params.getOrDefault("scope",
        "repository:" + repository + ":pull")));
    URI tokenUri = uri(who, tokenUrl.toString());
    byte[] tokenBody = get(who, tokenUri, "an anonymous registry token", 1 << 20, Map.of())
        .body();
    Map<String, Object> token = Yamls.readMap(who + ": token response of " + display(tokenUri),
        new String(tokenBody, StandardCharsets.UTF_8), 1 << 20);
    String value = Trees.text(token, "token").or(() -> Trees.text(token, "access_token"))
        .orElseThrow(() -> new NotExpandable(display(uri) + " gave no anonymous token"));
    String authorization = "Bearer " + value;
    Map<String, String> withToken = new LinkedHashMap<>(headers);
    withToken.put("Authorization", authorization);
    HttpResponse<InputStream> second = send(who, uri, what, withToken);
    if (second.statusCode() == 401 || second.statusCode() == 403) {
      drain(second);
      throw new NotExpandable(display(uri) + " needs credentials; a preview does not use them");
    }
    return new Response(read(who, uri, what, second, maxIndexBytes), Optional.of(authorization));
  }

  private Response get(String who, URI uri, String what, long max, Map<String, String> headers)
      throws PreviewException {
    HttpResponse<InputStream> response = send(who, uri, what, headers);
    return new Response(read(who, uri, what, response, max), Optional.empty());
  }

  private HttpResponse<InputStream> send(String who, URI uri, String what,
      Map<String, String> headers) throws PreviewException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot fetch " + what + " from " + display(uri) + ": "
          + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreviewException(who + ": interrupted fetching " + what, e);
    } catch (IllegalArgumentException e) {
      throw new PreviewException(who + ": cannot fetch " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * A network failure in words: the JDK's client often throws these without a message (a
   * refused connection is a bare {@code ConnectException}), which would read as a class name.
   */
  static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage());
      } else if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "connection timed out";
      } else if (t instanceof java.net.http.HttpTimeoutException) {
        return "timed out";
      } else if (t instanceof java.net.ConnectException) {
        return "connection refused";
      } else if (t instanceof java.net.NoRouteToHostException) {
        return "no route to host";
      } else if (t instanceof javax.net.ssl.SSLException) {
        return "TLS failed" + (t.getMessage() == null ? "" : ": "
            + Yamls.firstLine(t.getMessage()));
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName()
        : Yamls.firstLine(e.getMessage());
  }

  private static byte[] read(String who, URI uri, String what, HttpResponse<InputStream> response,
      long max) throws PreviewException {
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new PreviewException(who + ": " + what + " not found at " + display(uri)
            + " (HTTP " + response.statusCode() + ")");
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new PreviewException(who + ": " + what + " at " + display(uri)
            + " is larger than " + max + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new PreviewException(who + ": cannot read " + what + " from " + display(uri) + ": "
          + describe(e), e);
    }
  }

  private static void drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.readNBytes(1 << 16);
    } catch (IOException e) {
      // Only closing a response we do not need.
    }
  }

  private static URI uri(String who, String text) throws PreviewException {
    try {
      URI uri = URI.create(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new PreviewException(who + ": '" + display(uri) + "' is not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new PreviewException(who + ": '" + text + "' is not a URL");
    }
  }

  /** {@code uri} without user information or query (where a token could sit). */
  static String display(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + host + port + (uri.getPath() == null ? "" : uri.getPath());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
