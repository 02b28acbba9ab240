package dev.profiles.core.yaml;

import dev.profiles.core.ProfilesConfigurationException;
import dev.profiles.core.model.PctlConfig;
import dev.profiles.core.model.ProfileCatalogSource;
import dev.profiles.core.model.ProfileDefinition;
import dev.profiles.core.model.ProfileInstallation;
import dev.profiles.core.yaml.internal.Documents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes the Profiles documents: {@code profile.yaml}, {@code
 * profile-installation.yaml}, {@code ProfileCatalogSource} files and {@code .pctl/config.yaml}.
 *
 * <p>Reading is strict by default: unknown fields, wrong types, duplicate keys, missing
 * required fields and every rule of the spec are errors, and one {@link
 * InvalidDocumentException} reports <em>all</em> of them with file, line, column and field
 * path. Reading is safe: no Java type is created from a YAML tag, alias expansion, nesting
 * depth and document size are bounded ({@link YamlLimits}), and a file holding several
 * documents is refused.
 *
 * <p>Strict does not mean only today's form: every field that {@code weave.works/v1alpha1}
 * ever had (profiles tagged in 2021 say {@code kind: Profile}, {@code spec.version}, artifacts
 * with {@code path} and {@code kind}, ...) is accepted. One that still means something is read
 * as its current equivalent; one that means nothing today is ignored. Either way the reader
 * reports a located {@link DocumentWarning}: the {@code ...WithWarnings} methods return them
 * with the value ({@link ReadResult}), and every read logs them at {@code WARN} on the SLF4J
 * logger named {@code dev.profiles.core.yaml.ProfileYaml}.
 *
 * <p>Writing is deterministic (the same model always gives the same bytes: fixed field order,
 * two-space block style, LF, final newline) and reading what was written gives back an equal
 * model. A file written in that canonical form round-trips byte for byte. Written documents are
 * YAML-1.1-safe: every string that a YAML 1.1 reader (Go's yaml.v2 behind Flux and kubectl)
 * could take for a boolean, null, number or date ({@code on}, {@code ~}, {@code 007}, {@code
 * 8.9.1}, {@code 2001-12-14}) is double-quoted.
 *
 * <pre>{@code
 * ProfileYaml yaml = ProfileYaml.strict();
 * ProfileDefinition nginx = yaml.readProfile(Path.of("profiles/nginx/profile.yaml"));
 * String text = yaml.writeProfile(nginx);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ProfileYaml {
  private static final ProfileYaml STRICT = new ProfileYaml(YamlLimits.DEFAULT, false);
  private static final org.slf4j.Logger LOG =
      dev.profiles.core.internal.Loggers.get(ProfileYaml.class.getName());

  private final YamlLimits limits;
  private final boolean allowUnknownFields;

  private ProfileYaml(YamlLimits limits, boolean allowUnknownFields) {
    this.limits = limits;
    this.allowUnknownFields = allowUnknownFields;
  }

  /** Strict reading with the default limits. */
  public static ProfileYaml strict() {
    return STRICT;
  }

  /**
   * This reader with other size, alias and nesting limits.
   *
   * @throws ProfilesConfigurationException when {@code newLimits} is null
   */
  public ProfileYaml withLimits(YamlLimits newLimits) {
    if (newLimits == null) {
      throw new ProfilesConfigurationException("limits must not be null");
    }
    return new ProfileYaml(newLimits, allowUnknownFields);
  }

  /**
   * This reader ignoring fields it does not know (every other rule still applies), for
   * documents written by newer tools. Not the default: silently ignored fields hide typos.
   */
  public ProfileYaml ignoringUnknownFields() {
    return new ProfileYaml(limits, true);
  }

  // ---- profile.yaml ---------------------------------------------------------------------

  /**
   * Reads and validates a {@code profile.yaml}; the name of its parent directory must equal
   * {@code metadata.name}. For a repository's single root profile, whose directory is just
   * wherever the repository was checked out, use {@link #readProfile(String, byte[],
   * Optional)} with no directory name.
   */
  public ProfileDefinition readProfile(Path file) throws InvalidDocumentException, IOException {
    return readProfileWithWarnings(file).value();
  }

  /** {@link #readProfile(Path)}, with the warnings the document raised. */
  public ReadResult<ProfileDefinition> readProfileWithWarnings(Path file)
      throws InvalidDocumentException, IOException {
    Path dir = file.toAbsolutePath().getParent();
    Optional<String> dirName = Optional.ofNullable(dir).map(Path::getFileName).map(Path::toString);
    return readProfileWithWarnings(file.toString(), Files.readAllBytes(file), dirName);
  }

  /**
   * Reads and validates a {@code profile.yaml} given as bytes.
   *
   * @param source the document's name in messages, e.g. {@code nginx/profile.yaml}
   * @param content the document, UTF-8
   * @param directoryName when known, the profile directory's name, which must equal the
   *     profile's name
   */
  public ProfileDefinition readProfile(String source, byte[] content,
      Optional<String> directoryName) throws InvalidDocumentException {
    return readProfileWithWarnings(source, content, directoryName).value();
  }

  /**
   * {@link #readProfile(String, byte[], Optional)}, with the warnings the document raised.
   *
   * <pre>{@code
   * ReadResult<ProfileDefinition> read =
   *     ProfileYaml.strict().readProfileWithWarnings("nginx/profile.yaml", bytes, Optional.of("nginx"));
   * read.warnings(); // [nginx/profile.yaml:7:3: spec.version: deprecated and ignored: ...]
   * }</pre>
   */
  public ReadResult<ProfileDefinition> readProfileWithWarnings(String source, byte[] content,
      Optional<String> directoryName) throws InvalidDocumentException {
    return logged(Documents.readProfile(source, content, limits, allowUnknownFields,
        directoryName));
  }

  /** Reads and validates a {@code profile.yaml} given as text, without a directory check. */
  public ProfileDefinition readProfile(String source, String content)
      throws InvalidDocumentException {
    return readProfile(source, content.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  /** The canonical {@code profile.yaml} for {@code profile}. */
  public String writeProfile(ProfileDefinition profile) {
    return Documents.writeProfile(profile);
  }

  // ---- profile-installation.yaml ----------------------------------------------------------

  /** Reads a {@code profile-installation.yaml}, including ones written by the original pctl. */
  public ProfileInstallation readInstallation(Path file)
      throws InvalidDocumentException, IOException {
    return readInstallation(file.toString(), Files.readAllBytes(file));
  }

  /**
   * Reads a {@code profile-installation.yaml} given as bytes; also the {@code
   * ProfileSubscription} that pctl wrote before v0.0.7, read as a ProfileInstallation.
   */
  public ProfileInstallation readInstallation(String source, byte[] content)
      throws InvalidDocumentException {
    return readInstallationWithWarnings(source, content).value();
  }

  /** {@link #readInstallation(String, byte[])}, with the warnings the document raised. */
  public ReadResult<ProfileInstallation> readInstallationWithWarnings(String source,
      byte[] content) throws InvalidDocumentException {
    return logged(Documents.readInstallation(source, content, limits, allowUnknownFields));
  }

  /** The canonical {@code profile-installation.yaml} for {@code installation}. */
  public String writeInstallation(ProfileInstallation installation) {
    return Documents.writeInstallation(installation);
  }

  // ---- ProfileCatalogSource ---------------------------------------------------------------

  /** Reads a {@code ProfileCatalogSource} document. */
  public ProfileCatalogSource readCatalogSource(Path file)
      throws InvalidDocumentException, IOException {
    return readCatalogSource(file.toString(), Files.readAllBytes(file));
  }

  /** Reads a {@code ProfileCatalogSource} document given as bytes. */
  public ProfileCatalogSource readCatalogSource(String source, byte[] content)
      throws InvalidDocumentException {
    return readCatalogSourceWithWarnings(source, content).value();
  }

  /** {@link #readCatalogSource(String, byte[])}, with the warnings the document raised. */
  public ReadResult<ProfileCatalogSource> readCatalogSourceWithWarnings(String source,
      byte[] content) throws InvalidDocumentException {
    return logged(Documents.readCatalogSource(source, content, limits, allowUnknownFields));
  }

  /** The canonical YAML for {@code catalogSource}. */
  public String writeCatalogSource(ProfileCatalogSource catalogSource) {
    return Documents.writeCatalogSource(catalogSource);
  }

  // ---- .pctl/config.yaml ------------------------------------------------------------------

  /** Reads a GitOps repository's {@code .pctl/config.yaml}. */
  public PctlConfig readConfig(Path file) throws InvalidDocumentException, IOException {
    return readConfig(file.toString(), Files.readAllBytes(file));
  }

  /** Reads a {@code .pctl/config.yaml} given as bytes. */
  public PctlConfig readConfig(String source, byte[] content) throws InvalidDocumentException {
    return Documents.readConfig(source, content, limits, allowUnknownFields);
  }

  private static <T> ReadResult<T> logged(ReadResult<T> read) {
    if (!read.warnings().isEmpty() && LOG.isWarnEnabled()) {
      read.warnings().forEach(w -> LOG.warn("{}", w));
    }
    return read;
  }

  /** The canonical {@code .pctl/config.yaml} for {@code config}. */
  public String writeConfig(PctlConfig config) {
    return Documents.writeConfig(config);
  }
}
