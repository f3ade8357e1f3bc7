package dev.tollgate.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.money.Money;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiteLlmPriceFileTest {

  static final String FIXTURE = "/litellm/model_prices_and_context_window.json";
  private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void per_token_prices_become_exact_per_million_prices_for_the_served_models_only() throws Exception {
    LiteLlmPriceFile file = fixture();
    List<ModelSpec> served = List.of(
        ModelSpec.of(ModelName.of("gpt-4o"), 16_384),
        new ModelSpec(ModelName.of("sonnet"), ModelName.of("claude-3-5-sonnet-20241022"), 8_192),
        new ModelSpec(ModelName.of("flash"), ModelName.of("gemini-2.5-flash"), 65_535),
        new ModelSpec(ModelName.of("embed"), ModelName.of("text-embedding-3-small"), 1),
        new ModelSpec(ModelName.of("mini"), ModelName.of("openai/gpt-4o-mini"), 16_384),
        ModelSpec.of(ModelName.of("llama-3.1-8b-local"), 4_096));

    LiteLlmPriceFile.Import found = file.pricesFor(LiteLlmPriceFile.upstreamNames(served), FROM);

    assertThat(found.problems()).isEmpty();
    assertThat(found.unpriced()).containsExactly(ModelName.of("llama-3.1-8b-local"));
    assertThat(found.priced()).extracting(LiteLlmPriceFile.Priced::version).containsExactly(
        version("gpt-4o", prices("2.50", "1.25", "2.50", "10.00", null)),
        version("sonnet", prices("3.00", "0.30", "3.75", "15.00", null)),
        version("flash", prices("0.30", "0.075", "0.30", "2.50", "2.50")),
        version("embed", prices("0.02", "0.02", "0.02", "0", null)),
        version("mini", prices("0.15", "0.075", "0.15", "0.60", null)));
    assertThat(found.priced()).extracting(LiteLlmPriceFile.Priced::litellmName).containsExactly(
        "gpt-4o", "claude-3-5-sonnet-20241022", "gemini-2.5-flash", "text-embedding-3-small",
        "gpt-4o-mini");
  }

  @Test
  void an_explicit_name_wins_and_the_sample_spec_is_never_a_model() throws Exception {
    Map<ModelName, String> names = new LinkedHashMap<>();
    names.put(ModelName.of("reasoner"), "o3-mini");
    names.put(ModelName.of("sample"), "sample_spec");

    LiteLlmPriceFile.Import found = fixture().pricesFor(names, FROM);

    assertThat(found.priced()).extracting(p -> p.version().prices())
        .containsExactly(prices("1.10", "0.55", "1.10", "4.40", null));
    assertThat(found.unpriced()).containsExactly(ModelName.of("sample"));
  }

  @Test
  void exponents_and_long_decimals_are_read_from_the_text_never_through_a_double() throws Exception {
    // 0.1 + 0.2 in doubles is 0.30000000000000004; the text 3.0000001e-07 is exactly 0.30000001 per million.
    LiteLlmPriceFile file = read("""
        {"m": {"input_cost_per_token": 3.0000001e-07, "output_cost_per_token": 0.000000123456789}}""");

    TokenPrices p = only(file.pricesFor(Map.of(ModelName.of("m"), "m"), FROM));

    assertThat(p.input()).isEqualTo(PricePerMillion.usd("0.30000001"));
    assertThat(p.output()).isEqualTo(PricePerMillion.usd("0.123456789"));
  }

  @Test
  void negative_absurd_non_numeric_and_sub_nano_prices_are_problems_naming_model_and_field()
      throws Exception {
    LiteLlmPriceFile file = read("""
        {
          "neg":    {"input_cost_per_token": -1e-06, "output_cost_per_token": 1e-06},
          "huge":   {"input_cost_per_token": 1e-06, "output_cost_per_token": 0.5},
          "text":   {"input_cost_per_token": "0.000001", "output_cost_per_token": 1e-06},
          "float":  {"input_cost_per_token": 2.7500000000000004e-06, "output_cost_per_token": 1e-06},
          "nodata": {"litellm_provider": "openai", "mode": "chat"},
          "chat":   {"input_cost_per_token": 1e-06}
        }""");
    Map<ModelName, String> names = new LinkedHashMap<>();
    for (String m : List.of("neg", "huge", "text", "float", "nodata", "chat")) {
      names.put(ModelName.of(m), m);
    }

    LiteLlmPriceFile.Import found = file.pricesFor(names, FROM);

    assertThat(found.priced()).isEmpty();
    assertThat(found.problems()).containsExactly(
        "model 'neg' (LiteLLM 'neg'): input_cost_per_token is negative: -0.000001",
        "model 'huge' (LiteLLM 'huge'): output_cost_per_token is 500000 USD per million tokens,"
            + " above the 10000 USD ceiling",
        "model 'text' (LiteLLM 'text'): input_cost_per_token must be a number, not \"0.000001\"",
        "model 'float' (LiteLLM 'float'): input_cost_per_token 0.0000027500000000000004 per token"
            + " is finer than a nano-dollar per million tokens (a float artefact?); set this"
            + " model's price with `tollgate prices add`",
        "model 'nodata' (LiteLLM 'nodata'): input_cost_per_token is missing (not a per-token"
            + " priced model?)",
        "model 'chat' (LiteLLM 'chat'): output_cost_per_token is missing");
  }

  @Test
  void a_price_with_an_exponent_no_price_has_is_refused_before_any_arithmetic() throws Exception {
    for (String number : List.of("1e-999999999", "1e-100000000", "1e+999999999", "1e13", "1e-31")) {
      LiteLlmPriceFile file = read("{\"m\": {\"input_cost_per_token\": " + number
          + ", \"output_cost_per_token\": 1e-06}}");

      assertThatThrownBy(() -> file.pricesFor(Map.of(ModelName.of("m"), "m"), FROM))
          .as(number)
          .isInstanceOf(LiteLlmPriceFile.AbsurdNumber.class)
          .hasMessageContaining("input_cost_per_token is not a price")
          .satisfies(e -> assertThat(((LiteLlmPriceFile.AbsurdNumber) e).field())
              .isEqualTo("m.input_cost_per_token"))
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
  }

  @Test
  void a_problem_quotes_at_most_a_bounded_part_of_the_value() throws Exception {
    String longText = "x".repeat(100_000);
    LiteLlmPriceFile file = read("{\"m\": {\"input_cost_per_token\": \"" + longText + "\"}}");

    LiteLlmPriceFile.Import found = file.pricesFor(Map.of(ModelName.of("m"), "m"), FROM);

    assertThat(found.problems()).singleElement().asString().hasSizeLessThan(200);
  }

  @Test
  void a_file_that_is_not_a_json_object_is_unreadable() {
    assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(LiteLlmPriceFile.Unreadable.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> read("{\"m\": ")).isInstanceOf(LiteLlmPriceFile.Unreadable.class)
        .hasMessageContaining("not valid JSON");
  }

  private static TokenPrices only(LiteLlmPriceFile.Import found) {
    assertThat(found.problems()).isEmpty();
    assertThat(found.priced()).hasSize(1);
    return found.priced().get(0).version().prices();
  }

  @Test
  void anthropics_one_hour_cache_writes_get_their_own_price() throws Exception {
    // claude-sonnet-4 as LiteLLM lists it: 5-minute writes 1.25x input, 1-hour writes 2x.
    LiteLlmPriceFile file = read("""
        {"claude-sonnet-4-20250514": {"input_cost_per_token": 0.000003,
          "output_cost_per_token": 0.000015, "cache_read_input_token_cost": 3e-7,
          "cache_creation_input_token_cost": 0.00000375,
          "cache_creation_input_token_cost_above_1hr": 0.000006},
         "older": {"input_cost_per_token": 0.000001, "output_cost_per_token": 0.000002,
          "cache_creation_input_token_cost": 0.00000125}}""");

    LiteLlmPriceFile.Import found = file.pricesFor(Map.of(
        ModelName.of("sonnet"), "claude-sonnet-4-20250514"), FROM);
    LiteLlmPriceFile.Import older = file.pricesFor(Map.of(ModelName.of("older"), "older"), FROM);

    assertThat(found.priced().get(0).version().prices()).isEqualTo(
        prices("3", "0.3", "3.75", "15", null).withCacheWrite1hInput(PricePerMillion.usd("6")));
    assertThat(older.priced().get(0).version().prices().cacheWrite1hInput())
        .as("no 1-hour price listed: the cache-write price")
        .isEqualTo(PricePerMillion.usd("1.25"));
  }

  @Test
  void a_rerank_models_price_per_query_is_its_fee_per_request() throws Exception {
    // As LiteLLM lists Cohere's rerank (per-token prices of 0) and Vertex AI's (a query price alone).
    LiteLlmPriceFile file = read("""
        {"rerank-v3.5": {"max_tokens": 4096, "max_query_tokens": 2048, "input_cost_per_token": 0.0,
          "input_cost_per_query": 0.002, "output_cost_per_token": 0.0, "litellm_provider": "cohere",
          "mode": "rerank"},
         "vertex_ai/rerank": {"input_cost_per_query": 0.25, "mode": "rerank"},
         "jina-reranker": {"input_cost_per_token": 1.8e-08, "mode": "rerank"},
         "chatty": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
          "input_cost_per_query": 0.5, "mode": "chat"},
         "tiny": {"input_cost_per_query": 1e-10, "mode": "rerank"}}""");
    Map<ModelName, String> names = new LinkedHashMap<>();
    for (String m : List.of("rerank-v3.5", "vertex_ai/rerank", "jina-reranker", "chatty", "tiny")) {
      names.put(ModelName.of(m.replace('/', '-')), m);
    }

    LiteLlmPriceFile.Import found = file.pricesFor(names, FROM);

    assertThat(found.priced()).extracting(p -> p.version().prices()).containsExactly(
        new TokenPrices(PricePerMillion.FREE, PricePerMillion.FREE, PricePerMillion.FREE,
            PricePerMillion.FREE, Optional.empty(), Money.usd("0.002")),
        new TokenPrices(PricePerMillion.FREE, PricePerMillion.FREE, PricePerMillion.FREE,
            PricePerMillion.FREE, Optional.empty(), Money.usd("0.25")),
        prices("0.018", "0.018", "0.018", "0", null),
        prices("1", "1", "1", "2", null));
    assertThat(found.problems()).containsExactly("model 'tiny' (LiteLLM 'tiny'): input_cost_per_query"
        + " 0.0000000001 is finer than a nano-dollar (a float artefact?); set this model's price"
        + " with `tollgate prices add`");
  }

  @Test
  void a_transcription_models_price_per_second_is_its_audio_price() throws Exception {
    // As LiteLLM lists OpenAI's Whisper, Groq's (an output price of 0) and gpt-4o-transcribe
    // (by the token).
    LiteLlmPriceFile file = read("""
        {"whisper-1": {"input_cost_per_second": 0.0001, "output_cost_per_second": 0.0001,
          "litellm_provider": "openai", "mode": "audio_transcription"},
         "groq/whisper-large-v3": {"input_cost_per_second": 3.083e-05,
          "output_cost_per_second": 0.0, "litellm_provider": "groq", "mode": "audio_transcription"},
         "gpt-4o-transcribe": {"input_cost_per_audio_token": 6e-06, "input_cost_per_token": 2.5e-06,
          "output_cost_per_token": 1e-05, "mode": "audio_transcription"},
         "tts": {"input_cost_per_second": 0.5, "output_cost_per_token": 0, "input_cost_per_token": 0,
          "mode": "audio_speech"},
         "nothing": {"mode": "audio_transcription"}}""");
    Map<ModelName, String> names = new LinkedHashMap<>();
    for (String m : List.of("whisper-1", "groq/whisper-large-v3", "gpt-4o-transcribe", "tts",
        "nothing")) {
      names.put(ModelName.of(m.replace('/', '-')), m);
    }

    LiteLlmPriceFile.Import found = file.pricesFor(names, FROM);

    assertThat(found.priced()).extracting(p -> p.version().prices()).containsExactly(
        TokenPrices.free().withAudioPerSecond(Money.usd("0.0001")),
        TokenPrices.free().withAudioPerSecond(Money.usd("0.00003083")),
        prices("2.5", "2.5", "2.5", "10", null),
        prices("0", "0", "0", "0", null)); // only a transcription's seconds are audio
    assertThat(found.problems()).containsExactly("model 'nothing' (LiteLLM 'nothing'):"
        + " input_cost_per_token is missing (not a per-token priced model?)");
  }

  private static PriceVersion version(String model, TokenPrices prices) {
    return new PriceVersion(ModelName.of(model), FROM, prices);
  }

  private static TokenPrices prices(
      String input, String cached, String cacheWrite, String output, String reasoning) {
    return new TokenPrices(PricePerMillion.usd(input), PricePerMillion.usd(cached),
        PricePerMillion.usd(cacheWrite), PricePerMillion.usd(output),
        Optional.ofNullable(reasoning).map(PricePerMillion::usd), Money.ZERO);
  }

  static LiteLlmPriceFile fixture() throws Exception {
    try (InputStream in = LiteLlmPriceFileTest.class.getResourceAsStream(FIXTURE)) {
      return LiteLlmPriceFile.read(in);
    }
  }

  private static LiteLlmPriceFile read(String json) throws Exception {
    return LiteLlmPriceFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
