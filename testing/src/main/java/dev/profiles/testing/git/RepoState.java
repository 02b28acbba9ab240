package dev.profiles.testing.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;

/**
 * Everything a user could see of a repository: every working-tree path with a hash of its
 * content, the index file's hash, every ref and HEAD, and {@code git status}. Two equal states
 * mean the repository is byte for byte as it was.
 *
 * <pre>{@code
 * RepoState before = RepoState.capture(gitops);
 * assertThatThrownBy(() -> install.call());
 * assertThat(RepoState.capture(gitops)).isEqualTo(before);
 * }</pre>
 *
 * @param workTree every path below the working tree (without .git), with a content hash
 * @param index the hash of .git/index, or "none"
 * @param refs every ref and the commit it points at
 * @param head the full name of the checked-out branch
 * @param status a summary of git status
 */
public record RepoState(Map<String, String> workTree, String index, Map<String, String> refs,
    String head, String status) {

  /** Captures the state of the working tree {@code dir}. */
  public static RepoState capture(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        String rel = dir.relativize(p).toString();
        if (rel.equals(".git") || rel.startsWith(".git/")) {
          continue;
        }
        files.put(rel, Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? sha(Files.readAllBytes(p))
            : Files.isDirectory(p) ? "dir" : "other");
      }
    }
    Path index = dir.resolve(".git/index");
    String indexHash = Files.exists(index) ? sha(Files.readAllBytes(index)) : "none";
    Map<String, String> refs = new TreeMap<>();
    try (Git git = Git.open(dir.toFile())) {
      for (Ref r : git.getRepository().getRefDatabase().getRefs()) {
        refs.put(r.getName(), r.getObjectId() == null ? "unborn" : r.getObjectId().name());
      }
      String head = git.getRepository().getFullBranch();
      var s = git.status().call();
      String status = "added=" + s.getAdded() + " changed=" + s.getChanged() + " removed="
          + s.getRemoved() + " missing=" + s.getMissing() + " modified=" + s.getModified()
          + " untracked=" + s.getUntracked();
      return new RepoState(files, indexHash, refs, head, status);
    }
  }

  private static String sha(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Writes {@code text} to {@code file}, creating its directory. */
  public static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
