package dev.profiles.catalog.controller.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.core.ProfilesConfigurationException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runnable main's command line: what it accepts and what it refuses, typed. */
class MainTest {
  // Never connected to: configuring does not talk to the API server.
  private final KubernetesClient client = new KubernetesClientBuilder()
      .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build()).build();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void theDeploymentsCommandLineIsAccepted() throws Exception {
    assertThat(Main.configure(new String[] {"--port", "8000", "--namespaces", "a, b,",
        "--rescan-interval", "60", "--lease-name", "l", "--lease-namespace", "profiles-system",
        "--identity", "pod-0", "--cache", "/tmp/c", "--work-dir", "/tmp/w", "--scan-threads",
        "2", "--threads", "4", "--drain-seconds", "3", "--insteadof",
        "http://mirror/=https://github.com/", "--allow-http", "--allow-local-sources"},
        Map.of("POD_NAME", "pod-0"), client).build()).isNotNull();
    assertThat(Main.configure(new String[] {"--no-leader-election"},
        Map.of("WATCH_NAMESPACES", "team-a", "POD_NAMESPACE", "ns"), client).build())
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--port=8000", "--unknown x", "--port", "--port 70000",
      "--port x", "--rescan-interval 0", "--rescan-interval -5", "--namespaces Bad_Name",
      "--insteadof nothing", "--scan-threads 0", "--drain-seconds 1000", "--threads 999"})
  void aBadCommandLineIsRefusedWithATypedError(String line) {
    assertThatThrownBy(() -> Main.configure(line.split(" "), Map.of(), client))
        .isInstanceOf(ProfilesConfigurationException.class);
  }

  @Test
  void aBadNamespaceFromTheEnvironmentIsRefusedToo() {
    assertThatThrownBy(() -> Main.configure(new String[0],
        Map.of("WATCH_NAMESPACES", "ok,NOT OK"), client))
        .isInstanceOf(ProfilesConfigurationException.class).hasMessageContaining("NOT OK");
  }
}
