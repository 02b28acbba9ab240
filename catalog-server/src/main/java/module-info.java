/** The catalog HTTP API served from ProfileCatalogSource files, embeddable or runnable. */
module dev.profiles.catalog.server {
  requires transitive dev.profiles.core;
  requires dev.profiles.git;
  requires jdk.httpserver;
  requires org.slf4j;
  requires tools.jackson.databind;

  exports dev.profiles.catalog.server;
  // The catalog controller serves the same API with the same handler and loader, and reads
  // Secrets with the same key names: one owner of each, not a copy.
  exports dev.profiles.catalog.server.internal to dev.profiles.catalog.controller;

  opens dev.profiles.catalog.server.internal to tools.jackson.databind;
}
