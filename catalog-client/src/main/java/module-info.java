/** A typed client of the catalog HTTP API, direct or through the Kubernetes API proxy. */
module dev.profiles.catalog.client {
  requires transitive dev.profiles.core;
  requires java.net.http;
  requires org.snakeyaml.engine;
  requires tools.jackson.databind;
  requires static java.compiler;
  requires static org.immutables.value.annotations;

  exports dev.profiles.catalog.client;

  opens dev.profiles.catalog.client.internal to tools.jackson.databind;
}
