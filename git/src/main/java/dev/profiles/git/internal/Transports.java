package dev.profiles.git.internal;

import dev.profiles.core.internal.Loggers;
import dev.profiles.core.resolve.AuthenticationFailedException;
import dev.profiles.core.resolve.CancelledException;
import dev.profiles.core.resolve.ChangedHostKeyException;
import dev.profiles.core.resolve.RepositoryNotFoundException;
import dev.profiles.core.resolve.ResolveException;
import dev.profiles.core.resolve.TransportFailedException;
import dev.profiles.core.resolve.UnknownHostKeyException;
import dev.profiles.core.resolve.UntrustedSourceException;
import dev.profiles.core.rules.SafeUrls;
import dev.profiles.core.rules.SourceUrls.Kind;
import dev.profiles.core.rules.SourceUrls;
import dev.profiles.git.GitCredentials;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportBundle;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.slf4j.Logger;

/**
 * Everything about talking to a remote: credentials per host, JGit's Apache MINA SSH transport
 * with strict {@code known_hosts} checking, the two operations resolution needs (ref
 * advertisement and fetch), and turning JGit's exceptions into the SDK's typed ones with
 * credentials scrubbed from every message.
 */
public final class Transports implements AutoCloseable {
  private static final Logger LOG = Loggers.get("dev.profiles.git");
  private final GitCredentials defaults;
  private final Map<String, GitCredentials> byHost;
  private final Path sshHome;
  private final Optional<Path> sshConfig;
  private final Map<GitCredentials, Ssh> ssh = new ConcurrentHashMap<>();
  private final Repository settings;
  static final java.util.Set<String> SSH_SCHEMES = java.util.Set.of("ssh", "git+ssh",
      "ssh+git");

  private record Ssh(SshdSessionFactory factory, StrictKnownHosts knownHosts) {}

  /**
   * {@code settings} is a repository whose config (notably {@code protocol.version}) governs
   * transports that have no local repository of their own: ref advertisements.
   */
  public Transports(GitCredentials defaults, Map<String, GitCredentials> byHost, Path sshHome,
      Optional<Path> sshConfig, Repository settings) {
    this.settings = settings;
    this.defaults = defaults;
    this.byHost = Map.copyOf(byHost);
    this.sshHome = sshHome;
    this.sshConfig = sshConfig;
  }

  /**
   * The refs {@code refNames} as the server advertises them (absent ones are missing from the
   * map); with protocol v2 only these refs are asked for.
   */
  public Map<String, Ref> advertise(String url, Collection<String> refNames, Operation op)
      throws ResolveException {
    List<RefSpec> specs = new ArrayList<>();
    refNames.forEach(r -> specs.add(new RefSpec(r)));
    return listRefs(url, specs, "reading refs of", op);
  }

  /** Every tag the server advertises, peeled. */
  public Map<String, Ref> advertiseTags(String url, Operation op) throws ResolveException {
    return listRefs(url, List.of(new RefSpec("refs/tags/*:refs/tags/*")), "listing tags of", op);
  }

  /**
   * Makes the refs of {@code repo} under {@code prefix} (e.g. {@code refs/tags/}) a copy of the
   * remote's, in one fetch: new and moved refs are fetched with their history, refs the remote
   * no longer has are deleted, and when nothing changed nothing is transferred beyond the ref
   * advertisement. Not shallow: JGit refetches every wanted ref of a shallow fetch even when the
   * repository already has it.
   *
   * @return the refs under {@code prefix} that the server advertised for this very fetch
   */
  public Map<String, Ref> mirror(Repository repo, String url, String prefix, Operation op)
      throws ResolveException {
    URIish uri = uri(url);
    FetchResult result;
    LOG.debug("fetching {}* from {}", prefix, SafeUrls.redact(url));
    try (Transport t = open(repo, url, uri)) {
      configure(t, uri, op);
      t.setTagOpt(TagOpt.NO_TAGS);
      t.setRemoveDeletedRefs(true);
      result = t.fetch(op.monitor(),
          List.of(new RefSpec("+" + prefix + "*:" + prefix + "*")));
    } catch (IOException | RuntimeException e) {
      throw translate(url, "fetching from", e, op);
    }
    Map<String, Ref> refs = new HashMap<>();
    for (Ref ref : result.getAdvertisedRefs()) {
      if (ref.getName().startsWith(prefix) && !ref.getName().endsWith("^{}")) {
        refs.put(ref.getName(), ref);
      }
    }
    return refs;
  }

  private Map<String, Ref> listRefs(String url, List<RefSpec> specs, String action,
      Operation op) throws ResolveException {
    URIish uri = uri(url);
    op.checkCancelled(action + " " + SafeUrls.redact(url));
    try (Transport t = open(settings, url, uri)) {
      configure(t, uri, op);
      try (FetchConnection c = t.openFetch(specs)) {
        return new HashMap<>(c.getRefsMap());
      }
    } catch (IOException | RuntimeException e) {
      throw translate(url, action, e, op);
    }
  }

  /**
   * Fetches {@code refNames} into {@code repo} under the same names, shallow (depth 1) unless
   * the server cannot, without tags that were not asked for.
   */
  public void fetch(Repository repo, String url, Collection<String> refNames, Operation op)
      throws ResolveException {
    List<RefSpec> specs = new ArrayList<>();
    refNames.forEach(r -> specs.add(new RefSpec("+" + r + ":" + r)));
    URIish uri = uri(url);
    LOG.debug("fetching {} from {}", refNames, SafeUrls.redact(url));
    try {
      fetch(repo, url, uri, specs, true, op);
    } catch (IOException | RuntimeException e) {
      ResolveException failure = translate(url, "fetching from", e, op);
      // A server without shallow support, or a ref at a tree or blob (which a shallow fetch
      // cannot cut at a depth), still serves a full fetch; failures of access do not change,
      // and neither does a server that stopped answering (the timeout would just run again).
      if (failure.getClass() == TransportFailedException.class
          && !hasCause(e, java.net.SocketTimeoutException.class)) {
        try {
          LOG.debug("shallow fetch from {} failed, fetching in full: {}", SafeUrls.redact(url),
              failure.getMessage());
          fetch(repo, url, uri, specs, false, op);
          return;
        } catch (IOException | RuntimeException again) {
          throw translate(url, "fetching from", again, op);
        }
      }
      throw failure;
    }
  }

  /**
   * Pushes {@code specs} from {@code repo} to {@code url} with the configured credentials;
   * returns the server's verdict per ref.
   */
  public Collection<RemoteRefUpdate> push(Repository repo, String url, List<RefSpec> specs)
      throws ResolveException {
    return push(repo, url, specs, Operation.defaults());
  }

  /**
   * {@link #push(Repository, String, List)} reporting to {@code op}'s progress, with its
   * timeout. An interrupt or a cancelling progress is honoured before the push starts ({@link
   * CancelledException}, nothing sent); once refs are on the wire the push runs to its end or
   * its timeout, on the caller's thread, so that the caller always knows what the remote has.
   */
  public Collection<RemoteRefUpdate> push(Repository repo, String url, List<RefSpec> specs,
      Operation op) throws ResolveException {
    return push(repo, url, specs, Map.of(), op);
  }

  /**
   * A push where each remote ref named in {@code leases} is updated only if the remote still
   * holds the given id (zero: must not exist), git's {@code --force-with-lease}.
   */
  public Collection<RemoteRefUpdate> push(Repository repo, String url, List<RefSpec> specs,
      Map<String, org.eclipse.jgit.lib.ObjectId> leases, Operation op) throws ResolveException {
    URIish uri = uri(url);
    op.checkCancelled("pushing to " + SafeUrls.redact(url));
    LOG.debug("pushing {} to {}", specs, SafeUrls.redact(url));
    try (Transport t = open(repo, url, uri)) {
      configure(t, uri, op);
      Collection<RemoteRefUpdate> updates = new java.util.ArrayList<>();
      for (RemoteRefUpdate u : t.findRemoteRefUpdatesFor(specs)) {
        org.eclipse.jgit.lib.ObjectId lease = leases.get(u.getRemoteName());
        updates.add(lease == null ? u : new RemoteRefUpdate(u, lease));
      }
      return t.push(op.monitor(), updates).getRemoteUpdates();
    } catch (IOException | RuntimeException e) {
      throw translate(url, "pushing to", e, op);
    }
  }

  private void fetch(Repository repo, String url, URIish uri, List<RefSpec> specs,
      boolean shallow, Operation op) throws IOException, ResolveException {
    op.checkCancelled("fetching from " + SafeUrls.redact(url));
    try (Transport t = open(repo, url, uri)) {
      configure(t, uri, op);
      t.setTagOpt(TagOpt.NO_TAGS);
      if (shallow) {
        t.setDepth(1);
      }
      t.fetch(op.monitor(), specs);
    }
  }

  /**
   * Parses {@code url} after checking it against {@link SourceUrls}: refused URLs ({@code
   * ext::}, {@code fd::}, {@code git://}, unknown schemes, option-like hosts, control
   * characters) never become a {@link URIish}, let alone a transport.
   */
  private URIish uri(String url) throws ResolveException {
    return parse(url);
  }

  /**
   * {@code url} as JGit will read it, after checking it is acceptable ({@link SourceUrls}) and
   * that JGit reads it as git does: the same kind, and the same host as the one after the
   * authority's last '@'. JGit's parser differs from git's on odd spellings (a {@code \} in a
   * password, repeated '@' and ':' in scp-like URLs); such a URL is refused rather than let the
   * policy judge one host while JGit connects to another.
   *
   * @throws UntrustedSourceException when the URL is refused or ambiguous
   * @throws RepositoryNotFoundException when JGit cannot parse it at all
   */
  public static URIish parse(String url) throws ResolveException {
    Kind kind = kind(url);
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException | RuntimeException e) {
      throw new RepositoryNotFoundException(
          "'" + SafeUrls.redact(url) + "' is not a git repository URL");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean agrees = switch (kind) {
      case HTTPS -> "https".equals(scheme) && sameHost(url, uri, true);
      case HTTP -> "http".equals(scheme) && sameHost(url, uri, true);
      case SSH -> (scheme == null || SSH_SCHEMES.contains(scheme))
          && sameHost(url, uri, scheme != null);
      case LOCAL -> (scheme == null || "file".equals(scheme)) && uri.getHost() == null
          && uri.getPath() != null;
    };
    if (!agrees || startsWithDash(uri.getHost()) || startsWithDash(uri.getUser())
        || (kind == Kind.SSH && startsWithDash(uri.getPath()))) {
      throw new UntrustedSourceException("source URL '" + SafeUrls.redact(url)
          + "' is ambiguous (JGit does not read it as the " + kind.name().toLowerCase(Locale.ROOT)
          + " URL git would) or names an option-like host, user or path; it is refused");
    }
    return uri;
  }

  /** Whether JGit's host is the one git reads: after the authority's last '@'. */
  private static boolean sameHost(String url, URIish uri, boolean hasScheme) {
    if (uri.getHost() == null) {
      return false;
    }
    String rest = hasScheme ? url.substring(url.indexOf("://") + 3) : url;
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      host = close < 0 ? hostPort : hostPort.substring(1, close);
    } else {
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
    String theirs = uri.getHost();
    if (theirs.startsWith("[") && theirs.endsWith("]")) {
      theirs = theirs.substring(1, theirs.length() - 1);
    }
    return host.equalsIgnoreCase(theirs);
  }

  private static Kind kind(String url) throws UntrustedSourceException {
    try {
      return SourceUrls.kind(url);
    } catch (IllegalArgumentException e) {
      throw new UntrustedSourceException(e.getMessage());
    }
  }

  private static boolean startsWithDash(String s) {
    return s != null && s.startsWith("-");
  }

  /**
   * Opens the one JGit transport that the URL's kind allows, chosen here rather than by
   * {@link Transport#open(Repository, URIish)}, which would try every registered protocol
   * ({@code git://}, bundles, {@code amazon-s3://}, {@code sftp://}, {@code ftp://}).
   */
  private Transport open(Repository local, String url, URIish uri)
      throws IOException, ResolveException {
    Kind kind = kind(url);
    TransportProtocol protocol = switch (kind) {
      case HTTPS, HTTP -> protocol("TransportHttp", "https");
      case SSH -> protocol("TransportGitSsh", "ssh");
      case LOCAL -> protocol("TransportLocal", "file");
    };
    URIish target = uri;
    if (kind == Kind.LOCAL) {
      File dir = new File(uri.getPath());
      if (!dir.isAbsolute()) {
        // A relative path means the process's working directory, as for git, not JGit's
        // default (the directory of the repository fetching).
        dir = dir.getAbsoluteFile();
        target = uri.setPath(dir.getPath());
      }
      if (dir.isFile()) {
        throw new UntrustedSourceException("'" + SafeUrls.redact(url) + "' is a file (a git"
            + " bundle?), not a repository directory; only repositories are read");
      }
      if (!dir.isDirectory()) {
        throw new RepositoryNotFoundException("repository not found: " + SafeUrls.redact(url));
      }
    }
    if (!protocol.canHandle(target, local, null)) {
      throw new UntrustedSourceException("source URL '" + SafeUrls.redact(url)
          + "' cannot be read with the " + protocol.getName() + " transport");
    }
    Transport t = protocol.open(target, local, null);
    if (t instanceof TransportBundle) {
      t.close();
      throw new UntrustedSourceException("'" + SafeUrls.redact(url) + "' is a git bundle, not a"
          + " repository; only repositories are read");
    }
    return t;
  }

  private static TransportProtocol protocol(String owner, String scheme) throws ResolveException {
    for (TransportProtocol p : Transport.getTransportProtocols()) {
      Class<?> enclosing = p.getClass().getEnclosingClass();
      if (enclosing != null && enclosing.getName().equals("org.eclipse.jgit.transport." + owner)
          && p.getSchemes().contains(scheme)) {
        return p;
      }
    }
    throw new TransportFailedException("JGit's " + scheme + " transport is not available");
  }

  private GitCredentials credentialsFor(URIish uri) {
    String host = uri.getHost();
    return host == null ? defaults : byHost.getOrDefault(host.toLowerCase(Locale.ROOT), defaults);
  }

  private void configure(Transport t, URIish uri, Operation op) {
    GitCredentials c = credentialsFor(uri);
    if (c.username().isPresent() || c.password().isPresent()) {
      t.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
          c.username().orElse("git"), c.password().orElse("")));
    } else {
      t.setCredentialsProvider(CredentialsProvider.getDefault());
    }
    // Connect and read timeout alike: JGit's HTTP transport sets both on every connection,
    // its SSH transport bounds connecting, authenticating and every read.
    t.setTimeout(op.timeoutSeconds());
    if (t instanceof SshTransport sshTransport) {
      sshTransport.setSshSessionFactory(ssh(c).factory());
    }
  }

  private Ssh ssh(GitCredentials c) {
    return ssh.computeIfAbsent(c, this::newSsh);
  }

  private Ssh newSsh(GitCredentials c) {
    Path knownHosts = c.knownHosts().orElseGet(
        () -> Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    StrictKnownHosts keys = new StrictKnownHosts(knownHosts);
    File home = sshHome.toFile();
    File sshDir = sshHome.resolve(".ssh").toFile();
    // A private home and .ssh directory: the user's own ssh config, keys and agent are not
    // consulted behind the caller's back; only what GitCredentials says is used (its agent
    // socket included).
    SshdSessionFactory factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home)
        .setSshDirectory(sshDir)
        .setConfigFile(dir -> sshConfig.map(Path::toFile).orElse(null))
        .setDefaultIdentities(dir -> c.sshPrivateKey().map(List::of).orElse(List.of()))
        .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
        .setServerKeyDatabase((h, s) -> keys)
        .setPreferredAuthentications("publickey")
        .setKeyPasswordProvider(cp -> new Passphrase(c.sshPassphrase()))
        .setConnectorFactory(c.sshAgent().map(AgentSocket::new).orElse(null))
        .build(null);
    return new Ssh(factory, keys);
  }

  /** Answers the key's passphrase once; a wrong one fails authentication instead of looping. */
  private static final class Passphrase implements KeyPasswordProvider {
    private final Optional<String> passphrase;
    private int attempts = 1;

    Passphrase(Optional<String> passphrase) {
      this.passphrase = passphrase;
    }

    @Override
    public char[] getPassphrase(URIish uri, int attempt) {
      return attempt == 0 ? passphrase.map(String::toCharArray).orElse(null) : null;
    }

    @Override
    public void setAttempts(int attempts) {
      this.attempts = attempts;
    }

    @Override
    public int getAttempts() {
      return attempts;
    }

    @Override
    public boolean keyLoaded(URIish uri, int attempt, Exception error) {
      return false;
    }
  }

  /**
   * The SDK exception for a JGit failure while {@code action} {@code url}: {@link
   * CancelledException} when {@code op} was cancelled meanwhile (JGit reports that as a
   * transport failure).
   */
  public ResolveException translate(String url, String action, Exception e, Operation op) {
    if (op.isCancelled() || hasCause(e, InterruptedException.class)
        || hasCause(e, java.io.InterruptedIOException.class)
            && !hasCause(e, java.net.SocketTimeoutException.class)) {
      if (e instanceof CancelledException c) {
        return c;
      }
      return new CancelledException(action + " " + SafeUrls.redact(url) + " was cancelled",
          Secrets.of(url, credentialsFor(uriOrNull(url))).scrub(e));
    }
    return translate(url, action, e);
  }

  /** The SDK exception for a JGit failure while {@code action} {@code url}. */
  public ResolveException translate(String url, String action, Exception e) {
    String safe = SafeUrls.redact(url);
    Secrets secrets = Secrets.of(url, credentialsFor(uriOrNull(url)));
    Throwable cause = secrets.scrub(e);
    String detail = secrets.text(rootMessage(e));
    String lower = allMessages(e).toLowerCase(Locale.ROOT);
    Optional<StrictKnownHosts.Verdict> verdict = hostKeyVerdict(url, lower);
    if (verdict.isPresent()) {
      String where = hostOf(url);
      return verdict.get() == StrictKnownHosts.Verdict.UNKNOWN
          ? new UnknownHostKeyException("unknown host key for " + where + " (" + safe
              + "): add the server's key to known_hosts to trust it")
          : new ChangedHostKeyException("host key for " + where + " (" + safe
              + ") does not match known_hosts: the server changed its key, or someone is in "
              + "the middle");
    }
    if (hasCause(e, NoRemoteRepositoryException.class)
        || (e instanceof NotSupportedException && isMissingLocal(url))
        || lower.contains("repository not found")) {
      return new RepositoryNotFoundException("repository not found: " + safe);
    }
    if (lower.contains("not authorized") || lower.contains("authentication")
        || lower.contains("no credentialsprovider") || lower.contains("auth fail")
        || lower.contains("no more authentication methods")) {
      // Over HTTP(S) JGit's own words name its API ("no CredentialsProvider has been
      // registered"), claim that refused credentials were none, or repeat the URL.
      URIish uri = uriOrNull(url);
      String why = detail;
      if (uri != null && !"ssh".equals(schemeOf(uri))) {
        GitCredentials given = credentialsFor(uri);
        boolean any = given.username().isPresent() || given.password().isPresent()
            || uri.getPass() != null;
        why = any ? "the server refused the credentials given"
            : "the server asks for credentials and none were given";
      }
      return new AuthenticationFailedException("authentication failed for " + safe + ": " + why);
    }
    return new TransportFailedException(action + " " + safe + " failed: " + detail, cause);
  }

  private Optional<StrictKnownHosts.Verdict> hostKeyVerdict(String url, String messages) {
    URIish uri = uriOrNull(url);
    if (uri == null || !"ssh".equals(schemeOf(uri)) || !(messages.contains("key")
        || messages.contains("verif") || messages.contains("reject"))) {
      return Optional.empty();
    }
    Ssh s = ssh.get(credentialsFor(uri));
    return s == null ? Optional.empty()
        : s.knownHosts().verdict(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 22);
  }

  private static String schemeOf(URIish uri) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      return uri.getHost() != null ? "ssh" : "file";
    }
    return scheme.toLowerCase(Locale.ROOT).contains("ssh") ? "ssh" : scheme;
  }

  private static boolean isMissingLocal(String url) {
    URIish uri = uriOrNull(url);
    if (uri == null || (uri.getScheme() != null && !uri.getScheme().equals("file"))) {
      return false;
    }
    return uri.getPath() != null && !Files.exists(Path.of(uri.getPath()));
  }

  private static String hostOf(String url) {
    URIish uri = uriOrNull(url);
    if (uri == null || uri.getHost() == null) {
      return "the server";
    }
    return uri.getPort() > 0 ? "[" + uri.getHost() + "]:" + uri.getPort() : uri.getHost();
  }

  private static URIish uriOrNull(String url) {
    try {
      return new URIish(url);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static String allMessages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    ssh.values().forEach(s -> s.factory().close());
    ssh.clear();
  }
}
