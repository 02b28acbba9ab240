/**
 * The Profiles model: immutable values with builders, no nulls ({@code Optional} for what may
 * be absent), and the spec's rules checked when a value is built.
 *
 * <ul>
 *   <li>{@link dev.profiles.core.model.ProfileDefinition} and its closed set of
 *       {@link dev.profiles.core.model.Artifact} kinds;
 *   <li>{@link dev.profiles.core.model.ProfileSource}: url + tag | branch + path;
 *   <li>{@link dev.profiles.core.model.ProfileInstallation}, the installed record;
 *   <li>{@link dev.profiles.core.model.ProfileCatalogSource} and
 *       {@link dev.profiles.core.model.CatalogEntry} for catalogs;
 *   <li>{@link dev.profiles.core.model.PctlConfig}, a GitOps repository's settings.
 * </ul>
 */
@ProfilesStyle
package dev.profiles.core.model;
