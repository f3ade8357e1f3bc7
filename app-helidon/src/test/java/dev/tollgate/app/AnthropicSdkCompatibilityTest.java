package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Usage;
import com.anthropic.models.models.ModelInfo;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's official Java SDK talks to Tollgate's Messages API as it talks to Anthropic: JSON and
 * streamed messages, count_tokens, model discovery, and its typed exceptions for Tollgate's
 * refusals; and the ledger equals the priced usage to the nano-dollar, cache reads and both
 * cache-write lifetimes included (the simulator writes a prefix the first time and reads it after).
 */
class AnthropicSdkCompatibilityTest {

  /** Anthropic's list for a Sonnet: cache read 0.1x, 5-minute write 1.25x, 1-hour write 2x input. */
  static final TokenPrices SONNET_LIKE = new TokenPrices(PricePerMillion.usd("3"),
      PricePerMillion.usd("0.30"), PricePerMillion.usd("3.75"), PricePerMillion.usd("15"),
      Optional.empty(), Money.ZERO, PricePerMillion.usd("6"));

  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(java.time.Duration.ZERO);
    gateway.tollgate().prices().addPrice(new PriceVersion(ModelName.of("sim-large"),
        Instant.now().minusSeconds(1), SONNET_LIKE));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static AnthropicClient client(String key) {
    return AnthropicOkHttpClient.builder().apiKey(key).baseUrl(gateway.base()).maxRetries(0).build();
  }

  private static AnthropicClient client(IssuedKey key) {
    return client(key.secret().reveal());
  }

  /** A Claude-Code-like turn: an hour-cached system prompt, a 5-minute-cached history, a question. */
  static MessageCreateParams turn(String model, String session, String question, long maxTokens) {
    return MessageCreateParams.builder().model(model).maxTokens(maxTokens)
        .systemOfTextBlockParams(List.of(TextBlockParam.builder()
            .text("You are an agent for software engineering tasks in session " + session)
            .cacheControl(CacheControlEphemeral.builder().ttl(CacheControlEphemeral.Ttl.TTL_1H).build())
            .build()))
        .addUserMessageOfContentBlockParams(List.of(com.anthropic.models.messages.ContentBlockParam
            .ofText(TextBlockParam.builder().text("Here is the repository layout of " + session)
                .cacheControl(CacheControlEphemeral.builder().build()).build())))
        .addAssistantMessage("I have read it.")
        .addUserMessage(question)
        .build();
  }

  static TokenUsage usageOf(Usage u) {
    long oneHour = u.cacheCreation().map(c -> c.ephemeral1hInputTokens()).orElse(0L);
    long fiveMinutes = u.cacheCreation().map(c -> c.ephemeral5mInputTokens())
        .orElse(u.cacheCreationInputTokens().orElse(0L));
    return new TokenUsage(u.inputTokens(), u.cacheReadInputTokens().orElse(0L), fiveMinutes,
        u.outputTokens(), 0, oneHour);
  }

  @Test
  void a_message_is_answered_and_charged_with_cache_reads_and_both_write_lifetimes() {
    IssuedKey key = gateway.key();
    AnthropicClient client = client(key);

    Message first = client.messages().create(turn("sim-large", "s1", "What is in src?", 12));
    Message second = client.messages().create(turn("sim-large", "s1", "And in docs?", 12));

    TokenUsage wrote = usageOf(first.usage());
    TokenUsage read = usageOf(second.usage());
    assertThat(first.content()).isNotEmpty();
    assertThat(wrote.cacheWrite1hInputTokens()).isPositive();
    assertThat(wrote.cacheWriteInputTokens()).isPositive();
    assertThat(read.cachedInputTokens()).isEqualTo(wrote.allCacheWriteInputTokens());
    List<SpendEntry> ledger = gateway.awaitLedger(key, 2);
    assertThat(ledger).extracting(SpendEntry::usage).containsExactlyInAnyOrder(wrote, read);
    assertThat(gateway.spentBy(key))
        .isEqualTo(SONNET_LIKE.costOf(wrote).plus(SONNET_LIKE.costOf(read)));
  }

  @Test
  void a_streamed_message_has_anthropics_events_and_is_charged_from_the_final_delta() {
    IssuedKey key = gateway.key();
    List<RawMessageStreamEvent> events = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client(key).messages().createStreaming(turn("sim-large", "s2", "Stream it", 9))) {
      stream.stream().forEach(events::add);
    }

    assertThat(events.get(0).isMessageStart()).isTrue();
    assertThat(events).anySatisfy(e -> assertThat(e.isContentBlockDelta()).isTrue());
    assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
    Usage start = events.get(0).asMessageStart().message().usage();
    long output = events.stream().filter(RawMessageStreamEvent::isMessageDelta)
        .mapToLong(e -> e.asMessageDelta().usage().outputTokens()).max().orElseThrow();
    TokenUsage expected = new TokenUsage(start.inputTokens(), start.cacheReadInputTokens().orElse(0L),
        start.cacheCreation().orElseThrow().ephemeral5mInputTokens(), output, 0,
        start.cacheCreation().orElseThrow().ephemeral1hInputTokens());
    assertThat(gateway.awaitLedger(key, 1)).singleElement()
        .satisfies(e -> assertThat(e.usage()).isEqualTo(expected))
        .satisfies(e -> assertThat(e.cost()).isEqualTo(SONNET_LIKE.costOf(expected)));
  }

  @Test
  void count_tokens_answers_from_the_data_plane_is_not_charged_and_counts_against_the_rpm() {
    IssuedKey key = gateway.key(null, 2L, null, null);
    AnthropicClient client = client(key);
    MessageCountTokensParams count = MessageCountTokensParams.builder().model("sim-large")
        .addUserMessage("How many tokens is this?").build();

    long first = client.messages().countTokens(count).inputTokens();
    long second = client.messages().countTokens(count).inputTokens();

    assertThat(first).isEqualTo(second).isEqualTo(3 + 1 + 5); // the simulator's word rule
    assertThatThrownBy(() -> client.messages().create(turn("sim-large", "s3", "one more", 5)))
        .isInstanceOf(RateLimitException.class);
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void models_are_discovered_in_anthropics_shape() {
    List<String> ids = client(gateway.key()).models().list().data().stream()
        .map(ModelInfo::id).toList();

    assertThat(ids).containsExactly("sim-embed", "sim-large", "sim-small");
  }

  @Test
  void a_bad_key_and_an_unknown_model_are_the_sdks_typed_exceptions() {
    assertThatThrownBy(() -> client("sk-tg-nope").messages().create(turn("sim-large", "s4", "hi", 5)))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> client(gateway.key()).messages().create(turn("no-such", "s4", "hi", 5)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void a_model_the_key_may_not_call_is_a_permission_error() {
    IssuedKey narrow = gateway.tollgate().issueKey().issue(new IssueKeyCommand(
        Owner.tenant(GatewayHarness.ACME), "narrow-" + System.nanoTime(),
        Set.of(ModelName.of("sim-small")), Optional.empty()));

    assertThatThrownBy(() -> client(narrow).messages().create(turn("sim-large", "s5", "hi", 5)))
        .isInstanceOfSatisfying(PermissionDeniedException.class,
            e -> assertThat(e.getMessage()).contains("sim-large"));
  }

  @Test
  void an_exhausted_budget_is_a_rate_limit_error_saying_so_and_not_to_retry() {
    IssuedKey key = gateway.key(Money.usd("0.000001"), null, null, null);

    assertThatThrownBy(() -> client(key).messages().create(turn("sim-large", "s6", "hi", 1000)))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.getMessage()).contains("Budget exhausted");
          assertThat(e.headers().values("x-should-retry")).containsExactly("false");
        });
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void a_request_rate_limit_is_the_sdks_rate_limit_error_with_retry_after() {
    IssuedKey key = gateway.key(null, 1L, null, null);
    AnthropicClient client = client(key);
    client.messages().create(turn("sim-small", "s7", "hi", 3));

    assertThatThrownBy(() -> client.messages().create(turn("sim-small", "s7", "hi", 3)))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.headers().values("retry-after")).isNotEmpty());
  }

  @Test
  void after_many_calls_the_ledger_equals_the_priced_usage_to_the_nano_dollar() {
    IssuedKey key = gateway.key();
    AnthropicClient client = client(key);
    Money expected = Money.ZERO;
    int calls = 24;
    for (int i = 0; i < calls; i++) {
      // Four sessions, six turns each: the first turn of each writes, the rest read.
      Message m = client.messages().create(
          turn("sim-large", "n" + (i % 4), "question number " + i, 1 + i % 7));
      expected = expected.plus(SONNET_LIKE.costOf(usageOf(m.usage())));
    }

    List<SpendEntry> ledger = gateway.awaitLedger(key, calls);
    assertThat(ledger).hasSize(calls);
    assertThat(ledger).filteredOn(e -> e.usage().cacheWrite1hInputTokens() > 0).hasSize(4);
    assertThat(ledger).filteredOn(e -> e.usage().cachedInputTokens() > 0).hasSize(calls - 4);
    assertThat(gateway.spentBy(key)).isEqualTo(expected);
  }
}
