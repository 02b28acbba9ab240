/**
 * Typed client for the Profiles catalog HTTP API (spec §6): {@link
 * dev.profiles.catalog.client.CatalogClient}, reached directly or through the Kubernetes API
 * service proxy, and its checked exceptions under {@link
 * dev.profiles.catalog.client.CatalogException}.
 */
package dev.profiles.catalog.client;
