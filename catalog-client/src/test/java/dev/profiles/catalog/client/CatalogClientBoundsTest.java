package dev.profiles.catalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.profiles.catalog.client.HostileCatalog.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a catalog (or a proxy in front of it) sends cannot exhaust the client: bodies over the
 * limit, however they are framed, and JSON nested beyond reason are typed errors. Each test talks
 * to a raw loopback socket that answers byte for byte what the test says.
 */
class CatalogClientBoundsTest {
  private static final String OK = "{\"items\":[]}";

  private HostileCatalog catalog;

  @BeforeEach
  void start() throws Exception {
    catalog = new HostileCatalog();
  }

  @AfterEach
  void stop() throws Exception {
    catalog.close();
  }

  private CatalogClient client(long maxResponseBytes) throws CatalogConfigurationException {
    return CatalogClient.builder().baseUrl(catalog.uri()).maxResponseBytes(maxResponseBytes)
        .maxRetries(2).initialBackoff(Duration.ofMillis(1)).build();
  }

  private static byte[] filler(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) ' ');
    return b;
  }

  /** {@code {"items":[...]}} with {@code n} small entries. */
  private static byte[] entries(int n) {
    StringBuilder sb = new StringBuilder("{\"items\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i)
          .append("\",\"tag\":\"p").append(i).append("/v1.0.0\"}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
    catalog.answer(Answer.declared(200, 10L << 30, OK.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> client(CatalogClient.Builder.DEFAULT_MAX_RESPONSE_BYTES).search(""))
        .isInstanceOf(CatalogResponseException.class)
        .hasMessageContaining("GET " + catalog.uri() + "/v1/profiles")
        .hasMessageContaining("declares a body of " + (10L << 30) + " bytes")
        .hasMessageContaining("maxResponseBytes " + (4L << 20));
    assertThat(catalog.requests).as("not retried: the same request gets the same answer")
        .hasValue(1);
  }

  @Test
  void anEndlessChunkedBodyIsCutOffAtTheLimit() throws Exception {
    catalog.answer(Answer.endlessChunks(200, filler(64 * 1024)));
    assertThatThrownBy(() -> client(CatalogClient.Builder.DEFAULT_MAX_RESPONSE_BYTES).search(""))
        .isInstanceOf(CatalogResponseException.class)
        .hasMessageContaining("sent a body of more than the " + (4L << 20) + " bytes allowed");
  }

  @Test
  void anEndlessBodyWithoutAnyLengthIsCutOffAtTheLimit() throws Exception {
    catalog.answer(Answer.endlessUntilClose(200, filler(64 * 1024)));
    assertThatThrownBy(() -> client(1 << 20).search(""))
        .isInstanceOf(CatalogResponseException.class)
        .hasMessageContaining("more than the " + (1 << 20) + " bytes allowed");
  }

  @Test
  void anErrorBodyIsBoundedToo() throws Exception {
    catalog.answer(Answer.endlessChunks(503, filler(64 * 1024)));
    assertThatThrownBy(() -> client(1 << 20).search(""))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("too large");
    catalog.answer(Answer.endlessChunks(404, filler(64 * 1024)));
    assertThatThrownBy(() -> client(1 << 20).get("team", "nginx"))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("too large");
  }

  @Test
  void aContentLengthThatUnderstatesTheBodyIsReadOnlyAsFarAsItSays() throws Exception {
    byte[] more = new byte[OK.length() + (8 << 20)];
    System.arraycopy(OK.getBytes(StandardCharsets.UTF_8), 0, more, 0, OK.length());
    Arrays.fill(more, OK.length(), more.length, (byte) 'x');
    catalog.answer(Answer.declared(200, OK.length(), more));
    assertThat(client(1 << 20).search("")).isEmpty();
  }

  @Test
  void theLimitIsConfigurableAndABodyAtTheLimitIsRead() throws Exception {
    byte[] body = entries(200);
    catalog.answer(Answer.chunked(200, body, 1000));
    assertThat(client(body.length).search("")).hasSize(200);
    assertThatThrownBy(() -> client(body.length - 1).search(""))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("too large");
    catalog.answer(Answer.fixed(200, body));
    assertThat(client(body.length).search("")).hasSize(200);
    assertThatThrownBy(() -> client(body.length - 1).search(""))
        .isInstanceOf(CatalogResponseException.class)
        .hasMessageContaining("declares a body of " + body.length + " bytes");
  }

  @Test
  void deeplyNestedJsonIsAMalformedResponseNotAStackOverflow() throws Exception {
    int depth = 200_000;
    String arrays = "{\"items\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    String objects = "{\"items\":[{\"name\":\"a\",\"x\":" + "{\"a\":".repeat(depth) + "1"
        + "}".repeat(depth) + "}]}";
    String unclosed = "{\"item\":" + "[".repeat(depth);
    for (String body : new String[] {arrays, objects, unclosed}) {
      catalog.answer(Answer.fixed(200, body));
      assertThatThrownBy(() -> client(4L << 20).search(""))
          .isInstanceOf(CatalogResponseException.class)
          .hasMessageContaining("nested deeper than");
    }
    catalog.answer(Answer.fixed(200, "{\"item\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
    assertThatThrownBy(() -> client(4L << 20).get("team", "nginx"))
        .isInstanceOf(CatalogResponseException.class).hasMessageContaining("nested deeper than");
  }

  @Test
  void deeplyNestedErrorBodiesAreNotEchoed() throws Exception {
    int depth = 200_000;
    catalog.answer(Answer.fixed(503, "{\"message\":" + "[".repeat(depth) + "]".repeat(depth)
        + "}"));
    assertThatThrownBy(() -> client(4L << 20).search(""))
        .isInstanceOfSatisfying(CatalogUnavailableException.class, e -> {
          assertThat(e.status()).hasValue(503);
          assertThat(e.getMessage()).contains("the body is not the catalog's JSON error");
        });
    catalog.answer(Answer.fixed(400, "{\"code\":400,\"message\":" + "{\"a\":".repeat(depth)));
    assertThatThrownBy(() -> client(4L << 20).search(""))
        .isInstanceOfSatisfying(CatalogRequestException.class,
            e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void controlCharactersInNamesAreRefusedAndNeverEchoedRaw() throws Exception {
    for (String field : new String[] {"name", "tag", "catalogSource", "url"}) {
      String json = "{\"items\":[{\"name\":\"a\",\"tag\":\"a/v1.0.0\",\"" + field
          + "\":\"evil\\nINFO forged line\\u001b[31m\"}]}";
      catalog.answer(Answer.fixed(200, json));
      assertThatThrownBy(() -> client(1 << 20).search(""))
          .isInstanceOf(CatalogResponseException.class)
          .hasMessageContaining("items[0]." + field + ": 'evil\\u000aINFO forged line\\u001b")
          .hasMessageContaining("control character (U+000A line feed)")
          .hasMessageNotContaining("\n");
    }
    catalog.answer(Answer.fixed(404, "{\"code\":404,\"message\":\"gone\\r\\nSet-Cookie: x\"}"));
    assertThatThrownBy(() -> client(1 << 20).get("team", "nginx"))
        .isInstanceOf(CatalogNotFoundException.class)
        .hasMessageContaining("gone\\u000d\\u000aSet-Cookie").hasMessageNotContaining("\r");
  }

  @Test
  void aBodyThatDripsForeverTimesOutInsteadOfHanging() throws Exception {
    catalog.answer(out -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Never another byte: the headers came quickly, the body never completes.
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CatalogClient c = CatalogClient.builder().baseUrl(catalog.uri())
        .requestTimeout(Duration.ofMillis(300)).maxRetries(1).initialBackoff(Duration.ofMillis(1))
        .build();
    assertThatThrownBy(() -> c.search(""))
        .isInstanceOfSatisfying(CatalogUnavailableException.class, e ->
            assertThat(e.getMessage()).contains("failed after 2 attempts")
                .contains("no complete answer within 300 ms"));
  }
}
