package dev.profiles.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesTest {
  @Test
  void kubernetesLabels() {
    assertThat(KubernetesNames.isLabel("nginx-server")).isTrue();
    assertThat(KubernetesNames.isLabel("a".repeat(63))).isTrue();
    assertThat(KubernetesNames.labelProblem("a".repeat(64)))
        .contains("'" + "a".repeat(64) + "' is 64 characters long; a DNS-1123 label has at most 63");
    for (String bad : List.of("", "-a", "a-", "A", "a_b", "a.b", "é")) {
      assertThat(KubernetesNames.isLabel(bad)).as(bad).isFalse();
    }
    assertThat(KubernetesNames.subdomainProblem("flux-system.example")).isEmpty();
    assertThat(KubernetesNames.subdomainProblem("a..b")).isPresent();
  }

  @Test
  void containedPaths() {
    assertThat(ContainedPaths.problem("charts/nginx")).isEmpty();
    assertThat(ContainedPaths.problem("a/../b")).isEmpty();
    assertThat(ContainedPaths.normalize("./charts//x/")).isEqualTo("charts/x");
    assertThat(ContainedPaths.normalize(".")).isEqualTo(".");
    assertThat(ContainedPaths.problem("a/../../b")).contains("'a/../../b' must stay inside the profile directory");
    assertThat(ContainedPaths.problem("/etc")).contains("'/etc' must be relative to the profile directory");
    assertThat(ContainedPaths.problemInRepository("/etc"))
        .contains("'/etc' must be relative to the GitOps repository");
    assertThat(ContainedPaths.problemInRepository("../outside"))
        .contains("'../outside' must stay inside the GitOps repository");
    assertThat(ContainedPaths.problem("C:/x")).isPresent();
    assertThat(ContainedPaths.problem("a\\b")).isPresent();
    assertThat(ContainedPaths.problem("a\0b")).contains("contains a control character (U+0000 NUL)");
    assertThat(ContainedPaths.problem(" ")).contains("must not be empty");
  }

  @Test
  void dependencyCyclesAreNamed() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("a", List.of("b"));
    g.put("b", List.of("c"));
    g.put("c", List.of("a"));
    g.put("d", List.of("a"));
    assertThat(DependencyCycles.find(g).map(DependencyCycles::describe)).contains("a -> b -> c -> a");

    g.put("c", List.of("missing"));
    assertThat(DependencyCycles.find(g)).isEmpty();
  }

  @Test
  void urlsLoseTheirSecrets() {
    assertThat(SafeUrls.redact("https://bob:s3cret@example.com/org/repo"))
        .isEqualTo("https://example.com/org/repo");
    assertThat(SafeUrls.redact("https://token@example.com/x")).isEqualTo("https://example.com/x");
    assertThat(SafeUrls.redact("ssh://git:pw@example.com/x")).isEqualTo("ssh://git@example.com/x");
    assertThat(SafeUrls.redact("ssh://git@example.com/x")).isEqualTo("ssh://git@example.com/x");
    assertThat(SafeUrls.redact("git@example.com:org/repo.git")).isEqualTo("git@example.com:org/repo.git");
    assertThat(SafeUrls.hasSecret("https://a:b@h/x")).isTrue();
    assertThat(SafeUrls.hasSecret("file:///tmp/x")).isFalse();
  }
}
