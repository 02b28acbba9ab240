package dev.profiles.core.install;

import dev.profiles.core.ProfilesException;
import dev.profiles.core.model.Artifact;
import dev.profiles.core.resolve.ProfileDirectory;

/**
 * A trivial renderer for core's tests: per artifact, {@code artifacts/<name>/flux.yaml} naming
 * the repository path Flux would read, plus a copy of every profile file under it.
 */
final class TestRenderer implements ManifestRenderer {
  boolean writeRecord;

  @Override
  public RenderedFiles render(RenderRequest request) throws ProfilesException {
    RenderedFiles.Builder out = RenderedFiles.builder();
    for (Artifact a : request.profile().definition().artifacts()) {
      String dir = "artifacts/" + a.name();
      out.put(dir + "/flux.yaml", "name: " + request.installation().name() + "-" + a.name()
          + "\npath: ./" + request.installationDirectory() + "/" + dir + "\nnamespace: "
          + request.installation().namespace() + "\n");
      ProfileDirectory files = request.profile().directory();
      for (String f : files.list(".")) {
        out.put(dir + "/" + f, files.read(f));
      }
    }
    if (writeRecord) {
      out.put(Installation.RECORD_FILE, "kind: ProfileInstallation\n");
    }
    return out.build();
  }
}
