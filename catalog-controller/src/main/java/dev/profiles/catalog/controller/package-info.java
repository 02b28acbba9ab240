/**
 * The catalog controller: {@link dev.profiles.catalog.controller.CatalogController} watches
 * {@code ProfileCatalogSource} resources and serves the catalog API of {@code
 * dev.profiles.catalog.server} from them.
 */
package dev.profiles.catalog.controller;
