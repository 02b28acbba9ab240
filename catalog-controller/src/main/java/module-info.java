/**
 * The catalog on Kubernetes: watches {@code ProfileCatalogSource} resources through fabric8
 * informers, scans their repositories, serves the catalog API from every replica and writes
 * status as the Lease leader.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.profiles.catalog.controller {
  requires transitive dev.profiles.catalog.server;
  requires dev.profiles.git;
  requires jdk.httpserver;
  requires org.slf4j;
  requires tools.jackson.databind;
  requires transitive kubernetes.client.api;
  requires kubernetes.model.core;
  requires kubernetes.model.common;
  requires kubernetes.model.coordination;

  exports dev.profiles.catalog.controller;
}
