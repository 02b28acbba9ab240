package dev.profiles.catalog.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.core.rules.SourcePolicy;
import dev.profiles.testing.git.GitHttpServer;
import dev.profiles.testing.git.ProfileRepoFixture;
import dev.profiles.testing.git.ProfileYamls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in cluster of the MockBased tests: fabric8's kubernetes-server-mock in CRUD mode with
 * the vendored ProfileCatalogSource CRD (so the mock knows its status subresource), a real
 * smart-HTTP git server on loopback, and controllers started against them.
 */
final class MockCluster implements AutoCloseable {
  static final SourcePolicy LOOPBACK = SourcePolicy.defaults().allowHttp(true);
  static final String CRD =
      "dev/profiles/flux/crds/profiles/weave.works_profilecatalogsources.yaml";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final KubernetesMockServer server;
  final KubernetesClient client;
  final GitHttpServer git;
  final Path root;
  private final List<CatalogController> controllers = new ArrayList<>();
  private final Map<String, ProfileRepoFixture> fixtures = new java.util.HashMap<>();
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  MockCluster(Path root) {
    this(root, Optional.empty());
  }

  /**
   * The mock logs every request at INFO through java.util.logging; held, because a collected
   * logger forgets its level.
   */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.parse(System.getProperty("mock.log", "WARNING")));
  }

  MockCluster(Path root, Optional<String[]> basicAuth) {
    this.root = root;
    // CRUD mode: the mock stores what it is sent and answers gets, lists, watches and patches
    // from it, like an API server would.
    server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
        new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    try (InputStream crd = getClass().getClassLoader().getResourceAsStream(CRD)) {
      CustomResourceDefinition d = client.apiextensions().v1().customResourceDefinitions()
          .load(crd).item();
      client.apiextensions().v1().customResourceDefinitions().resource(d).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitHttpServer.Builder g = GitHttpServer.builder(root.resolve("repos"));
    basicAuth.ifPresent(a -> g.basicAuth(a[0], a[1]));
    git = g.start();
  }

  /** A repository {@code name}.git with {@code versions} tags of one profile each. */
  String repo(String name, String profile, String... versions) {
    ProfileRepoFixture r = ProfileRepoFixture.create(root.resolve("repos").resolve(name + ".git"));
    fixtures.put(name, r);
    r.profile(profile, ProfileYamls.profile(profile).kustomize("app", "app").toYaml())
        .file(profile + "/app/deploy.yaml", "kind: Deployment\n").commit("profile");
    for (String v : versions) {
      r.tag(profile + "/" + v);
    }
    return git.url(name + ".git");
  }

  /** Adds a tag to an existing repository, on its current commit. */
  void tag(String name, String tag) {
    fixtures.get(name).tag(tag);
  }

  /**
   * Commits a change to an existing repository and tags the new commit with an annotated tag
   * (whose object id is not the commit's); answers the commit.
   */
  String commitAndTag(String name, String tag) {
    ProfileRepoFixture r = fixtures.get(name);
    r.file("changes/" + tag.replace('/', '-') + ".txt", tag + "\n").commit("for " + tag)
        .annotatedTag(tag, tag);
    return r.lastCommit();
  }

  /** The repository's last commit, 40 hex digits. */
  String head(String name) {
    return fixtures.get(name).lastCommit();
  }

  static Map<String, Object> repository(String url, String secret) {
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("url", url);
    if (secret != null) {
      repo.put("secretRef", Map.of("name", secret));
    }
    return repo;
  }

  static Map<String, Object> spec(List<Map<String, Object>> repositories) {
    return Map.of("repositories", repositories);
  }

  GenericKubernetesResource createSource(String namespace, String name, Map<String, Object> spec) {
    GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
        .withApiVersion("weave.works/v1alpha1").withKind("ProfileCatalogSource")
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
    r.setAdditionalProperty("spec", spec);
    return client.genericKubernetesResources(CatalogController.SOURCES).inNamespace(namespace)
        .resource(r).create();
  }

  GenericKubernetesResource updateSpec(String namespace, String name, Map<String, Object> spec) {
    return client.genericKubernetesResources(CatalogController.SOURCES).inNamespace(namespace)
        .withName(name).edit(r -> {
          r.setAdditionalProperty("spec", spec);
          return r;
        });
  }

  void deleteSource(String namespace, String name) {
    client.genericKubernetesResources(CatalogController.SOURCES).inNamespace(namespace)
        .withName(name).delete();
  }

  GenericKubernetesResource source(String namespace, String name) {
    return client.genericKubernetesResources(CatalogController.SOURCES).inNamespace(namespace)
        .withName(name).get();
  }

  /** The source's status as JSON, or an empty object. */
  JsonNode status(String namespace, String name) {
    GenericKubernetesResource r = source(namespace, name);
    Object status = r == null ? null : r.getAdditionalProperties().get("status");
    return JSON.valueToTree(status == null ? Map.of() : status);
  }

  /** The condition {@code type} of the source's status, or a missing node. */
  JsonNode condition(String namespace, String name, String type) {
    for (JsonNode c : status(namespace, name).path("conditions")) {
      if (c.path("type").asString().equals(type)) {
        return c;
      }
    }
    return JSON.missingNode();
  }

  long generation(String namespace, String name) {
    return source(namespace, name).getMetadata().getGeneration();
  }

  void secret(String namespace, String name, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder()
        .encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    Secret s = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .endMetadata().withData(encoded).build();
    client.secrets().inNamespace(namespace).resource(s).createOr(op -> op.update());
  }

  /** A controller with its own client, cache and work directory, as a separate pod has. */
  CatalogController controller(String identity, CatalogController.Builder... customised)
      throws IOException {
    KubernetesClient own = server.createClient();
    clients.add(own);
    CatalogController.Builder b = customised.length > 0 ? customised[0]
        : CatalogController.builder();
    CatalogController c = b.client(own).port(0).rescanInterval(Duration.ofHours(1))
        .sourcePolicy(LOOPBACK).identity(identity).leaseNamespace("profiles-system")
        .leaseTimings(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500))
        .cacheDirectory(root.resolve("cache-" + identity))
        .workDirectory(root.resolve("work-" + identity)).drain(Duration.ZERO)
        .build().start();
    controllers.add(c);
    return c;
  }

  record Reply(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Reply get(CatalogController c, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(c.uri() + path))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Tags served by {@code c} for {@code catalog}, via {@code GET /v1/profiles?name=}. */
  List<String> servedTags(CatalogController c, String catalog) {
    Reply r = get(c, "/v1/profiles");
    List<String> tags = new ArrayList<>();
    if (r.status() == 200) {
      for (JsonNode i : r.json().path("items")) {
        if (i.path("catalogSource").asString().equals(catalog)) {
          tags.add(i.path("tag").asString());
        }
      }
    }
    return tags;
  }

  /** Polls until {@code condition} holds; fails naming {@code what} after a generous time. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        assertThat(condition.getAsBoolean()).as("waited in vain for: " + what).isTrue();
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    controllers.forEach(CatalogController::close);
    clients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
    git.close();
    fixtures.values().forEach(ProfileRepoFixture::close);
  }
}
