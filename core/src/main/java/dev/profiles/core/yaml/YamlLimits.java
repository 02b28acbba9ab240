package dev.profiles.core.yaml;

import dev.profiles.core.ProfilesConfigurationException;

/**
 * Bounds applied to every document read, so a hostile file fails fast with a located {@link
 * InvalidDocumentException} instead of exhausting memory or the stack ("billion laughs" alias
 * expansion, huge documents, {@code [[[[...} nested thousands of levels deep).
 *
 * <pre>{@code
 * ProfileYaml yaml = ProfileYaml.strict().withLimits(new YamlLimits(64 * 1024, 10, 32));
 * }</pre>
 *
 * @param maxDocumentBytes the largest document accepted, in bytes
 * @param maxAliasesForCollections how many aliases to mappings or lists a document may use
 * @param maxNestingDepth how many mappings and lists may nest inside each other, counting what
 *     an alias refers to as if it were written out
 */
public record YamlLimits(int maxDocumentBytes, int maxAliasesForCollections,
    int maxNestingDepth) {
  /** The nesting depth allowed by default: real Helm values nest fewer than 20 levels. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  /**
   * The deepest nesting that may be configured: SnakeYAML's composer needs about a kilobyte of
   * stack per level, and 256 levels still compose on a thread with 256 KiB of stack.
   */
  public static final int MAX_NESTING_DEPTH = 256;

  /** 1 MiB, 50 aliases, 64 levels: far above any real profile, far below harm. */
  public static final YamlLimits DEFAULT = new YamlLimits(1 << 20, 50, DEFAULT_MAX_NESTING_DEPTH);

  /**
   * Checks the limits.
   *
   * @throws ProfilesConfigurationException when a size or depth is not positive, the depth is
   *     above {@value #MAX_NESTING_DEPTH} or the alias count is negative
   */
  public YamlLimits {
    if (maxDocumentBytes <= 0) {
      throw new ProfilesConfigurationException(
          "maxDocumentBytes must be positive: " + maxDocumentBytes);
    }
    if (maxAliasesForCollections < 0) {
      throw new ProfilesConfigurationException(
          "maxAliasesForCollections must not be negative: " + maxAliasesForCollections);
    }
    if (maxNestingDepth <= 0 || maxNestingDepth > MAX_NESTING_DEPTH) {
      throw new ProfilesConfigurationException("maxNestingDepth must be between 1 and "
          + MAX_NESTING_DEPTH + ": " + maxNestingDepth);
    }
  }

  /**
   * Limits with the default nesting depth ({@value #DEFAULT_MAX_NESTING_DEPTH}).
   *
   * @throws ProfilesConfigurationException as the canonical constructor
   */
  public YamlLimits(int maxDocumentBytes, int maxAliasesForCollections) {
    this(maxDocumentBytes, maxAliasesForCollections, DEFAULT_MAX_NESTING_DEPTH);
  }

  /** These limits with another nesting depth. */
  public YamlLimits withMaxNestingDepth(int depth) {
    return new YamlLimits(maxDocumentBytes, maxAliasesForCollections, depth);
  }
}
