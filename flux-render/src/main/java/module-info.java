/** Flux manifests for an installation, validated against the vendored Flux CRDs. */
module dev.profiles.flux {
  requires transitive dev.profiles.core;
  requires org.slf4j;
  requires org.snakeyaml.engine;
  requires tools.jackson.databind;

  exports dev.profiles.flux;

  // Jackson serializes the Flux object records reflectively.
  opens dev.profiles.flux.internal to tools.jackson.databind;
}
