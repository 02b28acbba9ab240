/** A user's module: it reads only the SDK's exported API. */
module consumer.modular {
  requires dev.profiles.git;
  requires dev.profiles.flux;
  requires dev.profiles.catalog.client;
  requires dev.profiles.catalog.server;
}
