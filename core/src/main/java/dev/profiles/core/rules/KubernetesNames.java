package dev.profiles.core.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes object-name rules (DNS-1123), checked before anything is rendered.
 *
 * <p>The original tools never checked generated names, so a long profile or artifact name
 * produced manifests the API server rejected only after they had been committed. Every name the
 * SDK generates or accepts for an object goes through here. A name holding a control character
 * is reported as such (and never echoed), so a message cannot carry a forged line.
 *
 * <pre>{@code
 * KubernetesNames.labelProblem("Nginx_Server"); // Optional[must be a DNS-1123 label: ...]
 * }</pre>
 */
public final class KubernetesNames {
  /** Longest DNS-1123 label: the limit for most object names that end up in labels. */
  public static final int MAX_LABEL_LENGTH = 63;

  /** Longest DNS-1123 subdomain: the limit for names of ConfigMaps and most objects. */
  public static final int MAX_SUBDOMAIN_LENGTH = 253;

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private KubernetesNames() {}

  /** Whether {@code name} is a DNS-1123 label: lower-case alphanumerics and '-', at most 63. */
  public static boolean isLabel(String name) {
    return labelProblem(name).isEmpty();
  }

  /** Why {@code name} is not a DNS-1123 label, or empty when it is one. */
  public static Optional<String> labelProblem(String name) {
    if (name == null) {
      return Optional.of("must not be null");
    }
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    Optional<String> control = ControlCharacters.problem(name);
    if (control.isPresent()) {
      return control;
    }
    if (name.length() > MAX_LABEL_LENGTH) {
      return Optional.of(
          "'" + name + "' is " + name.length() + " characters long; a DNS-1123 label has at most "
              + MAX_LABEL_LENGTH);
    }
    if (!LABEL.matcher(name).matches()) {
      return Optional.of(
          "'" + name + "' is not a DNS-1123 label (lower-case letters, digits and '-', starting"
              + " and ending with a letter or digit)");
    }
    return Optional.empty();
  }

  /** Why {@code name} is not a DNS-1123 subdomain (dot-separated labels), or empty. */
  public static Optional<String> subdomainProblem(String name) {
    if (name == null) {
      return Optional.of("must not be null");
    }
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    Optional<String> control = ControlCharacters.problem(name);
    if (control.isPresent()) {
      return control;
    }
    if (name.length() > MAX_SUBDOMAIN_LENGTH) {
      return Optional.of(
          "'" + name + "' is " + name.length() + " characters long; a DNS-1123 subdomain has at"
              + " most " + MAX_SUBDOMAIN_LENGTH);
    }
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !LABEL.matcher(part).matches()) {
        return Optional.of(
            "'" + name + "' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and"
                + " '.')");
      }
    }
    return Optional.empty();
  }
}
