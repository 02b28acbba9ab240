/**
 * The Profiles model, versions, YAML reading and writing, validation, and the use cases
 * (install, upgrade, list, uninstall) with the ports they need. Internal packages are not
 * exported; the one YAML writer is shared with the Flux renderer only.
 */
module dev.profiles.core {
  requires org.slf4j;
  requires org.snakeyaml.engine;
  requires static java.compiler;
  requires static org.immutables.value.annotations;

  exports dev.profiles.core;
  exports dev.profiles.core.catalog;
  exports dev.profiles.core.install;
  exports dev.profiles.core.memory;
  exports dev.profiles.core.model;
  exports dev.profiles.core.preview;
  exports dev.profiles.core.resolve;
  exports dev.profiles.core.rules;
  exports dev.profiles.core.update;
  exports dev.profiles.core.version;
  exports dev.profiles.core.yaml;
  exports dev.profiles.core.yaml.internal to dev.profiles.flux;
  // Immutables code generated in modules that use the project style throws its null error.
  // and the SDK's loggers (Loggers) are shared by its modules.
  exports dev.profiles.core.internal to dev.profiles.git, dev.profiles.catalog.client,
      dev.profiles.flux, dev.profiles.catalog.server;

  uses dev.profiles.core.install.Merger;
  uses dev.profiles.core.preview.ObjectExpander;
  uses dev.profiles.core.catalog.RepositoryScanner;
  uses org.slf4j.spi.SLF4JServiceProvider;
}
