package dev.profiles.core.catalog;

import dev.profiles.core.ProfilesException;
import java.util.Objects;

/**
 * A profile repository could not be scanned at all (as opposed to single tags being skipped,
 * see {@link SkippedTag}). The catalog reports it for the source that lists the repository and
 * keeps serving everything else.
 *
 * <pre>{@code
 * throw new RepositoryScanException(Reason.AUTHENTICATION_REQUIRED,
 *     "https://github.com/org/private: authentication required; set secretRef");
 * }</pre>
 */
public class RepositoryScanException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  /** Why the scan failed, for status pages and for deciding whether to retry soon. */
  public enum Reason {
    /** The host could not be reached or the connection broke. */
    UNREACHABLE,
    /** The repository is private and there are no, or wrong, credentials. */
    AUTHENTICATION_REQUIRED,
    /** The host answered that there is no such repository. */
    NOT_FOUND,
    /**
     * The repository's URL is refused by the source policy (a scheme that is never allowed,
     * plain http or a local path that was not allowed); nothing was opened or fetched.
     */
    REFUSED,
    /** Anything else. */
    FAILED
  }

  private final Reason reason;

  /** {@code message} must not contain credentials: redact URLs with {@code SafeUrls}. */
  public RepositoryScanException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** {@code message} must not contain credentials: redact URLs with {@code SafeUrls}. */
  public RepositoryScanException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
