package dev.profiles.testing;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.model.NestedProfileArtifact;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileSource;
import dev.profiles.core.resolve.ProfileResolver;
import dev.profiles.core.resolve.ResolvedProfile;
import dev.profiles.core.yaml.ProfileYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a profile from a directory on disk, as it is in your working copy (no git, no commit),
 * so profile authors can test a change before tagging it.
 *
 * <p>The same rules as resolving from git apply: {@code profile.yaml} is read strictly, the
 * directory name must equal the profile's name, and the files are only reachable inside the
 * directory (links that leave it are refused). Nested profiles are resolved by the resolver you
 * pass, for example {@code GitProfiles.asResolver()}; without one, a nested profile is an error.
 *
 * <pre>{@code
 * ResolvedProfile nginx = LocalProfiles.read(Path.of("profiles/nginx"));
 * ResolvedProfile withNested = LocalProfiles.read(Path.of("profiles/nginx"), git.asResolver());
 * }</pre>
 */
public final class LocalProfiles {
  /** The commit recorded for a profile read from a working copy: there is none. */
  public static final String NO_COMMIT = "0".repeat(40);

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
    Path file = dir.resolve("profile.yaml");
    if (!Files.isRegularFile(file)) {
      throw new ProfilesException("no profile.yaml in '" + dir + "'");
    }
    ProfileDefinition definition;
    try {
      definition = ProfileYaml.strict().readProfile(file.toString(), Files.readAllBytes(file),
          Optional.of(dir.getFileName().toString()));
    } catch (IOException e) {
      throw new ProfilesException("cannot read '" + file + "': " + e.getMessage(), e);
    }
    var resolved = ResolvedProfile.builder()
        .source(ProfileSource.builder().url(dir.toUri().toString()).build())
        .commit(NO_COMMIT).definition(definition).directory(new DiskProfileDirectory(dir));
    for (Artifact a : definition.artifacts()) {
      if (a instanceof NestedProfileArtifact n) {
        resolved.putNested(a.name(), nested.resolve(n.source()));
      }
    }
    return resolved.build();
  }
}
