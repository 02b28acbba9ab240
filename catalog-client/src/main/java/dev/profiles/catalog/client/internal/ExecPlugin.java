package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogConfigurationException;
import dev.profiles.core.rules.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A kubeconfig {@code exec} credential plugin (how EKS, GKE and AKS log in), as kubectl runs
 * it: {@code command} with {@code args} and {@code env} added to our environment, {@code
 * KUBERNETES_EXEC_INFO} describing the request (with the cluster when {@code
 * provideClusterInfo} is true), standard input closed (we never have a terminal, so {@code
 * interactiveMode: Always} is refused), and an {@code ExecCredential} of the same {@code
 * apiVersion} ({@code client.authentication.k8s.io/v1} or {@code v1beta1}) read from standard
 * output, giving {@code status.token} or {@code status.clientCertificateData} and {@code
 * clientKeyData}. A token is fetched again once its {@code expirationTimestamp} has passed; a
 * client certificate is read once, when the client is built.
 *
 * <p>Bounded and quiet: standard output is read up to 1 MiB, the plugin gets 2 minutes, and its
 * standard error is discarded (plugins print tokens and account names there when they fail);
 * errors name the user entry and the exit status, never the output.
 */
final class ExecPlugin implements Transport.Credentials {
  private static final String V1 = "client.authentication.k8s.io/v1";
  private static final String V1BETA1 = "client.authentication.k8s.io/v1beta1";
  private static final int MAX_OUTPUT_BYTES = 1 << 20;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** The cluster as {@code provideClusterInfo} passes it. */
  record ClusterInfo(String server, Optional<byte[]> certificateAuthority, Object extensions) {}

  /** One {@code ExecCredential.status}. */
  record Credential(Optional<String> token, Optional<byte[]> clientCertificate,
      Optional<byte[]> clientKey, Optional<Instant> expires) {
    @Override
    public String toString() {
      return "Credential[expires=" + expires + "]";
    }
  }

  private final String what;
  private final String apiVersion;
  private final List<String> command;
  private final Map<String, String> env;
  private final String execInfo;
  private final Optional<String> installHint;
  private final Clock clock;
  private final AtomicReference<Credential> current = new AtomicReference<>();

  private ExecPlugin(String what, String apiVersion, List<String> command,
      Map<String, String> env, String execInfo, Optional<String> installHint, Clock clock) {
    this.what = what;
    this.apiVersion = apiVersion;
    this.command = command;
    this.env = env;
    this.execInfo = execInfo;
    this.installHint = installHint;
    this.clock = clock;
  }

  /** The plugin {@code exec} of {@code what} (a user entry) in a kubeconfig in {@code dir}. */
  static ExecPlugin of(Map<?, ?> exec, String what, Path dir, ClusterInfo cluster)
      throws CatalogConfigurationException {
    String where = what + ": exec";
    String apiVersion = Kubeconfig.str(exec.get("apiVersion"));
    if (!V1.equals(apiVersion) && !V1BETA1.equals(apiVersion)) {
      throw Kubeconfig.fail(where + ": apiVersion must be " + V1 + " or " + V1BETA1);
    }
    String cmd = Kubeconfig.str(exec.get("command"));
    if (cmd == null || cmd.isBlank()) {
      throw Kubeconfig.fail(where + ": command is missing");
    }
    if (cmd.indexOf('/') >= 0 && !cmd.startsWith("/")) {
      // kubectl: a relative path with a separator is relative to the kubeconfig's directory.
      try {
        cmd = dir.resolve(cmd).normalize().toString();
      } catch (InvalidPathException e) {
        throw Kubeconfig.fail(where + ": command is not a valid path");
      }
    }
    List<String> command = new ArrayList<>(List.of(cmd));
    Object args = exec.get("args");
    if (args != null) {
      if (!(args instanceof List<?> list)) {
        throw Kubeconfig.fail(where + ": args is not a list");
      }
      for (Object a : list) {
        if (!(a instanceof String s)) {
          throw Kubeconfig.fail(where + ": args must be strings");
        }
        command.add(s);
      }
    }
    Map<String, String> env = new java.util.LinkedHashMap<>();
    Object envList = exec.get("env");
    if (envList != null) {
      if (!(envList instanceof List<?> list)) {
        throw Kubeconfig.fail(where + ": env is not a list");
      }
      for (Object e : list) {
        if (!(e instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)
            || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0
            || !(m.get("value") instanceof String value) || value.indexOf('\0') >= 0) {
          throw Kubeconfig.fail(where + ": env entries need a name and a string value");
        }
        env.put(name, value);
      }
    }
    String mode = Kubeconfig.str(exec.get("interactiveMode"));
    if (mode == null) {
      if (V1.equals(apiVersion)) {
        throw Kubeconfig.fail(where + ": interactiveMode is required for " + V1);
      }
      mode = "IfAvailable";
    }
    switch (mode) {
      case "Never", "IfAvailable" -> { }
      case "Always" -> throw Kubeconfig.fail(where + ": interactiveMode Always needs a"
          + " terminal, and a library has none; use a plugin that runs non-interactively");
      default -> throw Kubeconfig.fail(where + ": interactiveMode must be Never, IfAvailable"
          + " or Always");
    }
    Object provide = exec.containsKey("provideClusterInfo") ? exec.get("provideClusterInfo") : Boolean.FALSE;
    if (!(provide instanceof Boolean)) {
      throw Kubeconfig.fail(where + ": provideClusterInfo is not a boolean");
    }
    String info = execInfo(apiVersion, (Boolean) provide ? Optional.of(cluster)
        : Optional.empty());
    Optional<String> hint = Optional.ofNullable(Kubeconfig.str(exec.get("installHint")))
        .map(ControlCharacters::visible);
    return new ExecPlugin(what, apiVersion, List.copyOf(command), Map.copyOf(env), info, hint,
        Clock.systemUTC());
  }

  /** This plugin judging expiry by {@code clock} (tests). */
  ExecPlugin withClock(Clock clock) {
    return new ExecPlugin(what, apiVersion, command, env, execInfo, installHint, clock);
  }

  @Override
  public Optional<String> header() throws CatalogConfigurationException {
    Credential c = credential();
    return c.token().map(t -> "Bearer " + t);
  }

  /** The current credential: the last one until it expires, then a fresh one. */
  synchronized Credential credential() throws CatalogConfigurationException {
    Credential c = current.get();
    if (c == null || c.expires().map(e -> !clock.instant().isBefore(e)).orElse(false)) {
      c = run();
      current.set(c);
    }
    return c;
  }

  private Credential run() throws CatalogConfigurationException {
    String where = what + ": exec plugin " + ControlCharacters.visible(command.get(0));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    pb.environment().put("KUBERNETES_EXEC_INFO", execInfo);
    Process p;
    try {
      p = pb.start();
    } catch (IOException | RuntimeException e) {
      throw new CatalogConfigurationException("kubeconfig: " + where + " cannot be started"
          + " (not installed, or not executable)" + installHint.map(h -> ": " + h).orElse(""));
    }
    byte[][] out = new byte[1][];
    IOException[] readFailure = new IOException[1];
    Thread reader = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        out[0] = in.readNBytes(MAX_OUTPUT_BYTES + 1);
        if (out[0].length > MAX_OUTPUT_BYTES) {
          // It would block on a full pipe forever: stop it now.
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (IOException e) {
        readFailure[0] = e;
      }
    }, "profiles-exec-credential");
    reader.setDaemon(true);
    try {
      p.getOutputStream().close();
      reader.start();
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new CatalogConfigurationException("kubeconfig: " + where + " did not finish"
            + " within " + TIMEOUT.toSeconds() + " s");
      }
      reader.join(TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogConfigurationException("kubeconfig: interrupted while " + where
          + " ran");
    } catch (IOException e) {
      throw new CatalogConfigurationException("kubeconfig: " + where + " cannot be run");
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    // join() made the reader's writes visible.
    if (readFailure[0] != null || out[0] == null) {
      throw new CatalogConfigurationException("kubeconfig: " + where + "'s output cannot"
          + " be read");
    }
    if (out[0].length > MAX_OUTPUT_BYTES) {
      throw new CatalogConfigurationException("kubeconfig: " + where + " printed more than "
          + MAX_OUTPUT_BYTES + " bytes");
    }
    if (p.exitValue() != 0) {
      // Its standard error was discarded: it may hold what the plugin should have kept.
      throw new CatalogConfigurationException("kubeconfig: " + where + " failed with exit"
          + " status " + p.exitValue());
    }
    return parse(new String(out[0], StandardCharsets.UTF_8), where);
  }

  private Credential parse(String text, String where) throws CatalogConfigurationException {
    Map<?, ?> doc = Kubeconfig.parse(text, "the output of " + where);
    if (!"ExecCredential".equals(doc.get("kind")) || !apiVersion.equals(doc.get("apiVersion"))) {
      throw new CatalogConfigurationException("kubeconfig: " + where + " did not print an"
          + " ExecCredential of " + apiVersion);
    }
    if (!(doc.get("status") instanceof Map<?, ?> status)) {
      throw new CatalogConfigurationException("kubeconfig: " + where + "'s ExecCredential"
          + " has no status");
    }
    Optional<String> token = Optional.ofNullable(Kubeconfig.str(status.get("token")))
        .filter(t -> !t.isEmpty());
    if (token.isPresent() && !Kubeconfig.headerSafe(token.get())) {
      throw new CatalogConfigurationException("kubeconfig: " + where + "'s token holds"
          + " characters an HTTP header cannot carry");
    }
    Optional<byte[]> cert = Optional.ofNullable(Kubeconfig.str(status.get("clientCertificateData")))
        .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    Optional<byte[]> key = Optional.ofNullable(Kubeconfig.str(status.get("clientKeyData")))
        .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    if (cert.isPresent() != key.isPresent()) {
      throw new CatalogConfigurationException("kubeconfig: " + where + ": clientCertificateData"
          + " and clientKeyData go together");
    }
    if (token.isEmpty() && cert.isEmpty()) {
      throw new CatalogConfigurationException("kubeconfig: " + where + "'s ExecCredential"
          + " gives neither a token nor a client certificate");
    }
    Optional<Instant> expires = Optional.empty();
    Object ts = status.get("expirationTimestamp");
    if (ts != null) {
      try {
        expires = Optional.of(OffsetDateTime.parse(String.valueOf(ts)).toInstant());
      } catch (DateTimeParseException e) {
        throw new CatalogConfigurationException("kubeconfig: " + where + ": expirationTimestamp"
            + " is not an RFC 3339 time");
      }
      if (!clock.instant().isBefore(expires.get())) {
        throw new CatalogConfigurationException("kubeconfig: " + where + " returned a"
            + " credential that has already expired");
      }
    }
    return new Credential(token, cert, key, expires);
  }

  /** {@code KUBERNETES_EXEC_INFO}: the ExecCredential request as JSON. */
  private static String execInfo(String apiVersion, Optional<ClusterInfo> cluster) {
    StringBuilder b = new StringBuilder("{\"apiVersion\":").append(json(apiVersion))
        .append(",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false");
    cluster.ifPresent(c -> {
      b.append(",\"cluster\":{\"server\":").append(json(c.server()));
      c.certificateAuthority().ifPresent(ca -> b.append(",\"certificate-authority-data\":")
          .append(json(Base64.getEncoder().encodeToString(ca))));
      if (c.extensions() instanceof List<?> list) {
        for (Object e : list) {
          if (e instanceof Map<?, ?> m && "client.authentication.k8s.io/exec".equals(m.get("name"))
              && m.get("extension") != null) {
            b.append(",\"config\":").append(jsonValue(m.get("extension")));
          }
        }
      }
      b.append('}');
    });
    return b.append("}}").toString();
  }

  private static String jsonValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      String sep = "";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(sep).append(json(String.valueOf(e.getKey()))).append(':')
            .append(jsonValue(e.getValue()));
        sep = ",";
      }
      return b.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      String sep = "";
      for (Object o : l) {
        b.append(sep).append(jsonValue(o));
        sep = ",";
      }
      return b.append(']').toString();
    }
    if (v == null || v instanceof Boolean || v instanceof Number) {
      return String.valueOf(v);
    }
    return json(String.valueOf(v));
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
