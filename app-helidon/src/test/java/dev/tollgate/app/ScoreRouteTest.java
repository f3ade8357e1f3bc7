package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssuedKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * vLLM's score API through Tollgate ({@code POST /v1/score}, and {@code /score} as vLLM spells it
 * too), with the simulator answering as vLLM does: charged from its {@code prompt_tokens}, the
 * hold counting a side given once as read once per pair, mistakes in OpenAI's shape.
 */
class ScoreRouteTest {

  private static GatewayHarness gateway;
  private static AdminClient http;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
    http = new AdminClient(gateway.base());
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void a_score_is_answered_and_charged_the_pairs_tokens() {
    IssuedKey key = gateway.key();

    AdminClient.Reply reply = http.post("/v1/score", key.secret().reveal(), "{\"model\":\"fast\","
        + "\"text_1\":\"capital of France\",\"text_2\":[\"Paris is the capital of France\",\"Bananas\"]}");
    AdminClient.Reply bare = http.post("/score", key.secret().reveal(), "{\"model\":\"sim-embed\","
        + "\"queries\":[\"red\",\"blue sky\"],\"documents\":[\"red car\",\"green\"]}");

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().path("model").asText()).isEqualTo("fast");
    assertThat(reply.json().at("/data/0/score").asDouble()).isEqualTo(1.0);
    assertThat(bare.status()).as(bare.text()).isEqualTo(200);
    TokenUsage pairs = TokenUsage.of(3 + 6 + 3 + 1, 0);
    assertThat(gateway.awaitLedger(key, 2)).extracting(SpendEntry::usage)
        .containsExactlyInAnyOrder(pairs, TokenUsage.of(1 + 2 + 2 + 1, 0));
    assertThat(gateway.ledgerOf(key)).filteredOn(e -> e.model().value().equals("sim-small"))
        .singleElement().satisfies(e -> assertThat(e.cost())
            .isEqualTo(GatewayHarness.SMALL_PRICES.costOf(pairs)));
  }

  @Test
  void a_token_limit_sees_one_text_once_per_pair() {
    IssuedKey key = gateway.key(null, null, 1_000L, null);
    String many = "\"doc\",".repeat(39) + "\"doc\"";

    AdminClient.Reply reply = http.post("/v1/score", key.secret().reveal(), "{\"model\":\"sim-embed\","
        + "\"text_1\":\"" + "word ".repeat(40).strip() + "\",\"text_2\":[" + many + "]}");

    assertThat(reply.status()).as(reply.text()).isEqualTo(429);
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void mistakes_are_openais_errors_naming_the_field() {
    String secret = gateway.key().secret().reveal();

    AdminClient.Reply oneSide = http.post("/v1/score", secret, "{\"model\":\"sim-embed\",\"text_1\":\"q\"}");
    AdminClient.Reply uneven = http.post("/score", secret,
        "{\"model\":\"sim-embed\",\"queries\":[\"a\",\"b\"],\"items\":[\"c\",\"d\",\"e\"]}");
    AdminClient.Reply wrongMethod = http.call("GET", "/v1/score", secret, null);

    assertThat(oneSide.status()).isEqualTo(400);
    assertThat(oneSide.json().at("/error/param").asText()).isEqualTo("text_1");
    assertThat(uneven.status()).isEqualTo(400);
    assertThat(uneven.json().at("/error/param").asText()).isEqualTo("queries");
    assertThat(wrongMethod.status()).isEqualTo(405);
  }
}
