package dev.profiles.git.internal;

import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import dev.profiles.core.yaml.ReadResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Remembers parsed {@code profile.yaml}s by blob id, so that resolving a cached version again
 * does not parse again: a blob id fixes the bytes, and parsing is a function of the bytes, the
 * document name and the directory name. Bounded; least recently used entries go first. The
 * warnings of a parse are kept with it, so a cached profile reports them as a fresh one does
 * (they are logged once, when parsed).
 */
public final class ParsedProfiles {
  private static final int CAPACITY = 512;

  private final ProfileYaml yaml = ProfileYaml.strict();
  private final Map<String, ReadResult<ProfileDefinition>> parsed =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(
            Map.Entry<String, ReadResult<ProfileDefinition>> eldest) {
          return size() > CAPACITY;
        }
      };

  ReadResult<ProfileDefinition> parse(String documentName, ObjectId blob, byte[] content,
      Optional<String> directoryName) throws InvalidDocumentException {
    String key = blob.name() + "\0" + documentName + "\0" + directoryName.orElse("");
    synchronized (parsed) {
      ReadResult<ProfileDefinition> known = parsed.get(key);
      if (known != null) {
        return known;
      }
    }
    ReadResult<ProfileDefinition> definition =
        yaml.readProfileWithWarnings(documentName, content, directoryName);
    synchronized (parsed) {
      parsed.put(key, definition);
    }
    return definition;
  }
}
