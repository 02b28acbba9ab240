package dev.profiles.catalog.client;

import dev.profiles.catalog.client.internal.EntryJson;
import dev.profiles.catalog.client.internal.Kubeconfig;
import dev.profiles.catalog.client.internal.Transport;
import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.catalog.CatalogIndex;
import dev.profiles.core.catalog.CatalogService;
import dev.profiles.core.catalog.PreReleases;
import dev.profiles.core.install.UpdateFinder;
import dev.profiles.core.model.CatalogEntry;
import dev.profiles.core.rules.ControlCharacters;
import dev.profiles.core.rules.SafeUrls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed client for the catalog HTTP API (spec §6): search profiles, get a profile's latest
 * version or a given one, and list available updates.
 *
 * <p>It reaches the catalog in one of two ways: at a {@linkplain Builder#baseUrl base URL}
 * (e.g. a port-forward or the in-cluster service), or through the Kubernetes API server's
 * service proxy as the user of a {@linkplain Builder#kubeconfig() kubeconfig} (several files
 * merged as kubectl merges {@code KUBECONFIG}; tokens, client certificates and {@code exec}
 * credential plugins) or as the pod's {@linkplain Builder#inCluster() service account}.
 * Results come in the catalog's order:
 * profile name, then catalog source, then highest version first.
 *
 * <p>Every call is a GET with a {@linkplain Builder#requestTimeout timeout}; connection errors,
 * timeouts and 5xx answers are retried {@linkplain Builder#maxRetries a bounded number of
 * times} with exponential backoff, then fail with {@link CatalogUnavailableException}. A 404
 * is {@link CatalogNotFoundException} (except for {@link #availableUpdates}, where it means
 * "none"), another 4xx is {@link CatalogRequestException}, and a body that is not the API's JSON
 * is {@link CatalogResponseException}. No message ever contains a token, password or key.
 *
 * <p>Nothing a catalog (or a proxy in front of it) sends can exhaust the client: a body larger
 * than {@link Builder#maxResponseBytes} (declared or not, chunked or not) is cut off and is a
 * {@link CatalogResponseException}, and so is JSON nested deeper than the API ever nests. These
 * checked exceptions are all a call throws; a {@code null} or invalid argument is a {@link
 * ProfilesConfigurationException}.
 *
 * <pre>{@code
 * CatalogClient catalog = CatalogClient.builder()
 *     .kubeconfig()                 // $KUBECONFIG or ~/.kube/config, as kubectl reads it
 *     .context("prod")              // instead of the current context
 *     .build();
 * List<CatalogEntry> found = catalog.search("nginx");
 * CatalogEntry latest = catalog.version("my-catalog", "nginx", "latest");
 * List<CatalogEntry> updates = catalog.availableUpdates("my-catalog", "nginx", "v0.1.0");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CatalogClient {
  /** The version name that stands for the latest version, for {@link #version}. */
  public static final String LATEST = CatalogIndex.LATEST;

  private final Transport transport;
  private final String description;

  private CatalogClient(Transport transport, String description) {
    this.transport = transport;
    this.description = description;
  }

  /** A builder; set {@link Builder#baseUrl} or {@link Builder#kubeconfig}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The entries whose profile name contains {@code nameContains} (case-sensitive), every entry
   * when it is empty.
   */
  public List<CatalogEntry> search(String nameContains) throws CatalogException {
    required(nameContains, "nameContains");
    Map<String, String> query = nameContains.isEmpty() ? Map.of() : Map.of("name", nameContains);
    return EntryJson.items(ok(transport.get(List.of("profiles"), query)));
  }

  /**
   * The latest version of {@code profile} in catalog source {@code catalog}: its highest
   * release, or its highest pre-release when it has none.
   *
   * @throws CatalogNotFoundException when the catalog has no such profile
   */
  public CatalogEntry get(String catalog, String profile) throws CatalogException {
    required(catalog, "catalog");
    required(profile, "profile");
    return EntryJson.item(ok(transport.get(List.of("profiles", catalog, profile), Map.of())));
  }

  /**
   * One version of {@code profile}: {@code version} is a semver version, with or without
   * {@code v} and compared by precedence, or {@code "latest"} ({@link #get}).
   *
   * @throws CatalogNotFoundException when the catalog has no such profile or version
   * @throws CatalogRequestException (400) when {@code version} is neither semver nor latest
   */
  public CatalogEntry version(String catalog, String profile, String version)
      throws CatalogException {
    required(catalog, "catalog");
    required(profile, "profile");
    required(version, "version");
    return EntryJson.item(ok(transport.get(List.of("profiles", catalog, profile, version),
        Map.of())));
  }

  /**
   * The versions of {@code profile} above {@code version}, highest first, without pre-releases
   * unless {@code version} is a pre-release of the same release; empty when there are none or
   * the catalog does not know the profile.
   */
  public List<CatalogEntry> availableUpdates(String catalog, String profile, String version)
      throws CatalogException {
    return availableUpdates(catalog, profile, version, PreReleases.EXCLUDE);
  }

  /** {@link #availableUpdates(String, String, String)}, with pre-releases as asked. */
  public List<CatalogEntry> availableUpdates(String catalog, String profile, String version,
      PreReleases preReleases) throws CatalogException {
    required(catalog, "catalog");
    required(profile, "profile");
    required(version, "version");
    required(preReleases, "preReleases");
    Map<String, String> query = preReleases == PreReleases.INCLUDE
        ? Map.of("prereleases", "true") : Map.of();
    Transport.Response r = transport.get(
        List.of("profiles", catalog, profile, version, "available_updates"), query);
    if (r.status() == 404) {
      return List.of();
    }
    return EntryJson.items(ok(r));
  }

  /**
   * This client as the {@link UpdateFinder} that listing and upgrading installations use:
   * {@code profiles.list(repo).withUpdates(client.updateFinder())}.
   */
  public UpdateFinder updateFinder() {
    return installed -> availableUpdates(installed.catalog(), installed.profile(),
        installed.version());
  }

  private static <T> T required(T value, String name) {
    if (value == null) {
      throw new ProfilesConfigurationException(name + " must not be null");
    }
    return value;
  }

  private static Transport.Response ok(Transport.Response r) throws CatalogException {
    if (r.status() / 100 != 2) {
      throw Transport.requestError(r);
    }
    return r;
  }

  /** Where this client sends requests, without credentials. */
  @Override
  public String toString() {
    return "CatalogClient[" + description + "]";
  }

  /**
   * Configures a {@link CatalogClient}. Defaults: service {@code profiles-catalog-service} port
   * 8000 in namespace {@code profiles-system}, connect timeout 5 s, request timeout 30 s, 3
   * retries starting at 200 ms backoff, responses of at most {@value
   * #DEFAULT_MAX_RESPONSE_BYTES} bytes. A setter given an invalid value (null, out of range)
   * throws {@link ProfilesConfigurationException}; {@link #build()} throws {@link
   * CatalogConfigurationException} when the endpoint cannot be used.
   *
   * <pre>{@code
   * CatalogClient.builder().baseUrl(URI.create("http://localhost:8000"))
   *     .requestTimeout(Duration.ofSeconds(5)).maxRetries(1).build();
   * }</pre>
   */
  public static final class Builder {
    /** The default {@link #maxResponseBytes}: 4 MiB, a catalog of some 10,000 entries. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L << 20;

    private static final long MAX_RESPONSE_BYTES_LIMIT = 1L << 30;
    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private URI baseUrl;
    private List<Path> kubeconfigs;
    private boolean kubeconfigsMustExist;
    private Map<String, String> kubeconfigEnvironment;
    private Path home;
    private boolean inCluster;
    private Map<String, String> environment = System.getenv();
    private Path serviceAccountDir = Kubeconfig.SERVICE_ACCOUNT_DIR;
    private Optional<String> context = Optional.empty();
    private String namespace = CatalogService.NAMESPACE;
    private String service = CatalogService.NAME;
    private int servicePort = CatalogService.PORT;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private Builder() {}

    /**
     * Talks to the catalog at {@code baseUrl} ({@code http://host:8000}; the API is under
     * {@code /v1}). User info in the URL ({@code https://user:pass@host}) is sent as basic auth.
     */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = required(baseUrl, "baseUrl");
      this.kubeconfigs = null;
      this.kubeconfigEnvironment = null;
      this.inCluster = false;
      return this;
    }

    /**
     * Talks through the Kubernetes API service proxy, as the kubeconfig's current context (or
     * {@link #context}). Tokens, token files, client certificates, basic auth and {@code exec}
     * credential plugins (client.authentication.k8s.io/v1 and v1beta1) are supported.
     */
    public Builder kubeconfig(Path kubeconfig) {
      return kubeconfigs(List.of(required(kubeconfig, "kubeconfig")));
    }

    /** {@link #kubeconfig(Path)} as {@code context}: {@code kubeconfig(file).context(name)}. */
    public Builder kubeconfig(Path kubeconfig, String context) {
      kubeconfig(kubeconfig);
      return context(context);
    }

    /**
     * Talks through the Kubernetes API service proxy with the kubeconfig as kubectl finds it:
     * the files listed in {@code KUBECONFIG}, merged by kubectl's rules (the first file that
     * defines a context, cluster, user or current-context wins; files that do not exist are
     * skipped), else {@code ~/.kube/config}.
     */
    public Builder kubeconfig() {
      return kubeconfigFromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@link #kubeconfig()} with a given environment and home directory (tests). */
    Builder kubeconfigFromEnvironment(Map<String, String> env, Path home) {
      this.kubeconfigEnvironment = Map.copyOf(required(env, "env"));
      this.home = required(home, "home");
      this.kubeconfigs = List.of();
      this.kubeconfigsMustExist = false;
      this.baseUrl = null;
      this.inCluster = false;
      return this;
    }

    /**
     * Talks through the Kubernetes API service proxy with several kubeconfig files merged in
     * this order by kubectl's rules (the first file that defines a name or the current-context
     * wins), as {@code KUBECONFIG=a:b} does; every file must exist.
     */
    public Builder kubeconfigs(List<Path> files) {
      required(files, "files");
      if (files.isEmpty()) {
        throw new ProfilesConfigurationException("kubeconfigs: give at least one file");
      }
      files.forEach(f -> required(f, "kubeconfig file"));
      this.kubeconfigs = List.copyOf(files);
      this.kubeconfigsMustExist = true;
      this.kubeconfigEnvironment = null;
      this.baseUrl = null;
      this.inCluster = false;
      return this;
    }

    /** The kubeconfig context to use instead of its {@code current-context}. */
    public Builder context(String context) {
      this.context = Optional.of(required(context, "context"));
      return this;
    }

    /**
     * Talks through the Kubernetes API service proxy as the pod's service account: the API
     * server from {@code KUBERNETES_SERVICE_HOST}/{@code KUBERNETES_SERVICE_PORT}, the CA and
     * token from {@code /var/run/secrets/kubernetes.io/serviceaccount} (the token is read
     * again for every request, since the kubelet rotates it).
     */
    public Builder inCluster() {
      return inCluster(System.getenv(), Kubeconfig.SERVICE_ACCOUNT_DIR);
    }

    /** {@link #inCluster()} with a given environment and service-account directory (tests). */
    Builder inCluster(Map<String, String> env, Path serviceAccountDirectory) {
      this.environment = Map.copyOf(required(env, "env"));
      this.serviceAccountDir = required(serviceAccountDirectory, "serviceAccountDirectory");
      this.inCluster = true;
      this.baseUrl = null;
      this.kubeconfigs = null;
      this.kubeconfigEnvironment = null;
      return this;
    }

    /** The catalog service's namespace (proxy mode); default {@code profiles-system}. */
    public Builder serviceNamespace(String namespace) {
      this.namespace = required(namespace, "namespace");
      return this;
    }

    /** The catalog service's name (proxy mode); default {@code profiles-catalog-service}. */
    public Builder serviceName(String service) {
      this.service = required(service, "service");
      return this;
    }

    /** The catalog service's port (proxy mode); default 8000. */
    public Builder servicePort(int port) {
      if (port < 1 || port > 65535) {
        throw new ProfilesConfigurationException("servicePort " + port + " is not in 1..65535");
      }
      this.servicePort = port;
      return this;
    }

    /** How long to wait for a connection; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for an answer, per attempt; default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Retries after a connection error, timeout or 5xx; default 3, 0 for none. */
    public Builder maxRetries(int retries) {
      if (retries < 0 || retries > 10) {
        throw new ProfilesConfigurationException("maxRetries " + retries + " is not in 0..10");
      }
      this.maxRetries = retries;
      return this;
    }

    /** The pause before the first retry; it doubles for each next one (up to 5 s). */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = positive(backoff, "initialBackoff");
      return this;
    }

    /**
     * The largest response body read, in bytes; default {@value #DEFAULT_MAX_RESPONSE_BYTES}
     * (4 MiB), at most 1 GiB. A larger answer, whether its {@code Content-Length} says so or it
     * simply keeps sending, is cut off and fails with {@link CatalogResponseException}.
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1 || bytes > MAX_RESPONSE_BYTES_LIMIT) {
        throw new ProfilesConfigurationException("maxResponseBytes " + bytes
            + " is not in 1.." + MAX_RESPONSE_BYTES_LIMIT);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      required(d, name);
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_DURATION) > 0) {
        throw new ProfilesConfigurationException(name + " " + d
            + " must be positive and at most one day");
      }
      return d;
    }

    /**
     * The client.
     *
     * @throws CatalogConfigurationException when neither or a bad base URL or kubeconfig is
     *     set, or the kubeconfig cannot be used
     */
    public CatalogClient build() throws CatalogConfigurationException {
      Transport.Endpoint endpoint;
      String description;
      if (kubeconfigs != null || inCluster) {
        List<Path> files = kubeconfigEnvironment != null
            ? Kubeconfig.defaultFiles(kubeconfigEnvironment, home) : kubeconfigs;
        Transport.Endpoint api = inCluster ? Kubeconfig.inCluster(environment, serviceAccountDir)
            : Kubeconfig.endpoint(files, kubeconfigsMustExist, context);
        URI proxy;
        try {
          proxy = URI.create(api.base() + "/api/v1/namespaces/" + segment(namespace)
              + "/services/http:" + segment(service) + ":" + servicePort + "/proxy");
        } catch (IllegalArgumentException e) {
          throw new CatalogConfigurationException("kubeconfig: the cluster's server "
              + SafeUrls.redact(api.base().toString()) + " does not make a proxy URL");
        }
        endpoint = new Transport.Endpoint(proxy, api.authorization(), api.ssl());
        description = "service " + namespace + "/" + service + ":" + servicePort + " via "
            + SafeUrls.redact(api.base().toString());
      } else if (baseUrl != null) {
        endpoint = direct(baseUrl);
        description = SafeUrls.redact(endpoint.base().toString());
      } else {
        throw new CatalogConfigurationException("set a baseUrl or a kubeconfig");
      }
      return new CatalogClient(new Transport(endpoint, connectTimeout, requestTimeout,
          maxRetries, initialBackoff, maxResponseBytes), description);
    }

    private static Transport.Endpoint direct(URI url) throws CatalogConfigurationException {
      String scheme = Optional.ofNullable(url.getScheme()).orElse("")
          .toLowerCase(java.util.Locale.ROOT);
      if (url.getHost() == null || url.getRawAuthority() == null
          || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new CatalogConfigurationException("baseUrl " + SafeUrls.redact(url.toString())
            + " is not an http(s) URL with a host");
      }
      try {
        Optional<String> auth = Optional.ofNullable(url.getRawUserInfo()).map(u ->
            "Basic " + Base64.getEncoder().encodeToString(
                java.net.URLDecoder.decode(u, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8)));
        String path = Optional.ofNullable(url.getRawPath()).orElse("").replaceAll("/+$", "");
        URI base = URI.create(scheme + "://"
            + url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf('@') + 1) + path);
        return new Transport.Endpoint(base, Transport.Credentials.fixed(auth), Optional.empty());
      } catch (IllegalArgumentException e) {
        throw new CatalogConfigurationException("baseUrl " + SafeUrls.redact(url.toString())
            + " is not a usable http(s) URL");
      }
    }

    private static String segment(String s) throws CatalogConfigurationException {
      if (s.isEmpty() || !s.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
        throw new CatalogConfigurationException("'" + ControlCharacters.visible(s)
            + "' is not a Kubernetes name");
      }
      return s;
    }
  }
}
