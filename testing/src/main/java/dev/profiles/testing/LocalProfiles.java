package dev.profiles.testing;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.MissingPathException;
import dev.profiles.core.resolve.MissingProfileYamlException;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.yaml.ProfileYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a profile from a directory on disk, as it is in your working copy (no git, no commit),
 * so profile authors can test a change before tagging it.
 *
 * <p>The same rules as resolving from git apply, so a profile that reads here installs from its
 * tag, and one refused at its tag is refused here: {@code profile.yaml} is read strictly and the
 * directory name must equal the profile's name; a symbolic link (including {@code profile.yaml}
 * itself) is followed only to a regular file inside the directory and is otherwise refused with
 * {@link dev.profiles.core.resolve.UnsafeContentException}, as are paths with control
 * characters, {@code .git} entries in any spelling (the working copy's own {@code .git} at the
 * top is skipped: it is never part of a commit either), and FIFOs, sockets and devices; a file
 * over {@value #MAX_FILE_SIZE} bytes, or a directory over {@value #MAX_TOTAL_SIZE} bytes, is a
 * {@link dev.profiles.core.resolve.SizeLimitExceededException} (the defaults of git
 * resolution). The whole directory is checked when it is read, not only the files an artifact
 * uses. Nested profiles are resolved by the resolver you pass, for example {@code
 * GitProfiles.asResolver()}; without one, a nested profile is an error.
 *
 * <pre>{@code
 * ResolvedProfile nginx = LocalProfiles.read(Path.of("profiles/nginx"));
 * ResolvedProfile withNested = LocalProfiles.read(Path.of("profiles/nginx"), git.asResolver());
 * }</pre>
 */
public final class LocalProfiles {
  /** The commit recorded for a profile read from a working copy: there is none. */
  public static final String NO_COMMIT = "0".repeat(40);

  /** The largest file read, in bytes: 16 MiB, as for git resolution. */
  public static final long MAX_FILE_SIZE = 16L << 20;

  /** The most bytes one profile directory may hold, links counted again: 64 MiB. */
  public static final long MAX_TOTAL_SIZE = 64L << 20;

  private LocalProfiles() {}

  /** Reads the profile in {@code directory}; nested profiles are refused. */
  public static ResolvedProfile read(Path directory) throws ProfilesException {
    return read(directory, source -> {
      throw new ProfilesException("nested profile " + source + " needs a resolver: use"
          + " LocalProfiles.read(directory, resolver)");
    });
  }

  /** Reads the profile in {@code directory}, resolving nested profiles with {@code nested}. */
  public static ResolvedProfile read(Path directory, ProfileResolver nested)
      throws ProfilesException {
    Path dir = directory.toAbsolutePath().normalize();
    if (dir.getFileName() == null || !Files.isDirectory(dir)) {
      throw new MissingPathException("'" + dir + "' is not a profile directory");
    }
    DiskProfileDirectory files = DiskProfileDirectory.snapshot(dir, MAX_FILE_SIZE,
        MAX_TOTAL_SIZE);
    if (files.isDirectory("profile.yaml") || files.list(".").stream()
        .noneMatch("profile.yaml"::equals)) {
      throw new MissingProfileYamlException("no profile.yaml in '" + dir + "'");
    }
    ProfileDefinition definition = ProfileYaml.strict().readProfile(
        dir.resolve("profile.yaml").toString(), files.read("profile.yaml"),
        Optional.of(dir.getFileName().toString()));
    var resolved = ResolvedProfile.builder()
        .source(ProfileSource.builder().url(dir.toUri().toString()).build())
        .commit(NO_COMMIT).definition(definition).directory(files);
    for (Artifact a : definition.artifacts()) {
      if (a instanceof NestedProfileArtifact n) {
        resolved.putNested(a.name(), nested.resolve(n.source()));
      }
    }
    return resolved.build();
  }
}
