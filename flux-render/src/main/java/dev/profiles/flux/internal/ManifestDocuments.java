package dev.profiles.flux.internal;

import dev.profiles.core.yaml.DocumentProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Parses one YAML text (keeping line and column marks) and validates each object in it. */
public final class ManifestDocuments {
  private ManifestDocuments() {}

  /** Every problem of every document in {@code yaml}; {@code source} names it. */
  public static List<DocumentProblem> validate(String source, String yaml) {
    List<DocumentProblem> problems = new ArrayList<>();
    LoadSettings settings =
        LoadSettings.builder().setLabel(source).setSchema(new CoreSchema()).build();
    try {
      Composer documents =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
      while (documents.hasNext()) {
        Node document = documents.next();
        if (document instanceof MappingNode) {
          validateDocument(source, (MappingNode) document, problems);
        }
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      int column = e.getProblemMark().map(m -> m.getColumn() + 1).orElse(0);
      problems.add(new DocumentProblem(source, line, column, "", "invalid YAML: " + e.getProblem()));
    } catch (YamlEngineException e) {
      problems.add(new DocumentProblem(source, 0, 0, "", "invalid YAML: " + e.getMessage()));
    }
    return problems;
  }

  private static void validateDocument(
      String source, MappingNode document, List<DocumentProblem> problems) {
    Optional<String> apiVersion = SchemaValidator.scalar(document, "apiVersion");
    Optional<String> kind = SchemaValidator.scalar(document, "kind");
    if (apiVersion.isEmpty() || kind.isEmpty() || apiVersion.get().indexOf('/') < 0) {
      return;
    }
    String group = apiVersion.get().substring(0, apiVersion.get().indexOf('/'));
    Crds crds = Crds.bundled();
    if (!crds.knowsGroup(group)) {
      return;
    }
    Optional<StructuralSchema> schema = crds.schema(apiVersion.get(), kind.get());
    if (schema.isEmpty()) {
      List<String> served = crds.served(group, kind.get());
      int line = document.getStartMark().map(m -> m.getLine() + 1).orElse(0);
      problems.add(new DocumentProblem(source, line, 1, "apiVersion", served.isEmpty()
          ? "no kind " + kind.get() + " in API group " + group
          : apiVersion.get() + " " + kind.get() + " is not served; use " + served));
      return;
    }
    new SchemaValidator(source, problems).validateObject(document, schema.get());
  }

}
