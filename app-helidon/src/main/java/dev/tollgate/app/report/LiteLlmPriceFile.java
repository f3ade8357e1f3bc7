package dev.tollgate.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LiteLLM's {@code model_prices_and_context_window.json}: an object of model name to per-token USD
 * prices ({@code input_cost_per_token}, {@code output_cost_per_token},
 * {@code cache_read_input_token_cost}, {@code cache_creation_input_token_cost},
 * {@code output_cost_per_reasoning_token}) among many other fields, which are ignored, as is the
 * {@code sample_spec} entry that documents the shape. A {@code "mode": "rerank"} entry's
 * {@code input_cost_per_query} is the model's fee per request (LiteLLM charges it per Cohere search
 * unit, a query over up to 100 documents; a request through vLLM reports none, so one a request),
 * and it may go without per-token prices.
 *
 * <p>Only the models the platform serves are read. Each price is taken from the number's decimal
 * text ({@code 3e-06} is exactly 3.00 USD per million tokens), never through a binary float; a
 * negative or absurd price, or one finer than a nano-dollar per million tokens (a float artefact
 * such as {@code 2.7500000000000004e-06}), is a problem naming the model and the field, and the
 * caller imports nothing while any remains. Tiered prices (above 128k or 200k tokens) are not
 * imported: the base price applies.
 */
public final class LiteLlmPriceFile {

  /** The real file is a few MiB; anything far larger is not it. */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  /** No model costs more than this per million tokens of any kind; a larger value is a mistake. */
  public static final BigDecimal MAX_USD_PER_MILLION = new BigDecimal("10000");

  static final String SAMPLE_SPEC = "sample_spec";

  /**
   * Per-token prices are around 1e-6; a number with more decimals or more integer digits than
   * these is refused before any arithmetic, which on {@code 1e-999999999} would build a
   * billion-digit string.
   */
  static final int MAX_SCALE = 30;
  static final int MAX_INTEGER_DIGITS = 12;
  /** How much of an unusable value a problem quotes. */
  static final int MAX_QUOTED = 64;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  private final JsonNode root;

  private LiteLlmPriceFile(JsonNode root) {
    this.root = root;
  }

  /** The file could not be read as LiteLLM's price file at all. */
  public static final class Unreadable extends Exception {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A price that is not a price at all (an exponent out of any range), naming where it is. */
  public static final class AbsurdNumber extends RuntimeException {
    private final String field;

    AbsurdNumber(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }

    /** {@code <LiteLLM name>.<field>}. */
    public String field() {
      return field;
    }
  }

  /** A served model's price as found in the file, under {@code litellmName}. */
  public record Priced(PriceVersion version, String litellmName) {}

  /**
   * What the file holds for the served models.
   *
   * @param unpriced served models the file has no entry for
   * @param problems entries present but unusable, each naming the model and the field
   */
  public record Import(List<Priced> priced, List<ModelName> unpriced, List<String> problems) {
    public Import {
      priced = List.copyOf(priced);
      unpriced = List.copyOf(unpriced);
      problems = List.copyOf(problems);
    }
  }

  /** Reads at most {@link #MAX_BYTES}; the top level must be a JSON object. */
  public static LiteLlmPriceFile read(InputStream in) throws IOException, Unreadable {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new Unreadable("the price file is larger than " + MAX_BYTES + " bytes", null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new Unreadable("the price file is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new Unreadable("the price file must be a JSON object of model name to prices", null);
    }
    return new LiteLlmPriceFile(root);
  }

  /** Each served model under the name the data plane routes on: LiteLLM names models that way. */
  public static Map<ModelName, String> upstreamNames(List<ModelSpec> served) {
    Map<ModelName, String> names = new LinkedHashMap<>();
    for (ModelSpec m : served) {
      names.put(m.name(), m.upstreamName().value());
    }
    return names;
  }

  /**
   * Price versions from {@code effectiveFrom} for each served model, looked up under its LiteLLM
   * name (or, for a {@code provider/model} name with no entry, under {@code model}).
   *
   * @param litellmNames served model to the name to look up in the file
   * @throws AbsurdNumber for a price whose exponent or length no price has: the file is refused
   */
  public Import pricesFor(Map<ModelName, String> litellmNames, Instant effectiveFrom) {
    List<Priced> priced = new ArrayList<>();
    List<ModelName> unpriced = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    litellmNames.forEach((model, name) -> {
      Optional<String> found = entryName(name);
      if (found.isEmpty()) {
        unpriced.add(model);
        return;
      }
      Entry entry = new Entry(model, found.get(), root.get(found.get()), problems);
      entry.prices().ifPresent(p ->
          priced.add(new Priced(new PriceVersion(model, effectiveFrom, p), found.get())));
    });
    return new Import(priced, unpriced, problems);
  }

  private Optional<String> entryName(String name) {
    if (!name.equals(SAMPLE_SPEC) && root.has(name)) {
      return Optional.of(name);
    }
    int slash = name.lastIndexOf('/');
    String bare = name.substring(slash + 1);
    return slash >= 0 && !bare.equals(SAMPLE_SPEC) && root.has(bare) ? Optional.of(bare)
        : Optional.empty();
  }

  /** One model's entry, read field by field; every problem found is added to {@code problems}. */
  private record Entry(ModelName model, String name, JsonNode node, List<String> problems) {

    Optional<TokenPrices> prices() {
      if (!node.isObject()) {
        problem("", "the entry is not an object");
        return Optional.empty();
      }
      int before = problems.size();
      Optional<PricePerMillion> input = price("input_cost_per_token");
      Optional<PricePerMillion> output = price("output_cost_per_token");
      Optional<PricePerMillion> cached = price("cache_read_input_token_cost");
      Optional<PricePerMillion> cacheWrite = price("cache_creation_input_token_cost");
      // Anthropic's 1-hour cache writes; LiteLLM names them by the lifetime ("above 1hr").
      Optional<PricePerMillion> cacheWrite1h = price("cache_creation_input_token_cost_above_1hr");
      Optional<PricePerMillion> reasoning = price("output_cost_per_reasoning_token");
      String mode = node.path("mode").asText("");
      boolean rerank = "rerank".equals(mode);
      Optional<Money> perQuery = rerank ? fee("input_cost_per_query") : Optional.empty();
      // Whisper's family: priced by the second of audio. LiteLLM charges the output price per
      // second when the entry has one, else the input price (whisper-1 lists both, the same); an
      // output price of 0 beside an input price (Groq's entries) would make it free, so the input
      // price is taken then.
      boolean transcription = "audio_transcription".equals(mode);
      Optional<Money> perSecond = Optional.empty();
      if (transcription) {
        perSecond = fee("output_cost_per_second", " USD a second").filter(p -> !p.isZero())
            .or(() -> fee("input_cost_per_second", " USD a second"));
      }
      if (input.isEmpty() && perQuery.isEmpty() && perSecond.isEmpty()
          && problems.size() == before) {
        problem("input_cost_per_token", "is missing (not a per-token priced model?)");
      }
      boolean inputOnly = "embedding".equals(mode) || rerank || perSecond.isPresent();
      if (output.isEmpty() && !inputOnly && problems.size() == before) {
        problem("output_cost_per_token", "is missing");
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      PricePerMillion in = input.orElse(PricePerMillion.FREE);
      PricePerMillion write = cacheWrite.orElse(in);
      return Optional.of(new TokenPrices(in, cached.orElse(in), write,
          output.orElse(PricePerMillion.FREE), reasoning, perQuery.orElse(Money.ZERO),
          cacheWrite1h.orElse(write)).withAudioPerSecond(perSecond.orElse(Money.ZERO)));
    }

    /** A price per request, in USD: the same checks as a token's, to the nano-dollar. */
    private Optional<Money> fee(String field) {
      return fee(field, " USD a request");
    }

    private Optional<Money> fee(String field, String unit) {
      return decimal(field).flatMap(usd -> usd(field, usd, usd, unit,
          usd.toPlainString() + " is finer than a nano-dollar"));
    }

    private Optional<PricePerMillion> price(String field) {
      return decimal(field).flatMap(perToken -> usd(field, perToken, perToken.movePointRight(6),
          " USD per million tokens", perToken.toPlainString()
              + " per token is finer than a nano-dollar per million tokens"))
          .map(PricePerMillion::new);
    }

    /**
     * {@code amount} (the file's {@code given}, scaled to what Tollgate stores) as money, or a
     * problem: negative, above the ceiling, or finer than a nano-dollar (a float artefact).
     */
    private Optional<Money> usd(String field, BigDecimal given, BigDecimal amount, String unit,
        String tooFine) {
      if (amount.signum() < 0) {
        problem(field, "is negative: " + given.toPlainString());
      } else if (amount.compareTo(MAX_USD_PER_MILLION) > 0) {
        problem(field, "is " + amount.stripTrailingZeros().toPlainString() + unit + ", above the "
            + MAX_USD_PER_MILLION + " USD ceiling");
      } else if (amount.stripTrailingZeros().scale() > 9) {
        problem(field, tooFine + " (a float artefact?); set this model's price with"
            + " `tollgate prices add`");
      } else {
        return Optional.of(Money.usd(amount));
      }
      return Optional.empty();
    }

    /** The field's exact decimal, when it is a number of a sane size; a problem otherwise. */
    private Optional<BigDecimal> decimal(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isNumber()) {
        problem(field, "must be a number, not " + quote(value.toString()));
        return Optional.empty();
      }
      BigDecimal decimal = value.decimalValue();
      if (decimal.scale() > MAX_SCALE || decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
        throw new AbsurdNumber(name + "." + field, "model '" + model.value() + "' (LiteLLM '"
            + quote(name) + "'): " + field + " is not a price: " + quote(decimal.toString()));
      }
      return Optional.of(decimal);
    }

    private void problem(String field, String what) {
      String where = field.isEmpty() ? "" : " " + field;
      problems.add("model '" + model.value() + "' (LiteLLM '" + quote(name) + "'):" + where + " " + what);
    }
  }

  private static String quote(String text) {
    return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
  }
}
