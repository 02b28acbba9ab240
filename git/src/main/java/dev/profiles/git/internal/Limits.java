package dev.profiles.git.internal;

/**
 * Size limits: for one profile directory's files, and for one resolved tree as a whole, where
 * every nested occurrence of a profile counts again (it is rendered again).
 *
 * @param maxFileSize bytes allowed for one file
 * @param maxTotalSize bytes allowed for all files of one profile directory
 * @param maxArtifacts artifacts allowed in one resolved tree, nested profiles' included
 * @param maxFiles files allowed in the profile directories of one resolved tree
 * @param maxTreeSize bytes allowed for the files of all profile directories of one tree
 */
public record Limits(long maxFileSize, long maxTotalSize, int maxArtifacts, int maxFiles,
    long maxTreeSize) {
  /** Per-directory limits only; a tree may be as large as it likes. */
  public Limits(long maxFileSize, long maxTotalSize) {
    this(maxFileSize, maxTotalSize, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
  }

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
