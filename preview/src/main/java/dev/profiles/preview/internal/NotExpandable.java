package dev.profiles.preview.internal;

/**
 * This machine cannot expand the object (a source whose files a preview does not have, a tool
 * not on the PATH): the expander answers {@code Expansion.notExpanded(reason)}, not an error.
 */
public final class NotExpandable extends Exception {
  private static final long serialVersionUID = 1L;

  public NotExpandable(String reason) {
    super(reason, null, false, false);
  }
}
