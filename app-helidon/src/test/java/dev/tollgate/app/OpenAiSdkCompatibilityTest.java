package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssuedKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK talks to Tollgate exactly as it talks to OpenAI. */
class OpenAiSdkCompatibilityTest {

  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(java.time.Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static OpenAIClient client(IssuedKey key) {
    return client(key.secret().reveal());
  }

  private static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.base() + "/v1").maxRetries(0).build();
  }

  private static ChatCompletionCreateParams chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello to Tollgate").build();
  }

  @Test
  void chat_completion_is_answered_and_charged_from_its_usage() {
    IssuedKey key = gateway.key();
    ChatCompletion completion = client(key).chat().completions().create(chat("sim-small"));

    assertThat(completion.choices()).isNotEmpty();
    long prompt = completion.usage().orElseThrow().promptTokens();
    long output = completion.usage().orElseThrow().completionTokens();
    List<SpendEntry> ledger = gateway.awaitLedger(key, 1);
    assertThat(ledger).hasSize(1);
    assertThat(ledger.get(0).usage()).isEqualTo(TokenUsage.of(prompt, output));
    assertThat(ledger.get(0).cost()).isEqualTo(GatewayHarness.SMALL_PRICES.costOf(TokenUsage.of(prompt, output)));
  }

  @Test
  void a_tenant_alias_reaches_the_model_it_names() {
    IssuedKey key = gateway.key();
    client(key).chat().completions().create(chat("fast"));

    assertThat(gateway.awaitLedger(key, 1)).singleElement()
        .satisfies(e -> assertThat(e.model().value()).isEqualTo("sim-small"));
  }

  @Test
  void streamed_chat_arrives_in_chunks_with_usage_when_asked_and_is_charged() {
    IssuedKey key = gateway.key();
    ChatCompletionCreateParams params = chat("sim-small").toBuilder()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client(key).chat().completions().createStreaming(params)) {
      stream.stream().forEach(chunks::add);
    }

    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(chunks.size()).isGreaterThan(2);
    assertThat(last.usage()).isPresent();
    Eventually.await(() -> gateway.ledgerOf(key).size() == 1, "stream settled");
    assertThat(gateway.ledgerOf(key).get(0).usage().completionTokens())
        .isEqualTo(last.usage().get().completionTokens());
  }

  @Test
  void streamed_chat_without_asking_gets_no_usage_chunk_but_is_still_charged() {
    IssuedKey key = gateway.key();
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client(key).chat().completions().createStreaming(chat("sim-small"))) {
      stream.stream().forEach(chunks::add);
    }

    assertThat(chunks).allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
    Eventually.await(() -> gateway.ledgerOf(key).size() == 1, "stream settled");
    assertThat(gateway.spentBy(key).isPositive()).isTrue();
  }

  @Test
  void completions_embeddings_and_models_work() {
    IssuedKey key = gateway.key();
    OpenAIClient client = client(key);

    Completion completion = client.completions().create(
        CompletionCreateParams.builder().model("sim-small").prompt("Once upon a time").maxTokens(5L).build());
    CreateEmbeddingResponse embedding = client.embeddings().create(
        EmbeddingCreateParams.builder().model("sim-embed").input("embed me").build());
    List<String> models = client.models().list().data().stream().map(Model::id).toList();

    assertThat(completion.choices()).isNotEmpty();
    assertThat(embedding.data()).isNotEmpty();
    assertThat(models).containsExactly("sim-embed", "sim-large", "sim-small");
    assertThat(gateway.awaitLedger(key, 2)).hasSize(2);
  }

  @Test
  void responses_json_and_stream_work_and_are_charged() {
    IssuedKey key = gateway.key();
    OpenAIClient client = client(key);
    ResponseCreateParams params = ResponseCreateParams.builder().model("sim-small").input("Hi there").build();

    Response response = client.responses().create(params);
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      stream.stream().forEach(events::add);
    }

    assertThat(response.output()).isNotEmpty();
    assertThat(events).anySatisfy(e -> assertThat(e.isCompleted()).isTrue());
    Eventually.await(() -> gateway.ledgerOf(key).size() == 2, "both responses settled");
  }

  @Test
  void an_exhausted_budget_is_the_sdks_rate_limit_error_with_insufficient_quota() {
    IssuedKey key = gateway.key(Money.usd("0.000001"), null, null, null);

    assertThatThrownBy(() -> client(key).chat().completions().create(chat("sim-large")))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.code()).contains("insufficient_quota"));
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void a_request_rate_limit_is_the_sdks_rate_limit_error() {
    IssuedKey key = gateway.key(null, 2L, null, null);
    OpenAIClient client = client(key);
    client.chat().completions().create(chat("sim-small"));
    client.chat().completions().create(chat("sim-small"));

    assertThatThrownBy(() -> client.chat().completions().create(chat("sim-small")))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.code()).contains("rate_limit_exceeded"));
  }

  @Test
  void unknown_keys_and_models_are_the_sdks_typed_errors() {
    IssuedKey key = gateway.key();

    assertThatThrownBy(() -> client("sk-tg-nope").chat().completions().create(chat("sim-small")))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> client(key).chat().completions().create(chat("no-such-model")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void after_many_calls_the_recorded_spend_equals_the_sum_of_priced_usage_exactly() {
    IssuedKey key = gateway.key();
    OpenAIClient client = client(key);
    Money expected = Money.ZERO;
    for (int i = 0; i < 25; i++) {
      ChatCompletion c = client.chat().completions().create(
          ChatCompletionCreateParams.builder().model("sim-small").addUserMessage("call number " + i)
              .maxCompletionTokens(1L + i % 7).build());
      var u = c.usage().orElseThrow();
      expected = expected.plus(GatewayHarness.SMALL_PRICES.costOf(
          TokenUsage.of(u.promptTokens(), u.completionTokens())));
    }

    assertThat(gateway.awaitLedger(key, 25)).hasSize(25);
    assertThat(gateway.spentBy(key)).isEqualTo(expected);
  }
}
