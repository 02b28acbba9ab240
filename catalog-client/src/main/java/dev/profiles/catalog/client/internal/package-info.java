/** Implementation of the catalog client: transport with retries, JSON, kubeconfig, PEM. */
package dev.profiles.catalog.client.internal;
