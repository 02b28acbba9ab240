package dev.profiles.core.yaml;

/**
 * Bounds applied to every document read, so a hostile file fails fast instead of exhausting
 * memory ("billion laughs" alias expansion, huge documents).
 *
 * <pre>{@code
 * ProfileYaml yaml = ProfileYaml.strict().withLimits(new YamlLimits(64 * 1024, 10));
 * }</pre>
 *
 * @param maxDocumentBytes the largest document accepted, in bytes
 * @param maxAliasesForCollections how many aliases to mappings or lists a document may use
 */
public record YamlLimits(int maxDocumentBytes, int maxAliasesForCollections) {
  /** 1 MiB and 50 aliases: far above any real profile, far below harm. */
  public static final YamlLimits DEFAULT = new YamlLimits(1 << 20, 50);

  public YamlLimits {
    if (maxDocumentBytes <= 0 || maxAliasesForCollections < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
