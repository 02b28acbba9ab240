/** The catalog HTTP API served from ProfileCatalogSource files, embeddable or runnable. */
module dev.profiles.catalog.server {
  requires transitive dev.profiles.core;
  requires dev.profiles.git;
  requires jdk.httpserver;
  requires org.slf4j;
  requires tools.jackson.databind;

  exports dev.profiles.catalog.server;

  opens dev.profiles.catalog.server.internal to tools.jackson.databind;
}
