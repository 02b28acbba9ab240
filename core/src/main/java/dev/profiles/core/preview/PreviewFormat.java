package dev.profiles.core.preview;

import dev.profiles.core.preview.internal.Formats;

/**
 * Writes a {@link Preview} for people and programs: text for a terminal, Markdown for a
 * pull-request description, JSON (schema in {@code docs/preview.md}). Secret values are masked
 * in every form.
 *
 * <pre>{@code
 * System.out.print(PreviewFormat.text(preview, terminal.colors()));
 * String body = PreviewFormat.markdown(preview);   // at most MARKDOWN_LIMIT characters
 * String json = PreviewFormat.json(preview);
 * }</pre>
 */
public final class PreviewFormat {
  /**
   * The default size of the Markdown form, in characters: below GitHub's 65,536 for a
   * pull-request description, with room for the user's own text.
   */
  public static final int MARKDOWN_LIMIT = 60_000;

  private PreviewFormat() {}

  /** Plain text, with ANSI colours when {@code color} (green added, red removed, yellow changed). */
  public static String text(Preview preview, boolean color) {
    return Formats.text(preview, color);
  }

  /** Markdown of at most {@link #MARKDOWN_LIMIT} characters. */
  public static String markdown(Preview preview) {
    return Formats.markdown(preview, MARKDOWN_LIMIT);
  }

  /**
   * Markdown of at most {@code limit} characters: a summary table (risk findings first), then
   * one collapsible section per changed object; objects beyond the limit are counted, not shown.
   */
  public static String markdown(Preview preview, int limit) {
    if (limit < 2_000) {
      throw new dev.profiles.core.ProfilesConfigurationException(
          "a Markdown preview needs a limit of at least 2000 characters, not " + limit);
    }
    return Formats.markdown(preview, limit);
  }

  /** JSON, pretty-printed, in the schema {@code docs/preview.md} documents. */
  public static String json(Preview preview) {
    return Formats.json(preview);
  }
}
