package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.profiles.catalog.client.HostileCatalog.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the catalog answers (random nesting depth, random size around the limit, framed by
 * length, by chunks or by a lying length), every call returns or throws a {@link
 * CatalogException}: never an {@link Error}, never another exception.
 */
class CatalogClientBoundsProperties {
  private static final int LIMIT = 64 * 1024;
  static HostileCatalog catalog;
  static CatalogClient client;

  @BeforeContainer
  static void start() throws Exception {
    catalog = new HostileCatalog();
    client = CatalogClient.builder().baseUrl(catalog.uri()).maxResponseBytes(LIMIT)
        .maxRetries(0).build();
  }

  @AfterContainer
  static void stop() throws Exception {
    catalog.close();
  }

  enum Framing { LENGTH, CHUNKED, UNDERSTATED, OVERSTATED }

  record Body(String json, Framing framing, int status) {}

  @Property(tries = 150)
  void everyAnswerIsAResultOrACatalogException(@ForAll("bodies") Body body) {
    byte[] bytes = body.json().getBytes(StandardCharsets.UTF_8);
    catalog.answer(switch (body.framing()) {
      case LENGTH -> Answer.fixed(body.status(), bytes);
      case CHUNKED -> Answer.chunked(body.status(), bytes, 4096);
      case UNDERSTATED -> Answer.declared(body.status(), bytes.length / 2, bytes);
      case OVERSTATED -> Answer.declared(body.status(), bytes.length * 2L + 1, bytes);
    });
    Throwable thrown = null;
    try {
      client.search("");
    } catch (Throwable t) {
      thrown = t;
    }
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(CatalogException.class);
    }
    if (bytes.length > LIMIT && body.framing() != Framing.UNDERSTATED) {
      assertThat(thrown).as("over the limit").isInstanceOf(CatalogResponseException.class);
    }
  }

  @Provide
  Arbitrary<Body> bodies() {
    return Combinators.combine(json(), Arbitraries.of(Framing.class),
        Arbitraries.of(200, 200, 200, 404, 400, 500)).as(Body::new);
  }

  /** JSON-ish text of random depth (up to far beyond any limit) and random size around it. */
  private Arbitrary<String> json() {
    Arbitrary<Integer> depth = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
        Arbitraries.integers().between(0, 50_000));
    Arbitrary<Integer> padding = Arbitraries.oneOf(Arbitraries.integers().between(0, 100),
        Arbitraries.integers().between(LIMIT - 200, LIMIT + 200),
        Arbitraries.integers().between(0, 4 * LIMIT));
    Arbitrary<String> open = Arbitraries.of("[", "{\"a\":", "{\"items\":", "{\"item\":");
    Arbitrary<Integer> entries = Arbitraries.integers().between(0, 50);
    return Combinators.combine(depth, padding, open, entries, Arbitraries.of(true, false))
        .as((d, pad, o, n, closed) -> {
          StringBuilder sb = new StringBuilder("{\"items\":[");
          for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\"}");
          }
          sb.append("],\"x\":").append(o.repeat(d)).append("1");
          if (closed) {
            for (int i = 0; i < d; i++) {
              sb.append(o.equals("[") ? "]" : "}");
            }
            sb.append("}");
          }
          sb.append(" ".repeat(pad));
          return sb.toString();
        });
  }
}
