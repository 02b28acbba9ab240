package dev.profiles.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Global options added since the first slice (progress, plain HTTP, SSH credentials), kept out
 * of {@link Main} so that its start-up path stays small; every subcommand inherits them.
 */
final class GlobalOptions {
  @Option(names = "--no-progress", scope = ScopeType.INHERIT,
      description = "Draw no progress on stderr (default: bars on a terminal, one line per"
          + " phase otherwise).")
  boolean noProgress;

  @Option(names = "--allow-http", scope = ScopeType.INHERIT,
      description = "Allow plain-text http:// git repositories (default: refused, they send"
          + " credentials and content unprotected).")
  boolean allowHttp;

  @Option(names = "--allow-local-sources", scope = ScopeType.INHERIT,
      description = "Allow a catalog entry or a remote profile to point at this machine's"
          + " files (file:// or a path; default: refused, the catalog or the remote profile"
          + " would choose which local files are committed).")
  boolean allowLocalSources;

  @Option(names = "--ssh-key", scope = ScopeType.INHERIT, paramLabel = "FILE",
      converter = Converters.ReadableFile.class,
      description = "The SSH private key (OpenSSH or PEM) for ssh:// and git@host: URLs"
          + " (default: the first of ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exists).")
  Path sshKey;

  @Option(names = "--ssh-passphrase-env", scope = ScopeType.INHERIT, paramLabel = "NAME",
      converter = Converters.EnvName.class,
      description = "The environment variable holding the key's passphrase (default:"
          + " SSH_PASSPHRASE). Never a flag value, so it stays out of shell history.")
  String sshPassphraseEnv;

  @Option(names = "--known-hosts", scope = ScopeType.INHERIT, paramLabel = "FILE",
      converter = Converters.ReadableFile.class,
      description = "The known_hosts file of trusted SSH servers (default:"
          + " ~/.ssh/known_hosts); unknown or changed host keys are refused.")
  Path knownHosts;
}
