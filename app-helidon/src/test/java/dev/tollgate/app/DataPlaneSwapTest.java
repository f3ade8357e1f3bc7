package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.sun.net.httpserver.Headers;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.contract.UsageShape;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The data plane is a configuration choice: the service is started once per data plane
 * ({@code simulated}, {@code agentgateway}, {@code envoy-aigw}) and the same client scenario runs
 * through each with the OpenAI SDK. agentgateway and Envoy AI Gateway are played by a
 * {@link DialectProxy} that answers from the same simulator in that data plane's own usage shape,
 * so the same requests are the same economic events, and the ledgers must agree entry by entry.
 */
class DataPlaneSwapTest {

  /** What agentgateway says when the model behind it is Anthropic: the cache outside the prompt. */
  private static final Map<Endpoint, UsageShape> AGENTGATEWAY = Map.of(
      Endpoint.CHAT_COMPLETIONS, UsageShape.TRANSLATED_CACHE_EXCLUSIVE,
      Endpoint.COMPLETIONS, UsageShape.LEGACY_COMPLETIONS,
      Endpoint.EMBEDDINGS, UsageShape.EMBEDDINGS,
      Endpoint.RESPONSES, UsageShape.RESPONSES,
      Endpoint.RERANK, UsageShape.RERANK,
      Endpoint.SCORE, UsageShape.SCORE);

  /** What Envoy AI Gateway says for the same model: the cache folded into the prompt. */
  private static final Map<Endpoint, UsageShape> ENVOY = Map.of(
      Endpoint.CHAT_COMPLETIONS, UsageShape.TRANSLATED_CACHE_INCLUSIVE,
      Endpoint.COMPLETIONS, UsageShape.LEGACY_COMPLETIONS,
      Endpoint.EMBEDDINGS, UsageShape.EMBEDDINGS,
      Endpoint.RESPONSES, UsageShape.RESPONSES,
      Endpoint.RERANK, UsageShape.RERANK,
      Endpoint.SCORE, UsageShape.SCORE);

  /** 500 fresh, 300 read from the cache, 200 written to it, 10 out. */
  private static final TokenUsage CACHED = new TokenUsage(500, 300, 200, 10, 0);

  private record Entry(String model, TokenUsage usage, Money cost) {
    static Entry of(SpendEntry e) {
      return new Entry(e.model().value(), e.usage(), e.cost());
    }
  }

  @Test
  void the_same_scenario_costs_the_same_on_every_data_plane() {
    List<Entry> simulated;
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ZERO)) {
      simulated = scenario(gateway);
    }
    List<Entry> agentgateway = throughProxy(AGENTGATEWAY, UnaryOperator.identity(),
        GatewayHarness::agentgateway, this::scenario);
    List<Entry> envoy = throughProxy(ENVOY, UnaryOperator.identity(),
        GatewayHarness::envoyAiGateway, this::scenario);

    assertThat(simulated).hasSize(8).allSatisfy(e -> assertThat(e.cost().isPositive()).isTrue());
    assertThat(agentgateway).isEqualTo(simulated);
    assertThat(envoy).isEqualTo(simulated);
  }

  @Test
  void a_cached_answer_costs_the_same_through_either_gateway() {
    Function<GatewayHarness, List<Entry>> oneChat = gateway -> {
      IssuedKey key = gateway.key();
      client(gateway, key).chat().completions().create(chat());
      return ledger(gateway, key, 1);
    };
    List<Entry> agentgateway =
        throughProxy(AGENTGATEWAY, usage -> CACHED, GatewayHarness::agentgateway, oneChat);
    List<Entry> envoy =
        throughProxy(ENVOY, usage -> CACHED, GatewayHarness::envoyAiGateway, oneChat);

    Entry expected = new Entry("sim-small", CACHED, GatewayHarness.SMALL_PRICES.costOf(CACHED));
    assertThat(agentgateway).containsExactly(expected);
    assertThat(envoy).containsExactly(expected);
  }

  @Test
  void envoy_is_told_the_model_and_the_tenant_never_by_the_client() {
    try (DialectProxy envoy = new DialectProxy(ENVOY, UnaryOperator.identity());
        GatewayHarness gateway = GatewayHarness.envoyAiGateway(envoy.base())) {
      IssuedKey key = gateway.key();
      OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(key.secret().reveal())
          .baseUrl(gateway.base() + "/v1").maxRetries(0)
          .putHeader("x-tenant-id", "someone-else").putHeader("x-ai-eg-model", "sim-large")
          .build();
      client.chat().completions().create(chat());

      Headers seen = envoy.seen().get(0);
      assertThat(seen.get("x-tenant-id")).containsExactly("acme");
      assertThat(seen.get("x-ai-eg-model")).containsExactly("sim-small");
      assertThat(seen.getFirst("x-llm-d-inference-objective")).isEqualTo("interactive");
    }
  }

  /**
   * Chat JSON, chat streamed with and without usage, a legacy completion, embeddings, Responses,
   * and vLLM's rerank and score (over plain HTTP: the OpenAI SDK has neither).
   */
  private List<Entry> scenario(GatewayHarness gateway) {
    IssuedKey key = gateway.key();
    OpenAIClient client = client(gateway, key);
    client.chat().completions().create(chat());
    ledger(gateway, key, 1);
    drain(client.chat().completions().createStreaming(chat().toBuilder()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build()));
    ledger(gateway, key, 2);
    drain(client.chat().completions().createStreaming(chat()));
    ledger(gateway, key, 3);
    client.completions().create(CompletionCreateParams.builder().model("sim-small")
        .prompt("Once upon a time").maxTokens(5L).build());
    ledger(gateway, key, 4);
    client.embeddings().create(
        EmbeddingCreateParams.builder().model("sim-embed").input("embed me").build());
    ledger(gateway, key, 5);
    client.responses().create(
        ResponseCreateParams.builder().model("sim-small").input("Hi there").build());
    ledger(gateway, key, 6);
    AdminClient http = new AdminClient(gateway.base());
    assertThat(http.post("/v1/rerank", key.secret().reveal(), "{\"model\":\"sim-embed\","
        + "\"query\":\"which gateway\",\"documents\":[\"this gateway\",\"that one\"]}").status())
        .isEqualTo(200);
    ledger(gateway, key, 7);
    assertThat(http.post("/v1/score", key.secret().reveal(), "{\"model\":\"sim-embed\","
        + "\"text_1\":\"which gateway\",\"text_2\":[\"this gateway\",\"that one\"]}").status())
        .isEqualTo(200);
    return ledger(gateway, key, 8);
  }

  private static List<Entry> throughProxy(Map<Endpoint, UsageShape> dialect,
      UnaryOperator<TokenUsage> economics, Function<URI, GatewayHarness> start,
      Function<GatewayHarness, List<Entry>> scenario) {
    try (DialectProxy proxy = new DialectProxy(dialect, economics);
        GatewayHarness gateway = start.apply(proxy.base())) {
      return scenario.apply(gateway);
    }
  }

  /** Settlement follows the response; waits (bounded) for {@code entries} entries. */
  private static List<Entry> ledger(GatewayHarness gateway, IssuedKey key, int entries) {
    return gateway.awaitLedger(key, entries).stream().map(Entry::of).toList();
  }

  private static OpenAIClient client(GatewayHarness gateway, IssuedKey key) {
    return OpenAIOkHttpClient.builder().apiKey(key.secret().reveal())
        .baseUrl(gateway.base() + "/v1").maxRetries(0).build();
  }

  private static ChatCompletionCreateParams chat() {
    return ChatCompletionCreateParams.builder().model("sim-small")
        .addUserMessage("Say hello to every data plane").build();
  }

  private static void drain(StreamResponse<ChatCompletionChunk> stream) {
    try (stream) {
      assertThat(stream.stream().count()).isPositive();
    }
  }
}
