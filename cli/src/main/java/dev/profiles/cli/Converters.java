package dev.profiles.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters whose refusals picocli reports as {@code Invalid value for option '--x': ...}. */
final class Converters {
  private Converters() {}

  /** A regular file that exists and can be read (an SSH key, a known_hosts file). */
  static final class ReadableFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path p;
      try {
        p = Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("'" + value + "' is not a file path");
      }
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw new TypeConversionException("'" + value + "' is not a readable file (expected"
            + " FILE: an existing, readable file)");
      }
      return p.toAbsolutePath();
    }
  }

  /** The name of an environment variable: letters, digits and '_', not starting with a digit. */
  static final class EnvName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.length() > 255 || !value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new TypeConversionException("'" + value + "' is not an environment variable"
            + " name (expected NAME: letters, digits and '_', e.g. MY_KEY_PASSPHRASE)");
      }
      return value;
    }
  }
}
