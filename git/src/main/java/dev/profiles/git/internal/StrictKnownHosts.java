package dev.profiles.git.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against one {@code known_hosts} file: a server is accepted only if
 * the file lists exactly the key it presents. Never asks, never adds keys. Remembers why a host
 * was refused so that the failure can be reported as "unknown" or "changed" rather than as the
 * generic transport error JGit raises.
 */
final class StrictKnownHosts implements ServerKeyDatabase {
  /** Why a host was refused. */
  enum Verdict { UNKNOWN, CHANGED }

  private final Path file;
  private final Map<String, Verdict> refused = new ConcurrentHashMap<>();
  private volatile Verdict last;

  StrictKnownHosts(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * Why {@code host} (as in a URL) was last refused, if it was; for a host reached through an
   * ssh config alias, the last refusal of any host.
   */
  Optional<Verdict> verdict(String host, int port) {
    Verdict v = refused.get(hostKey(host, port));
    return Optional.ofNullable(v != null ? v : last);
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remote, Configuration c) {
    return keysFor(connectAddress, remote);
  }

  @Override
  public boolean accept(String connectAddress, InetSocketAddress remote, PublicKey serverKey,
      Configuration config, CredentialsProvider provider) {
    List<PublicKey> known = keysFor(connectAddress, remote);
    boolean ok = known.stream().anyMatch(k -> KeyUtils.compareKeys(k, serverKey));
    String[] connect = parse(connectAddress);
    List<String> keys = List.of(hostKey(remote.getHostString(), remote.getPort()),
        hostKey(connect[0], Integer.parseInt(connect[1])));
    if (ok) {
      keys.forEach(refused::remove);
      last = null;
    } else {
      Verdict v = known.isEmpty() ? Verdict.UNKNOWN : Verdict.CHANGED;
      keys.forEach(k -> refused.put(k, v));
      last = v;
    }
    return ok;
  }

  private List<PublicKey> keysFor(String connectAddress, InetSocketAddress remote) {
    List<String[]> candidates = new ArrayList<>();
    candidates.add(parse(connectAddress));
    candidates.add(new String[] {remote.getHostString(), Integer.toString(remote.getPort())});
    List<PublicKey> keys = new ArrayList<>();
    for (KnownHostEntry entry : entries()) {
      if (entry.getMarker() != null) {
        continue; // @revoked and @cert-authority lines are not plain trust
      }
      boolean matches = candidates.stream()
          .anyMatch(c -> entry.isHostMatch(c[0], Integer.parseInt(c[1])));
      if (matches) {
        resolve(entry.getKeyEntry()).ifPresent(keys::add);
      }
    }
    return keys;
  }

  private List<KnownHostEntry> entries() {
    try {
      return Files.isRegularFile(file) ? KnownHostEntry.readKnownHostEntries(file)
          : Collections.emptyList();
    } catch (IOException | RuntimeException e) {
      return Collections.emptyList();
    }
  }

  private static Optional<PublicKey> resolve(AuthorizedKeyEntry entry) {
    try {
      return Optional.ofNullable(entry == null ? null
          : entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** "[host]:port" or "host" into host and port. */
  private static String[] parse(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf("]:");
      if (close > 0) {
        return new String[] {address.substring(1, close), address.substring(close + 2)};
      }
    }
    return new String[] {address, "22"};
  }

  static String hostKey(String host, int port) {
    return host + ":" + port;
  }
}
