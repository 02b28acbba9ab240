package dev.profiles.core.update;

import dev.profiles.core.ProfilesException;
import java.time.Duration;
import java.util.Optional;

/**
 * A git host refused or failed a pull-request call: why ({@link #reason()}), the HTTP status
 * when there was one, and when to try again for rate limits. The message names the host's
 * operation and its answer, never a credential. A planner run that stops on one can be run
 * again: what was pushed or opened before is found and reused.
 *
 * <pre>{@code
 * } catch (PullRequestException e) {
 *   if (e.reason() == PullRequestException.Reason.RATE_LIMITED) {
 *     Thread.sleep(e.retryAfter().orElse(Duration.ofMinutes(1)).toMillis());
 *   }
 * }
 * }</pre>
 */
public class PullRequestException extends ProfilesException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Reason {
    /** 401: the token is missing, wrong or expired. */
    UNAUTHORIZED,
    /** 403: the token may not do this. */
    FORBIDDEN,
    /** 404: no such repository, project or request (or not visible to the token). */
    NOT_FOUND,
    /** 409/422: the host refused the request's content (such as a duplicate or no diff). */
    REJECTED,
    /** 429, or 403 with the host's rate-limit headers: try again after {@link #retryAfter()}. */
    RATE_LIMITED,
    /** 5xx or an answer that does not parse. */
    HOST_ERROR,
    /** The host could not be reached, or did not answer in time. */
    UNREACHABLE
  }

  private final Reason reason;
  private final int status;
  private final transient Optional<Duration> retryAfter;

  public PullRequestException(Reason reason, int status, Optional<Duration> retryAfter,
      String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.status = status;
    this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
  }

  public PullRequestException(Reason reason, int status, String message) {
    this(reason, status, Optional.empty(), message, null);
  }

  /** Why the call failed. */
  public Reason reason() {
    return reason;
  }

  /** The HTTP status the host answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** How long the host asked to wait ({@code Retry-After} or its reset header). */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }
}
