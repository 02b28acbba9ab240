package dev.profiles.core.yaml;

import dev.profiles.core.model.ProfileDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes Profiles documents. (Work in progress: signatures are final.) */
public final class ProfileYaml {
  private ProfileYaml() {}

  /** Strict reading: unknown fields, wrong types, duplicate keys are errors. */
  public static ProfileYaml strict() {
    return new ProfileYaml();
  }

  /** Reads and validates a profile.yaml file; its parent directory name must equal the name. */
  public ProfileDefinition readProfile(Path file) throws InvalidDocumentException, IOException {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Reads and validates a profile.yaml from bytes; {@code source} names it in messages; when
   * {@code directoryName} is present, {@code metadata.name} must equal it.
   */
  public ProfileDefinition readProfile(String source, byte[] content, Optional<String> directoryName)
      throws InvalidDocumentException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Writes a profile.yaml deterministically. */
  public String writeProfile(ProfileDefinition profile) {
    throw new UnsupportedOperationException("not yet");
  }
}
