/** How the catalog installation's Kubernetes objects are built; not API. */
package dev.profiles.flux.catalog.internal;
