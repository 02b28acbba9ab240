/** Implementation of the catalog server: loading sources, the HTTP routes, JSON bodies. */
package dev.profiles.catalog.server.internal;
