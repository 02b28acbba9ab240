package dev.profiles.core.install;

import dev.profiles.core.yaml.DocumentWarning;
import java.util.List;

import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.model.ProfilesStyle;
import org.immutables.value.Value;

/**
 * What an install did: the installation record written, where, the files and the commit.
 *
 * <pre>{@code
 * InstallResult r = profiles.install(repo).source(src).name("my-nginx").call();
 * r.directory();          // "my-nginx" (or "<defaultDir>/my-nginx")
 * r.commit().commitId();  // the single commit holding every file
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

  /** Every file written. */
  @Value.Auxiliary
  RenderedFiles files();

  /** The commit in the GitOps repository. */
  CommitResult commit();

  /**
   * Located deprecation warnings from reading the profile and every profile it nests (fields
   * that older {@code weave.works/v1alpha1} documents had and that mean nothing today), each
   * once; they are logged too. Empty for a profile in today's format.
   */
  List<DocumentWarning> warnings();

  static ImmutableInstallResult.Builder builder() {
    return ImmutableInstallResult.builder();
  }
}
