package dev.profiles.git.internal;

/**
 * Size limits for a profile directory's files.
 *
 * @param maxFileSize bytes allowed for one file
 * @param maxTotalSize bytes allowed for all files of one profile directory
 */
public record Limits(long maxFileSize, long maxTotalSize) {
  static String human(long bytes) {
    if (bytes >= 1 << 20) {
      return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
    if (bytes >= 1 << 10) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return bytes + " bytes";
  }
}
