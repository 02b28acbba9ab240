package dev.profiles.core.resolve;

/**
 * A source refused by the {@link dev.profiles.core.rules.SourcePolicy} before any transport was
 * opened: a scheme that is not allowed ({@code ext::}, {@code fd::}, an unknown scheme, plain
 * {@code http} unless enabled), an option-like host, or a local source reached from a remote
 * profile or catalog entry.
 *
 * <pre>{@code
 * catch (UntrustedSourceException e) {
 *   // "nested profile 'base' of https://github.com/org/profiles@nginx/v1.0.0 points at the
 *   //  local source file:///etc; a remote profile may not read this machine's files ..."
 * }
 * }</pre>
 */
public final class UntrustedSourceException extends ResolveException {
  private static final long serialVersionUID = 1L;

  public UntrustedSourceException(String message) {
    super(message);
  }
}
