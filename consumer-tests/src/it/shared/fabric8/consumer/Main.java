package consumer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A user's program on fabric8 kubernetes-client: fabric8's model and serialization (its
 * Jackson, its snakeyaml-engine) beside the SDK ({@link SdkRun}) in one JVM.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    // The SDK first, while the console is captured: fabric8 logs through SLF4J too, and
    // SLF4J's "no providers" notice, printed once per JVM, would otherwise be fabric8's.
    String sdk = SdkRun.silently();
    // Then fabric8 in the same JVM, after the SDK loaded its versions of the shared libraries.
    String fabric8 = fabric8();
    System.out.println(fabric8 + "\n" + sdk);
    System.out.println("CONSUMER OK");
  }

  private static String fabric8() throws Exception {
    Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("apps")
        .addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27")
        .endContainer().endSpec().build();
    ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("values")
        .endMetadata().addToData("values.yaml", "replicaCount: 2\n").build();
    KubernetesSerialization serialization = new KubernetesSerialization();
    String yaml = serialization.asYaml(pod);
    Pod back = serialization.unmarshal(yaml, Pod.class);
    SdkRun.check(back.equals(pod), "fabric8 YAML round trip of a Pod");
    ConfigMap cmBack = serialization.unmarshal(serialization.asJson(configMap), ConfigMap.class);
    SdkRun.check(cmBack.equals(configMap), "fabric8 JSON round trip of a ConfigMap");
    // fabric8's multi-document reader and its quoting dumper (snakeyaml-engine under fabric8).
    Pod quoted = new PodBuilder(pod).editMetadata().addToLabels("enabled", "true")
        .addToLabels("port", "8080").endMetadata().build();
    String two = serialization.asYaml(quoted) + "---\n" + serialization.asYaml(configMap);
    Object both = serialization.unmarshal(
        new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8)));
    SdkRun.check(both instanceof List<?> list && list.size() == 2 && quoted.equals(list.get(0)),
        "fabric8 multi-document YAML read");
    Config config = Config.fromKubeconfig("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: https://127.0.0.1:6443
        users:
        - name: me
          user:
            token: abc
        contexts:
        - name: local
          context:
            cluster: local
            user: me
            namespace: apps
        current-context: local
        """);
    SdkRun.check("apps".equals(config.getNamespace()), "fabric8 kubeconfig parsing");
    return "fabric8: " + yaml.lines().count() + " lines of Pod YAML";
  }
}
