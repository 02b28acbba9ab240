package dev.profiles.git.gitops;

import java.util.zip.Deflater;

/**
 * Whether content would not shrink under deflate: packaged charts ({@code .tgz}), archives,
 * images, encrypted files. Judged on a sample: the first {@value #SAMPLE} bytes deflated at the
 * fastest level, which costs a few percent of deflating a large file whole. Content under the
 * sample's size is never judged incompressible: deflating it costs next to nothing.
 */
final class Incompressible {
  static final int SAMPLE = 32 * 1024;

  private Incompressible() {}

  static boolean test(byte[] content) {
    if (content.length < 2 * SAMPLE) {
      return false;
    }
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(content, 0, SAMPLE);
      deflater.finish();
      byte[] out = new byte[SAMPLE + 1024];
      int size = 0;
      while (!deflater.finished() && size < out.length) {
        size += deflater.deflate(out, size, out.length - size);
      }
      // Deflate's stored blocks cost 5 bytes in 64 KiB: anything over 97 % did not shrink.
      return size > SAMPLE * 97L / 100;
    } finally {
      deflater.end();
    }
  }
}
