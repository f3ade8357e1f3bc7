package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cohere.api.Cohere;
import com.cohere.api.errors.UnauthorizedError;
import com.cohere.api.requests.RerankRequest;
import com.cohere.api.resources.v2.requests.V2RerankRequest;
import com.cohere.api.resources.v2.types.V2RerankResponse;
import com.cohere.api.resources.v2.types.V2RerankResponseResultsItem;
import com.cohere.api.types.RerankRequestDocumentsItem;
import com.cohere.api.types.RerankResponse;
import com.cohere.api.types.RerankResponseResultsItem;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssuedKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * vLLM's rerank through Tollgate: Cohere's official Java SDK (its v1 client on {@code /v1/rerank},
 * its v2 client on {@code /v2/rerank}) and a plain client on {@code /rerank} (LiteLLM's and
 * Jina's spelling), against the service with the simulator behind it, which answers as vLLM does
 * ({@code usage: {"total_tokens": n}} alone, n the query's words once per document plus the
 * documents'). Each call is charged those n tokens at the model's input price; the hold counts
 * the query once per document too, so a token limit sees the pairs the model will read.
 */
class RerankSdkTest {

  private static final String QUERY = "capital of France";
  private static final List<String> DOCUMENTS = List.of(
      "Berlin is the capital of Germany", "Paris is the capital of France", "Bananas are yellow");
  /** The simulator's count: 3 query words with each of the three documents, plus 6 + 6 + 3. */
  private static final TokenUsage PAIRS = TokenUsage.of(3 * 3 + 6 + 6 + 3, 0);

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

  private static Cohere cohere(IssuedKey key) {
    return Cohere.builder().token(key.secret().reveal()).url(gateway.base()).build();
  }

  @Test
  void coheres_v1_client_reranks_on_v1_and_pays_for_every_pair_read() {
    IssuedKey key = gateway.key();

    RerankResponse answer = cohere(key).rerank(RerankRequest.builder().query(QUERY)
        .documents(DOCUMENTS.stream().map(RerankRequestDocumentsItem::of).toList())
        .model("sim-embed").topN(2).returnDocuments(true).build());

    assertThat(answer.getResults()).extracting(RerankResponseResultsItem::getIndex)
        .containsExactly(1, 0);
    assertThat(answer.getResults().get(0).getDocument().orElseThrow().getText())
        .isEqualTo(DOCUMENTS.get(1));
    SpendEntry entry = gateway.awaitLedger(key, 1).getFirst();
    assertThat(entry.model().value()).isEqualTo("sim-embed");
    assertThat(entry.usage()).isEqualTo(PAIRS);
    assertThat(entry.cost()).isEqualTo(Money.usd("0.00000048")); // 24 tokens at 0.02 USD a million
  }

  @Test
  void coheres_v2_client_reranks_on_v2() {
    IssuedKey key = gateway.key();

    V2RerankResponse answer = cohere(key).v2().rerank(V2RerankRequest.builder().model("sim-embed")
        .query(QUERY).documents(DOCUMENTS).topN(1).build());

    assertThat(answer.getResults()).extracting(V2RerankResponseResultsItem::getIndex)
        .containsExactly(1);
    assertThat(gateway.awaitLedger(key, 1).getFirst().usage()).isEqualTo(PAIRS);
  }

  @Test
  void without_v1_under_an_alias_the_answer_names_the_model_asked_for() {
    IssuedKey key = gateway.key();

    AdminClient.Reply reply = http.post("/rerank", key.secret().reveal(), "{\"model\":\"fast\","
        + "\"query\":\"capital of France\",\"documents\":[\"Berlin is the capital of Germany\","
        + "{\"text\":\"Paris is the capital of France\"},\"Bananas are yellow\"],"
        + "\"return_documents\":false}");

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.json().path("model").asText()).isEqualTo("fast");
    assertThat(reply.json().path("results").path(0).has("document")).isFalse();
    assertThat(reply.json().path("usage").path("total_tokens").asLong()).isEqualTo(24);
    SpendEntry entry = gateway.awaitLedger(key, 1).getFirst();
    assertThat(entry.model().value()).isEqualTo("sim-small");
    Money cost = GatewayHarness.SMALL_PRICES.costOf(PAIRS);
    assertThat(entry.cost()).isEqualTo(cost);
    assertThat(reply.headers().get("x-tollgate-cost-usd")).containsExactly(cost.toPlainUsd());
  }

  @Test
  void a_token_limit_sees_the_query_once_per_document() {
    // 40 documents of one word and a query of about 40 tokens: some 80 tokens counted once, some
    // 1,600 read in pairs. A limit of 1,000 a minute admits the first reading and not the second.
    IssuedKey key = gateway.key(null, null, 1_000L, null);
    String query = "word ".repeat(40).strip();
    String documents = "\"doc\",".repeat(39) + "\"doc\"";

    AdminClient.Reply reply = http.post("/v1/rerank", key.secret().reveal(),
        "{\"model\":\"sim-embed\",\"query\":\"" + query + "\",\"documents\":[" + documents + "]}");

    assertThat(reply.status()).as(reply.text()).isEqualTo(429);
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void mistakes_are_openais_errors_naming_the_field() {
    String secret = gateway.key().secret().reveal();

    AdminClient.Reply noQuery = http.post("/v1/rerank", secret,
        "{\"model\":\"sim-embed\",\"documents\":[\"a\"]}");
    AdminClient.Reply streamed = http.post("/v2/rerank", secret,
        "{\"model\":\"sim-embed\",\"query\":\"q\",\"documents\":[\"a\"],\"stream\":true}");
    AdminClient.Reply noKey = http.post("/v1/rerank", null, "{}");
    AdminClient.Reply wrongMethod = http.call("GET", "/v1/rerank", secret, null);

    assertThat(noQuery.status()).isEqualTo(400);
    assertThat(noQuery.json().path("error").path("param").asText()).isEqualTo("query");
    assertThat(noQuery.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(streamed.status()).isEqualTo(400);
    assertThat(streamed.json().path("error").path("param").asText()).isEqualTo("stream");
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.errorCode()).isEqualTo("missing_api_key");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.headers().get("allow")).containsExactly("POST");
    Cohere forged = Cohere.builder().token("sk-not-a-key").url(gateway.base()).build();
    assertThatThrownBy(() -> forged.v2().rerank(V2RerankRequest.builder().model("sim-embed")
        .query(QUERY).documents(DOCUMENTS).build())).isInstanceOf(UnauthorizedError.class);
  }
}
