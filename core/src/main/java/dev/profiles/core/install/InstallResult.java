package dev.profiles.core.install;

import dev.profiles.core.yaml.DocumentWarning;
import java.util.List;

import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import org.immutables.value.Value;

/**
 * What an install did (or, in a dry run, would do): the installation record, where, the files,
 * the change and the commit.
 *
 * <pre>{@code
 * InstallResult r = profiles.install(repo).source(src).name("my-nginx").call();
 * r.directory();          // "my-nginx" (or "<defaultDir>/my-nginx")
 * r.commit().orElseThrow().commitId();  // the single commit holding every file
 * }</pre>
 */
@Value.Immutable
@ProfilesStyle
public interface InstallResult {
  /** The installation record, as written to {@code profile-installation.yaml}. */
  ProfileInstallation installation();

  /** The installation directory, relative to the GitOps repository root. */
  String directory();

  /** The resolved commit of the profile that was installed. */
  String profileCommit();

  /** Every file written (or, in a dry run, that would be), by repository-relative path. */
  @Value.Auxiliary
  RenderedFiles files();

  /**
   * The change committed, or in a {@link InstallCommand#dryRun(boolean) dry run} the change
   * that would be: files, removals, message, installation and baseline.
   */
  @Value.Auxiliary
  Change change();

  /** Whether this was a dry run: nothing was written. */
  @Value.Default
  default boolean dryRun() {
    return false;
  }

  /** The commit in the GitOps repository; empty in a dry run. */
  java.util.Optional<CommitResult> commit();

  /**
   * Located deprecation warnings from reading the profile and every profile it nests (fields
   * that older {@code weave.works/v1alpha1} documents had and that mean nothing today), each
   * once; they are logged too. Empty for a profile in today's format.
   */
  List<DocumentWarning> warnings();

  /** A builder of {@link InstallResult}; every setter returns it. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link InstallResult}: {@code InstallResult.builder()...build()}. */
  final class Builder extends ImmutableInstallResult.Builder {
    Builder() {}
  }
}
