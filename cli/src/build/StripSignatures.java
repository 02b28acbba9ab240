import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Packaging helper (run by dist-lib.sh as a single-file program): copies jars into a directory,
 * signed ones without their signature files ({@code META-INF/*.SF}, {@code .RSA}, {@code .DSA},
 * {@code .EC}), the others byte for byte.
 *
 * <p>Why: on the class path a signature only costs — every class read from a signed jar is
 * digested and checked at load time, and class-data sharing refuses to archive classes of signed
 * jars — while nothing in a command-line process checks who signed JGit. Entries, their order
 * and their times are kept.
 *
 * <pre>{@code java StripSignatures.java OUT_DIR a.jar b.jar ...}</pre>
 */
public final class StripSignatures {
  private StripSignatures() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      Path jar = Path.of(args[i]);
      Path target = dir.resolve(jar.getFileName());
      if (isSigned(jar)) {
        strip(jar, target);
        System.out.println("[INFO] dist-lib: " + jar.getFileName() + " without its signature");
      } else {
        Files.copy(jar, target);
      }
    }
  }

  private static boolean isSigned(Path jar) throws IOException {
    try (InputStream fin = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(fin)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (isSignature(e.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void strip(Path jar, Path target) throws IOException {
    try (InputStream fin = Files.newInputStream(jar);
        ZipInputStream in = new ZipInputStream(fin);
        OutputStream fout = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(fout)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (isSignature(e.getName())) {
          continue;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        in.transferTo(out);
        out.closeEntry();
      }
    }
  }

  static boolean isSignature(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return n.startsWith("META-INF/") && n.indexOf('/', "META-INF/".length()) < 0
        && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC"));
  }
}
