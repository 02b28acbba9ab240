package dev.profiles.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.preview.ObjectExpander;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The expanders are found by {@link ServiceLoader}, as the preview use case finds them. */
class ServiceRegistrationTest {
  @Test
  void bothExpandersAreRegistered() {
    List<String> types = ServiceLoader.load(ObjectExpander.class).stream()
        .map(p -> p.type().getName()).toList();
    assertThat(types).containsExactlyInAnyOrder(HelmReleaseExpander.class.getName(),
        KustomizationExpander.class.getName());
  }
}
