package dev.profiles.examples.readme;

import dev.profiles.catalog.client.CatalogClient;
import dev.profiles.core.ProfilesException;
import dev.profiles.core.install.GitOpsRepository;
import dev.profiles.core.install.Profiles;
import dev.profiles.core.install.Signature;
import dev.profiles.core.model.CatalogEntry;
import java.net.URI;

public class CatalogInstall {
  static void installFromCatalog(Profiles profiles, GitOpsRepository repo)
      throws ProfilesException {
    Signature bot = Signature.of("Platform Bot", "platform-bot@example.com");
    CatalogClient catalog = CatalogClient.builder()
        .baseUrl(URI.create("http://localhost:8000"))      // or .kubeconfig() and .context(..)
        .build();
    CatalogEntry nginx = catalog.version("my-catalog", "nginx", CatalogClient.LATEST);
    profiles.install(repo).author(bot).fromCatalog(nginx).name("my-nginx").call();
    profiles.list(repo).withUpdates(catalog.updateFinder()).call();    // shows newer versions
    profiles.upgrade(repo).author(bot).installation("my-nginx")
        .toLatest(catalog.updateFinder()).call();
  }
}
