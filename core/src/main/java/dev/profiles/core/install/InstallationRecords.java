package dev.profiles.core.install;

import dev.profiles.core.model.CatalogReference;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.version.Version;
import dev.profiles.core.version.VersionTag;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.core.yaml.InvalidDocumentException;
import dev.profiles.core.yaml.ProfileYaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads an installation record ({@code <dir>/profile-installation.yaml}) as the commands trust
 * it: valid by itself, and consistent with where it lies. A hand-edited record can be valid
 * YAML and a valid model yet describe another installation than the one in its directory (its
 * {@code metadata.name} names another directory) or a version other than the one its tag
 * says; upgrading or replacing from such a record would write somewhere else than the user
 * sees, or merge against the wrong base. Every inconsistency is reported with file, line and
 * field.
 */
final class InstallationRecords {
  private InstallationRecords() {}

  /** The record at {@code recordPath}, refused with located problems when inconsistent. */
  static ProfileInstallation read(String recordPath, byte[] bytes)
      throws InvalidDocumentException {
    ProfileInstallation installation = ProfileYaml.strict().readInstallation(recordPath, bytes);
    List<DocumentProblem> problems = new ArrayList<>();
    int slash = recordPath.lastIndexOf('/');
    String dir = slash < 0 ? "." : recordPath.substring(0, slash);
    String dirName = dir.substring(dir.lastIndexOf('/') + 1);
    if (dir.equals(".")) {
      problems.add(at(recordPath, bytes, "metadata.name", "the record is at the repository"
          + " root, but an installation's record lies in its directory "
          + installation.name() + "/"));
    } else if (!dirName.equals(installation.name())) {
      problems.add(at(recordPath, bytes, "metadata.name", "is '" + installation.name()
          + "', but the record is in directory '" + dir + "': an installation's directory is"
          + " named after it (was the record copied or edited by hand?)"));
    }
    Optional<CatalogReference> catalog = installation.catalog();
    if (catalog.isPresent()) {
      Optional<Version> version = Version.tryParse(catalog.get().version());
      if (version.isEmpty()) {
        problems.add(at(recordPath, bytes, "spec.catalog.version", "'"
            + catalog.get().version() + "' is not a semantic version"));
      }
      Optional<String> tag = installation.source().tag();
      if (tag.isPresent()) {
        Optional<VersionTag> parsed = VersionTag.parse(tag.get());
        if (parsed.isEmpty()) {
          problems.add(at(recordPath, bytes, "spec.source.tag", "'" + tag.get()
              + "' is not a version tag, but the installation is a catalog install"));
        } else if (version.isPresent()
            && parsed.get().version().comparePrecedence(version.get()) != 0) {
          problems.add(at(recordPath, bytes, "spec.catalog.version", "is "
              + catalog.get().version() + ", but spec.source.tag '" + tag.get()
              + "' is another version"));
        }
      } else {
        problems.add(at(recordPath, bytes, "spec.source", "a catalog install is pinned to a"
            + " tag, but the source names none"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
    return installation;
  }

  /** {@code source:line:column: path} of the field at {@code path}, for messages. */
  static String locate(String source, byte[] bytes, String path) {
    DocumentProblem p = at(source, bytes, path, "");
    return p.location() + ": " + path;
  }

  /** A problem at {@code path} (dotted mapping keys), located where the document has it. */
  private static DocumentProblem at(String source, byte[] bytes, String path, String message) {
    Optional<Node> node = find(bytes, path.split("\\."));
    int line = node.flatMap(Node::getStartMark).map(m -> m.getLine() + 1).orElse(0);
    int column = node.flatMap(Node::getStartMark).map(m -> m.getColumn() + 1).orElse(0);
    return new DocumentProblem(source, line, column, path, message);
  }

  private static Optional<Node> find(byte[] bytes, String[] path) {
    // The record was parsed within limits already: composing it once more is bounded.
    LoadSettings settings = LoadSettings.builder().setUseMarks(true).build();
    try {
      Composer composer = new Composer(settings, new ParserImpl(settings,
          new StreamReader(settings, new String(bytes, StandardCharsets.UTF_8))));
      if (!composer.hasNext()) {
        return Optional.empty();
      }
      Node node = composer.next();
      for (String key : path) {
        if (!(node instanceof MappingNode mapping)) {
          return Optional.empty();
        }
        Node next = null;
        for (NodeTuple t : mapping.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
            next = t.getValueNode();
          }
        }
        if (next == null) {
          return Optional.of(node);
        }
        node = next;
      }
      return Optional.of(node);
    } catch (YamlEngineException e) {
      return Optional.empty();
    }
  }
}
