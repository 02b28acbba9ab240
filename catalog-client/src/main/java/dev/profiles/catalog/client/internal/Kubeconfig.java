package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The part of a kubeconfig needed to reach the API server as the user: the context's cluster
 * (server URL, CA) and user (bearer token or token file, client certificate and key, or basic
 * auth). Relative file paths are relative to the kubeconfig's directory, as kubectl reads them.
 * Exec and auth-provider plugins and {@code insecure-skip-tls-verify} are refused with a clear
 * message rather than half supported.
 */
public final class Kubeconfig {
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
      try {
        token = Files.readString(dir.resolve(tokenFile), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw fail("user '" + userName + "': cannot read tokenFile " + tokenFile);
      }
    }
    if (token != null && !token.isEmpty()) {
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
    } catch (GeneralSecurityException | IOException e) {
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
    try {
      return Optional.of(Files.readAllBytes(dir.resolve(path)));
    } catch (IOException e) {
      throw fail("cannot read " + field + " " + path);
    }
  }

  private static Map<?, ?> load(Path file) throws CatalogConfigurationException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CatalogConfigurationException("kubeconfig " + file + " cannot be read: "
          + e.getClass().getSimpleName());
    }
    try {
      Object root = new Load(LoadSettings.builder().setAllowDuplicateKeys(false)
          .setCodePointLimit(4 * 1024 * 1024).build()).loadFromString(text);
      if (root instanceof Map<?, ?> m) {
        return m;
      }
    } catch (YamlEngineException e) {
      // Not echoed: a YAML error message quotes the document, which holds secrets.
      throw new CatalogConfigurationException("kubeconfig " + file + " is not valid YAML");
    }
    throw new CatalogConfigurationException("kubeconfig " + file + " is not a mapping");
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
    return new CatalogConfigurationException("kubeconfig: " + message);
  }
}
