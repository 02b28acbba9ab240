package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogConfigurationException;
import dev.profiles.core.rules.ControlCharacters;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The part of a kubeconfig needed to reach the API server as the user: the context's cluster
 * (server URL, CA) and user (bearer token or token file, client certificate and key, basic
 * auth, or an {@code exec} credential plugin, see {@link ExecPlugin}). Relative file paths are
 * relative to the directory of the kubeconfig file that defined the entry, as kubectl reads
 * them. Several files (as in {@code KUBECONFIG}) merge by kubectl's rules: the first file that
 * defines a context, cluster or user by name wins, and the first {@code current-context} set
 * wins. Auth-provider plugins and {@code insecure-skip-tls-verify} are refused with a clear
 * message rather than half supported. {@link #inCluster} reads a pod's service account.
 *
 * <p>Every input is bounded, since a kubeconfig path may name anything (a named pipe, {@code
 * /dev/zero}, a file someone else wrote): files are read up to a size limit, the YAML is
 * checked for nesting depth on the parser's event stream before a tree is built, and aliases
 * are limited. Nothing read is echoed in a message: kubeconfigs hold secrets.
 */
public final class Kubeconfig {
  private static final int MAX_KUBECONFIG_BYTES = 4 << 20;
  private static final int MAX_REFERENCED_FILE_BYTES = 1 << 20;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_FILES = 64;

  /** Where a pod's service-account credentials are mounted. */
  public static final Path SERVICE_ACCOUNT_DIR =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private Kubeconfig() {}

  /** A named entry (context, cluster or user) with the directory of the file defining it. */
  private record Entry(Map<?, ?> value, Path dir) {}

  /** The files {@code env}'s {@code KUBECONFIG} lists, else {@code home/.kube/config}. */
  public static List<Path> defaultFiles(Map<String, String> env, Path home)
      throws CatalogConfigurationException {
    String list = env.get("KUBECONFIG");
    List<Path> files = new ArrayList<>();
    if (list != null && !list.isBlank()) {
      for (String part : list.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
        if (!part.isBlank()) {
          try {
            files.add(Path.of(part));
          } catch (InvalidPathException e) {
            throw new CatalogConfigurationException("KUBECONFIG names a path that is not valid");
          }
        }
      }
    }
    if (files.isEmpty()) {
      files.add(home.resolve(".kube").resolve("config"));
    }
    return files;
  }

  /** Reads {@code file} and answers the API server endpoint of {@code context} (or the current one). */
  public static Transport.Endpoint endpoint(Path file, Optional<String> context)
      throws CatalogConfigurationException {
    return endpoint(List.of(file), true, context);
  }

  /**
   * Merges {@code files} (kubectl's rules) and answers the API server endpoint of {@code
   * context} (or the current one). With {@code mustExist} every file must be readable;
   * otherwise missing files are skipped, as kubectl skips them in {@code KUBECONFIG}, but at
   * least one must exist.
   */
  public static Transport.Endpoint endpoint(List<Path> files, boolean mustExist,
      Optional<String> context) throws CatalogConfigurationException {
    if (files.isEmpty() || files.size() > MAX_FILES) {
      throw new CatalogConfigurationException("give 1 to " + MAX_FILES + " kubeconfig files");
    }
    Map<String, Entry> contexts = new LinkedHashMap<>();
    Map<String, Entry> clusters = new LinkedHashMap<>();
    Map<String, Entry> users = new LinkedHashMap<>();
    String current = null;
    int read = 0;
    for (Path file : files) {
      if (!mustExist && !Files.exists(file)) {
        continue;
      }
      Map<?, ?> root = load(file);
      read++;
      Path dir = file.toAbsolutePath().getParent();
      collect(root, "contexts", "context", dir, contexts);
      collect(root, "clusters", "cluster", dir, clusters);
      collect(root, "users", "user", dir, users);
      String cc = str(root.get("current-context"));
      if (current == null && cc != null && !cc.isEmpty()) {
        current = cc;
      }
    }
    if (read == 0) {
      List<String> named = files.stream().limit(3).map(Path::toString).toList();
      throw new CatalogConfigurationException("no kubeconfig file exists: "
          + String.join(", ", named) + (files.size() > 3 ? " and " + (files.size() - 3)
              + " more" : ""));
    }
    String contextName = context.orElse(current);
    if (contextName == null || contextName.isEmpty()) {
      throw fail("no context given and no current-context set");
    }
    Entry ctx = find(contexts, contextName, "context");
    String clusterName = str(ctx.value().get("cluster"));
    String userName = str(ctx.value().get("user"));
    if (clusterName == null) {
      throw fail("context '" + contextName + "' names no cluster");
    }
    Entry clusterEntry = find(clusters, clusterName, "cluster");
    Entry userEntry = userName == null ? new Entry(Map.of(), clusterEntry.dir())
        : find(users, userName, "user");
    Map<?, ?> cluster = clusterEntry.value();
    Map<?, ?> user = userEntry.value();
    Path clusterDir = clusterEntry.dir();
    Path dir = userEntry.dir();

    String server = str(cluster.get("server"));
    if (server == null || server.isEmpty()) {
      throw fail("cluster '" + clusterName + "' has no server");
    }
    URI base = serverUrl(server, "cluster '" + clusterName + "'");
    if (Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"))) {
      throw fail("cluster '" + clusterName + "': insecure-skip-tls-verify is not supported;"
          + " give the cluster's certificate-authority instead");
    }
    if (user.containsKey("auth-provider")) {
      throw fail("user '" + userName + "': auth-provider credentials are not supported;"
          + " use an exec plugin, a token or a client certificate");
    }

    Optional<byte[]> ca = bytes(cluster, "certificate-authority", clusterDir);
    Optional<byte[]> cert = bytes(user, "client-certificate", dir);
    Optional<byte[]> key = bytes(user, "client-key", dir);
    if (cert.isPresent() != key.isPresent()) {
      throw fail("user '" + userName + "': client-certificate and client-key go together");
    }
    Transport.Credentials credentials;
    if (user.get("exec") instanceof Map<?, ?> exec) {
      ExecPlugin plugin = ExecPlugin.of(exec, "user '" + userName + "'", dir,
          new ExecPlugin.ClusterInfo(server, ca, cluster.get("extensions")));
      ExecPlugin.Credential first = plugin.credential();
      if (first.clientCertificate().isPresent() && cert.isEmpty()) {
        cert = first.clientCertificate();
        key = first.clientKey();
      }
      credentials = plugin;
    } else if (user.containsKey("exec")) {
      throw fail("user '" + userName + "': exec is not a mapping");
    } else {
      credentials = Transport.Credentials.fixed(authorization(user, userName, dir));
    }
    Optional<SSLContext> ssl = Optional.empty();
    if (ca.isPresent() || cert.isPresent()) {
      ssl = Optional.of(sslContext(ca, cert, key, userName));
    }
    return new Transport.Endpoint(base, credentials, ssl);
  }

  /**
   * The API server as seen from inside a pod: {@code KUBERNETES_SERVICE_HOST} and {@code
   * KUBERNETES_SERVICE_PORT} from {@code env}, the CA {@code ca.crt} and the token {@code token}
   * in {@code serviceAccountDir} (read again for every request: the kubelet rotates it).
   */
  public static Transport.Endpoint inCluster(Map<String, String> env, Path serviceAccountDir)
      throws CatalogConfigurationException {
    String host = env.get("KUBERNETES_SERVICE_HOST");
    String port = env.get("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isBlank() || port == null || port.isBlank()) {
      throw new CatalogConfigurationException("in-cluster: KUBERNETES_SERVICE_HOST and"
          + " KUBERNETES_SERVICE_PORT are not set (not running in a pod?)");
    }
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw new CatalogConfigurationException("in-cluster: KUBERNETES_SERVICE_PORT is not a"
          + " port number");
    }
    String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    URI base = serverUrl("https://" + authority + ":" + port, "in-cluster");
    byte[] ca = readBounded(serviceAccountDir, "ca.crt", "in-cluster: ca.crt");
    Path tokenFile = serviceAccountDir.resolve("token");
    String first = token(tokenFile);
    if (first.isEmpty()) {
      throw new CatalogConfigurationException("in-cluster: the service-account token is empty");
    }
    Transport.Credentials credentials = () -> {
      String token = token(tokenFile);
      return token.isEmpty() ? Optional.empty() : Optional.of("Bearer " + token);
    };
    return new Transport.Endpoint(base, credentials,
        Optional.of(sslContext(Optional.of(ca), Optional.empty(), Optional.empty(), null)));
  }

  private static String token(Path tokenFile) throws CatalogConfigurationException {
    String token = new String(readBounded(tokenFile.getParent(),
        tokenFile.getFileName().toString(), "in-cluster: token"), StandardCharsets.UTF_8).trim();
    if (!headerSafe(token)) {
      throw new CatalogConfigurationException("in-cluster: the token holds characters an HTTP"
          + " header cannot carry");
    }
    return token;
  }

  private static URI serverUrl(String server, String what) throws CatalogConfigurationException {
    URI base;
    try {
      base = URI.create(server.replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw fail(what + ": server is not a URL");
    }
    String scheme = Optional.ofNullable(base.getScheme()).orElse("");
    if (base.getHost() == null || !(scheme.equalsIgnoreCase("https")
        || scheme.equalsIgnoreCase("http")) || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw fail(what + ": server is not an http(s) URL with a host");
    }
    return base;
  }

  private static void collect(Map<?, ?> root, String list, String field, Path dir,
      Map<String, Entry> into) throws CatalogConfigurationException {
    Object items = root.get(list);
    if (items == null) {
      return;
    }
    if (!(items instanceof List<?> entries)) {
      throw fail(list + " is not a list");
    }
    for (Object item : entries) {
      if (item instanceof Map<?, ?> m && m.get("name") instanceof String name) {
        if (!into.containsKey(name)) {
          if (!(m.get(field) instanceof Map<?, ?> value)) {
            throw fail(list + ": '" + name + "' has no " + field);
          }
          into.put(name, new Entry(value, dir));
        }
      }
    }
  }

  private static Entry find(Map<String, Entry> entries, String name, String field)
      throws CatalogConfigurationException {
    Entry e = entries.get(name);
    if (e == null) {
      throw fail(field + " '" + name + "' not found");
    }
    return e;
  }

  private static Optional<String> authorization(Map<?, ?> user, String userName, Path dir)
      throws CatalogConfigurationException {
    String token = str(user.get("token"));
    String tokenFile = str(user.get("tokenFile"));
    if (token == null && tokenFile != null) {
      token = new String(readBounded(dir, tokenFile, "user '" + userName + "': tokenFile"),
          StandardCharsets.UTF_8).trim();
    }
    if (token != null && !token.isEmpty()) {
      if (!headerSafe(token)) {
        // Not echoed: it is the token.
        throw fail("user '" + userName + "': the token holds characters an HTTP header cannot"
            + " carry (control characters or non-ASCII)");
      }
      return Optional.of("Bearer " + token);
    }
    String username = str(user.get("username"));
    String password = str(user.get("password"));
    if (username != null && password != null) {
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(
          (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  private static SSLContext sslContext(Optional<byte[]> ca, Optional<byte[]> cert,
      Optional<byte[]> key, String userName) throws CatalogConfigurationException {
    try {
      TrustManagerFactory tmf = null;
      if (ca.isPresent()) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate c : Pem.certificates(ca.get(), "certificate-authority")) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (cert.isPresent()) {
        String what = userName == null ? "exec plugin" : "user '" + userName + "'";
        List<X509Certificate> chain = Pem.certificates(cert.get(), what + ": client-certificate");
        PrivateKey pk = Pem.privateKey(key.orElseThrow(), what + ": client-key");
        // The store lives only in memory; its password protects nothing but is required.
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", pk, password, chain.toArray(new X509Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(), new SecureRandom());
      return ssl;
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      // A runtime exception here comes from key material the JDK providers choke on.
      throw new CatalogConfigurationException("kubeconfig: cannot set up TLS: "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** {@code field-data} (base64) or {@code field} (a file). */
  static Optional<byte[]> bytes(Map<?, ?> m, String field, Path dir)
      throws CatalogConfigurationException {
    String data = str(m.get(field + "-data"));
    if (data != null) {
      try {
        return Optional.of(Base64.getMimeDecoder().decode(data));
      } catch (IllegalArgumentException e) {
        throw fail(field + "-data is not base64");
      }
    }
    String path = str(m.get(field));
    if (path == null) {
      return Optional.empty();
    }
    return Optional.of(readBounded(dir, path, field));
  }

  /** The file at {@code path} (relative to {@code dir}), refused when over the size limit. */
  private static byte[] readBounded(Path dir, String path, String what)
      throws CatalogConfigurationException {
    Path file;
    try {
      file = dir.resolve(path);
    } catch (InvalidPathException e) {
      throw fail(what + ": '" + path + "' is not a valid path");
    }
    try {
      return readAtMost(file, MAX_REFERENCED_FILE_BYTES);
    } catch (IOException e) {
      throw fail("cannot read " + what + " " + path + " (" + (e instanceof TooLarge
          ? e.getMessage() : e.getClass().getSimpleName()) + ")");
    }
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /** At most {@code max} bytes of {@code file}; {@link TooLarge} when it holds more. */
  static byte[] readAtMost(Path file, int max) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new TooLarge("larger than " + max + " bytes");
      }
      return bytes;
    }
  }

  private static Map<?, ?> load(Path file) throws CatalogConfigurationException {
    String text;
    try {
      byte[] bytes;
      try {
        bytes = readAtMost(file, MAX_KUBECONFIG_BYTES);
      } catch (IOException e) {
        throw new CatalogConfigurationException("kubeconfig " + file + (e instanceof TooLarge
            ? " is " + e.getMessage() : " cannot be read: " + e.getClass().getSimpleName()));
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (InvalidPathException e) {
      throw new CatalogConfigurationException("kubeconfig path is not valid");
    }
    return parse(text, "kubeconfig " + file);
  }

  /** {@code text} as a YAML (or JSON) mapping, bounded; {@code what} names it in errors. */
  static Map<?, ?> parse(String text, String what) throws CatalogConfigurationException {
    LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false)
        .setCodePointLimit(MAX_KUBECONFIG_BYTES).setMaxAliasesForCollections(50).build();
    try {
      // The composer recurses once per level: measure the depth on the flat event stream first.
      int depth = 0;
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
      while (parser.hasNext()) {
        Event e = parser.next();
        if (e.getEventId() == Event.ID.MappingStart || e.getEventId() == Event.ID.SequenceStart) {
          if (++depth > MAX_DEPTH) {
            throw new CatalogConfigurationException(what + " nests deeper than "
                + MAX_DEPTH + " levels");
          }
        } else if (e.getEventId() == Event.ID.MappingEnd
            || e.getEventId() == Event.ID.SequenceEnd) {
          depth--;
        }
      }
      Object root = new Load(settings).loadFromString(text);
      if (root instanceof Map<?, ?> m) {
        return m;
      }
    } catch (RuntimeException e) {
      // Not echoed: a YAML error message quotes the document, which holds secrets. Any
      // runtime exception of the YAML library means the same thing: not a usable document.
      throw new CatalogConfigurationException(what + " is not valid YAML");
    }
    throw new CatalogConfigurationException(what + " is not a mapping");
  }

  /** Whether {@code value} can be sent in an HTTP header: visible ASCII, space and tab. */
  static boolean headerSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        return false;
      }
    }
    return true;
  }

  static String str(Object o) {
    return o instanceof String s ? s : null;
  }

  static CatalogConfigurationException fail(String message) {
    // Names come from the file: a newline in one must not forge a line of a log.
    return new CatalogConfigurationException("kubeconfig: " + ControlCharacters.visible(message));
  }
}
