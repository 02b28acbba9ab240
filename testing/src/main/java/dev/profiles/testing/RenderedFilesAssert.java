package dev.profiles.testing;

import dev.profiles.core.install.RenderedFiles;
import dev.profiles.core.yaml.DocumentProblem;
import dev.profiles.flux.ManifestValidator;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on rendered manifests.
 *
 * <pre>{@code
 * assertThat(files).hasValidManifests()
 *     .file("my-nginx/artifacts/crds/kustomize-flux.yaml").contains("prune: true");
 * }</pre>
 */
public final class RenderedFilesAssert extends AbstractAssert<RenderedFilesAssert, RenderedFiles> {

  RenderedFilesAssert(RenderedFiles actual) {
    super(actual, RenderedFilesAssert.class);
  }

  /** There is a file at {@code path}. */
  public RenderedFilesAssert containsPath(String path) {
    isNotNull();
    if (!actual.contains(path)) {
      failWithMessage("Expected a rendered file <%s> but the files are %s", path,
          actual.paths());
    }
    return this;
  }

  /** Every Flux and Profiles object validates against its CRD schema. */
  public RenderedFilesAssert hasValidManifests() {
    isNotNull();
    List<DocumentProblem> problems = ManifestValidator.bundled().validate(actual);
    if (!problems.isEmpty()) {
      failWithMessage("Expected valid manifests but found:%n%s", String.join("\n",
          problems.stream().map(DocumentProblem::toString).toList()));
    }
    return this;
  }

  /** String assertions on the file at {@code path}, which must exist. */
  public AbstractStringAssert<?> file(String path) {
    containsPath(path);
    return Assertions.assertThat(actual.text(path).orElseThrow()).as(path);
  }
}
