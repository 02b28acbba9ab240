package dev.profiles.core.install;

import java.util.Objects;

/**
 * A commit author or committer: name and e-mail.
 *
 * <pre>{@code
 * Signature bot = Signature.of("Platform Bot", "bot@example.com");
 * }</pre>
 *
 * @param name the person's or bot's name
 * @param email the e-mail address
 */
public record Signature(String name, String email) {
  public Signature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    if (name.isBlank()) {
      throw new dev.profiles.core.ProfilesConfigurationException("a signature needs a name");
    }
  }

  public static Signature of(String name, String email) {
    return new Signature(name, email);
  }
}
