package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogConfigurationException;
import dev.profiles.core.rules.ControlCharacters;
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
import java.util.Base64;
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
 * (server URL, CA) and user (bearer token or token file, client certificate and key, or basic
 * auth). Relative file paths are relative to the kubeconfig's directory, as kubectl reads them.
 * Exec and auth-provider plugins and {@code insecure-skip-tls-verify} are refused with a clear
 * message rather than half supported.
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

  private Kubeconfig() {}

  /** Reads {@code file} and answers the API server endpoint of {@code context} (or the current one). */
  public static Transport.Endpoint endpoint(Path file, Optional<String> context)
      throws CatalogConfigurationException {
    Map<?, ?> root = load(file);
    String contextName = context.orElseGet(() -> str(root.get("current-context")));
    if (contextName == null || contextName.isEmpty()) {
      throw fail("no context given and no current-context set");
    }
    Map<?, ?> ctx = named(root, "contexts", contextName, "context");
    String clusterName = str(ctx.get("cluster"));
    String userName = str(ctx.get("user"));
    if (clusterName == null) {
      throw fail("context '" + contextName + "' names no cluster");
    }
    Map<?, ?> cluster = named(root, "clusters", clusterName, "cluster");
    Map<?, ?> user = userName == null ? Map.of() : named(root, "users", userName, "user");
    Path dir = file.toAbsolutePath().getParent();

    String server = str(cluster.get("server"));
    if (server == null || server.isEmpty()) {
      throw fail("cluster '" + clusterName + "' has no server");
    }
    URI base;
    try {
      base = URI.create(server.replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw fail("cluster '" + clusterName + "': server is not a URL");
    }
    String scheme = Optional.ofNullable(base.getScheme()).orElse("");
    if (base.getHost() == null || !(scheme.equalsIgnoreCase("https")
        || scheme.equalsIgnoreCase("http")) || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw fail("cluster '" + clusterName + "': server is not an http(s) URL with a host");
    }
    if (Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"))) {
      throw fail("cluster '" + clusterName + "': insecure-skip-tls-verify is not supported;"
          + " give the cluster's certificate-authority instead");
    }
    for (String plugin : List.of("exec", "auth-provider")) {
      if (user.containsKey(plugin)) {
        throw fail("user '" + userName + "': " + plugin + " credentials are not supported;"
            + " use a token or a client certificate");
      }
    }

    Optional<byte[]> ca = bytes(cluster, "certificate-authority", dir);
    Optional<byte[]> cert = bytes(user, "client-certificate", dir);
    Optional<byte[]> key = bytes(user, "client-key", dir);
    if (cert.isPresent() != key.isPresent()) {
      throw fail("user '" + userName + "': client-certificate and client-key go together");
    }
    Optional<SSLContext> ssl = Optional.empty();
    if (ca.isPresent() || cert.isPresent()) {
      ssl = Optional.of(sslContext(ca, cert, key, userName));
    }
    return new Transport.Endpoint(base, authorization(user, userName, dir), ssl);
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
        String what = "user '" + userName + "'";
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
  private static Optional<byte[]> bytes(Map<?, ?> m, String field, Path dir)
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
  private static byte[] readAtMost(Path file, int max) throws IOException {
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
            throw new CatalogConfigurationException("kubeconfig " + file + " nests deeper than "
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
      throw new CatalogConfigurationException("kubeconfig " + file + " is not valid YAML");
    }
    throw new CatalogConfigurationException("kubeconfig " + file + " is not a mapping");
  }

  /** Whether {@code value} can be sent in an HTTP header: visible ASCII, space and tab. */
  private static boolean headerSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        return false;
      }
    }
    return true;
  }

  private static Map<?, ?> named(Map<?, ?> root, String list, String name, String field)
      throws CatalogConfigurationException {
    if (root.get(list) instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m && name.equals(str(m.get("name")))) {
          if (m.get(field) instanceof Map<?, ?> value) {
            return value;
          }
          throw fail(list + ": '" + name + "' has no " + field);
        }
      }
    }
    throw fail(field + " '" + name + "' not found");
  }

  private static String str(Object o) {
    return o instanceof String s ? s : null;
  }

  private static CatalogConfigurationException fail(String message) {
    // Names come from the file: a newline in one must not forge a line of a log.
    return new CatalogConfigurationException("kubeconfig: " + ControlCharacters.visible(message));
  }
}
