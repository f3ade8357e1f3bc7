package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;
import static dev.tollgate.app.litellm.LitellmRoute.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.port.in.admin.ManageModels;
import dev.tollgate.port.in.admin.ManageModels.ModelEntry;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /model/info}, {@code /model/new}, {@code /model/delete} over {@link ManageModels}: the
 * served models in LiteLLM's shape, prices as LiteLLM's per-token costs (exact decimals: the
 * price per million tokens divided by a million, and back). A model's LiteLLM id is its name.
 */
final class ModelEndpoints {

  static final long DEFAULT_OUTPUT_CAP = 4096;
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final Set<String> PARAMS = Set.of("model", "input_cost_per_token",
      "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost",
      "custom_llm_provider", "api_key", "api_base", "api_version", "rpm", "tpm", "max_tokens",
      "max_output_tokens", "reasoning_effort", "timeout", "stream_timeout", "max_retries",
      "organization", "region_name", "aws_access_key_id", "aws_secret_access_key",
      "vertex_project", "vertex_location", "vertex_credentials", "litellm_credential_name",
      "tags", "merge_reasoning_content_in_choices", "use_in_pass_through",
      "input_cost_per_second", "output_cost_per_second");
  private static final Set<String> INFO = Set.of("id", "base_model", "mode", "tier",
      "max_tokens", "max_output_tokens", "max_input_tokens", "input_cost_per_token",
      "output_cost_per_token", "team_id", "access_groups", "db_model", "description",
      "supports_function_calling", "supports_vision", "supports_parallel_function_calling",
      "input_cost_per_second", "output_cost_per_second");
  /** Where a model's upstream is reached and with which credential: the data plane's business. */
  private static final List<String> ROUTING = List.of("api_key", "api_base", "api_version",
      "organization", "region_name", "aws_access_key_id", "aws_secret_access_key",
      "vertex_project", "vertex_location", "vertex_credentials", "litellm_credential_name",
      "rpm", "tpm", "timeout", "stream_timeout", "max_retries", "reasoning_effort",
      "use_in_pass_through");

  private final ManageModels models;

  ModelEndpoints(ManageModels models) {
    this.models = models;
  }

  List<LitellmRoute> routes() {
    return List.of(get("/model/info", this::info), post("/model/new", this::create),
        post("/model/delete", this::delete));
  }

  private void info(LitellmCall c) {
    c.onlyQuery(Set.of("litellm_model_id", "team_id", "user_id"));
    Optional<String> only = c.query("litellm_model_id", 256);
    ArrayNode data = c.array();
    LitellmError.done(models.models(c.actor(), c.actor().tenant())).stream()
        .sorted(Comparator.comparing(e -> e.model().spec().name().value()))
        .filter(e -> only.map(id -> id.equals(e.model().spec().name().value())).orElse(true))
        .forEach(e -> data.add(view(c, e)));
    if (only.isPresent() && data.isEmpty()) {
      throw LitellmError.notFound("Model");
    }
    c.json(c.object().set("data", data));
  }

  /**
   * A model from LiteLLM's {@code {model_name, litellm_params, model_info}}: the upstream name is
   * {@code litellm_params.model} without LiteLLM's {@code provider/} prefix (as the import reads
   * it), the output cap {@code max_output_tokens} or {@code max_tokens} (4,096 if none), the price
   * the per-token costs. Where the upstream is and its credential are the data plane's
   * configuration (docs/data-planes.md): those fields are refused.
   */
  private void create(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("model_name", "litellm_params", "model_info"));
    ModelName name = name(b.required("model_name", ModelName.MAX_LENGTH));
    LitellmBody params = LitellmBody.of(b.given("litellm_params") ? b.raw("litellm_params")
        : c.object(), PARAMS);
    LitellmBody info = LitellmBody.of(b.given("model_info") ? b.raw("model_info") : c.object(),
        INFO);
    for (String f : ROUTING) {
      params.refuseUnlessEmpty(f, "where a model's upstream is and its credential are the data"
          + " plane's configuration (docs/data-planes.md)");
    }
    params.refuseUnlessEmpty("tags", "tag routing has no Tollgate equivalent");
    info.refuseUnlessEmpty("team_id", "models are served per tenant, not per team");
    info.refuseUnlessEmpty("access_groups", "models are allowed per tenant and per key");
    String upstream = params.text("model", ModelName.MAX_LENGTH).orElse(name.value());
    int slash = upstream.indexOf('/');
    ModelName upstreamName = name(slash > 0 ? upstream.substring(slash + 1) : upstream);
    long cap = info.whole("max_output_tokens", 1, ModelSpec.MAX_OUTPUT_TOKENS_CEILING)
        .or(() -> params.whole("max_output_tokens", 1, ModelSpec.MAX_OUTPUT_TOKENS_CEILING))
        .or(() -> info.whole("max_tokens", 1, ModelSpec.MAX_OUTPUT_TOKENS_CEILING))
        .or(() -> params.whole("max_tokens", 1, ModelSpec.MAX_OUTPUT_TOKENS_CEILING))
        .orElse(DEFAULT_OUTPUT_CAP);
    Optional<TokenPrices> price = price(params).or(() -> price(info));
    ModelEntry added = LitellmError.done(models.addModel(c.actor(), new ManageModels.AddModel(
        new ModelSpec(name, upstreamName, cap), price)));
    ObjectNode out = view(c, added);
    out.put("model_id", name.value());
    c.json(out);
  }

  private void delete(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("id"));
    ModelName name = name(b.required("id", ModelName.MAX_LENGTH));
    LitellmError.done(models.removeModel(c.actor(), name));
    c.json(c.object().put("message", "Model: " + name.value() + " deleted successfully"));
  }

  private static Optional<TokenPrices> price(LitellmBody b) {
    Optional<Money> perSecond = perSecond(b);
    if (!b.given("input_cost_per_token") && !b.given("output_cost_per_token")) {
      return perSecond.map(a -> TokenPrices.free().withAudioPerSecond(a));
    }
    PricePerMillion input = perMillion(b, "input_cost_per_token");
    PricePerMillion cached = b.given("cache_read_input_token_cost")
        ? perMillion(b, "cache_read_input_token_cost") : input;
    PricePerMillion write = b.given("cache_creation_input_token_cost")
        ? perMillion(b, "cache_creation_input_token_cost") : input;
    return Optional.of(new TokenPrices(input, cached, write, perMillion(b, "output_cost_per_token"),
        Optional.empty(), Money.ZERO).withAudioPerSecond(perSecond.orElse(Money.ZERO)));
  }

  /**
   * A transcription model's price per second of audio, as LiteLLM reads its fields: the output
   * price when given and not 0, else the input price (see {@code LiteLlmPriceFile}).
   */
  private static Optional<Money> perSecond(LitellmBody b) {
    Optional<Money> output = b.given("output_cost_per_second")
        ? Optional.of(LitellmBody.usd("output_cost_per_second", b.raw("output_cost_per_second")))
        : Optional.empty();
    return output.filter(m -> !m.isZero()).or(() -> b.given("input_cost_per_second")
        ? Optional.of(LitellmBody.usd("input_cost_per_second", b.raw("input_cost_per_second")))
        : output);
  }

  /** A per-token USD cost, read from its decimal text, as a price per million tokens. */
  private static PricePerMillion perMillion(LitellmBody b, String field) {
    if (!b.given(field)) {
      return PricePerMillion.FREE;
    }
    JsonNode v = b.raw(field);
    BigDecimal perToken = v.isNumber() ? v.decimalValue() : null;
    if (perToken == null || perToken.signum() < 0) {
      throw LitellmError.badRequest(field, "'" + field + "' must be a non-negative number.");
    }
    return new PricePerMillion(LitellmBody.usd(field,
        JsonNodeFactory.instance.numberNode(perToken.multiply(MILLION))));
  }

  private static ModelName name(String value) {
    Optional<String> why = ManageModels.checkName(value);
    if (why.isPresent()) {
      throw LitellmError.badRequest("model_name", "'" + value + "': " + why.get() + ".");
    }
    return ModelName.of(value);
  }

  private static ObjectNode view(LitellmCall c, ModelEntry e) {
    ModelSpec m = e.model().spec();
    ObjectNode n = c.object();
    n.put("model_name", m.name().value());
    ObjectNode params = n.putObject("litellm_params");
    params.put("model", m.upstreamName().value());
    ObjectNode info = n.putObject("model_info");
    info.put("id", m.name().value());
    info.put("db_model", e.model().origin() != ModelOrigin.CONFIGURED);
    boolean audio = e.price().map(v -> !v.prices().audioPerSecond().isZero()).orElse(false);
    info.put("mode", audio ? "audio_transcription" : "chat");
    info.put("max_output_tokens", m.maxOutputTokens());
    info.put("max_tokens", m.maxOutputTokens());
    info.put("created_at", e.model().addedAt().toString());
    if (e.price().isPresent()) {
      TokenPrices p = e.price().get().prices();
      for (ObjectNode target : List.of(params, info)) {
        target.set("input_cost_per_token", perToken(c, p.input()));
        target.set("output_cost_per_token", perToken(c, p.output()));
      }
      info.set("cache_read_input_token_cost", perToken(c, p.cachedInput()));
      info.set("cache_creation_input_token_cost", perToken(c, p.cacheWriteInput()));
      if (audio) {
        info.put("input_cost_per_second", p.audioPerSecond().toUsd().stripTrailingZeros());
      }
    } else {
      info.putNull("input_cost_per_token");
      info.putNull("output_cost_per_token");
    }
    return n;
  }

  private static JsonNode perToken(LitellmCall c, PricePerMillion price) {
    return c.object().numberNode(price.perMillionTokens().toUsd().divide(MILLION)
        .stripTrailingZeros());
  }
}
