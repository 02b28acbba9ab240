package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;

/**
 * A command (install, upgrade, uninstall, bootstrap) that was refused before anything was written: the GitOps
 * repository is exactly as it was. {@link #reason()} says why, for callers that react to it.
 *
 * <pre>{@code
 * try {
 *   profiles.install(repo).source(src).name("my-nginx").call();
 * } catch (InstallRefusedException e) {
 *   if (e.reason() == InstallRefusedException.Reason.TARGET_EXISTS) { ... }
 * }
 * }</pre>
 */
public final class InstallRefusedException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  /** Why an install was refused. */
  public enum Reason {
    /** The installation directory exists and replacing was not asked for (or is not allowed). */
    TARGET_EXISTS,
    /** The installation directory has uncommitted changes that writing would destroy. */
    UNCOMMITTED_CHANGES,
    /** No Flux GitRepository was given and {@code .pctl/config.yaml} names none. */
    MISSING_GIT_REPOSITORY,
    /** The options do not make a valid installation (name, namespace, source, directory). */
    INVALID_OPTIONS,
    /**
     * No author was given and the repository has no configured user ({@code user.name},
     * {@code user.email}): pass {@code .author(Signature.of(name, email))} or configure git.
     */
    MISSING_AUTHOR,
    /** The directory holds no valid installation record (upgrade, uninstall). */
    NOT_AN_INSTALLATION,
    /** The asked upgrade does not fit how the installation was made (a branch, a tag). */
    UNSUPPORTED_UPGRADE
  }

  private final Reason reason;

  public InstallRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
