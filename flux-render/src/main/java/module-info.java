/** Flux manifests for an installation, validated against the vendored Flux CRDs. */
module dev.profiles.flux {
  requires transitive dev.profiles.core;
  requires org.slf4j;
  requires org.snakeyaml.engine;
  requires static java.compiler;
  requires static org.immutables.value.annotations;

  exports dev.profiles.flux;
  exports dev.profiles.flux.catalog;
}
