/**
 * Catalog scanning with JGit: {@link dev.profiles.git.catalog.GitRepositoryScanner} turns the
 * version tags of a profile repository into catalog entries from one fetch per scan, and is the
 * {@link dev.profiles.core.catalog.RepositoryScanner} the catalog server finds through {@link
 * java.util.ServiceLoader} when the git module is on the class path.
 *
 * <pre>{@code
 * RepositoryScanner scanner = ServiceLoader.load(RepositoryScanner.class).findFirst().orElseThrow();
 * ScanResult r = scanner.scan(CatalogRepository.builder().url(url).build(), Set.of());
 * }</pre>
 */
package dev.profiles.git.catalog;
