package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.service.Administration;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /model/info}: the served models in LiteLLM's shape, each with the price in force as
 * LiteLLM's per-token costs (exact decimals: the price per million tokens divided by a million).
 */
final class ModelEndpoints {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Administration admin;

  ModelEndpoints(Administration admin) {
    this.admin = admin;
  }

  List<LitellmRoute> routes() {
    return List.of(get("/model/info", this::info));
  }

  private void info(LitellmCall c) {
    c.onlyQuery(Set.of("litellm_model_id", "team_id", "user_id"));
    Optional<String> only = c.query("litellm_model_id", 256);
    Map<ModelName, List<PriceVersion>> prices = admin.prices().prices(c.actor());
    ArrayNode data = c.array();
    admin.prices().servedModels(c.actor()).stream()
        .sorted(Comparator.comparing(m -> m.name().value()))
        .filter(m -> only.map(id -> id.equals(m.name().value())).orElse(true))
        .forEach(m -> data.add(model(c, m, priceOf(prices, m, c))));
    if (only.isPresent() && data.isEmpty()) {
      throw LitellmError.notFound("Model");
    }
    c.json(c.object().set("data", data));
  }

  private static Optional<PriceVersion> priceOf(Map<ModelName, List<PriceVersion>> prices,
      ModelSpec m, LitellmCall c) {
    List<PriceVersion> versions = prices.getOrDefault(m.name(),
        prices.getOrDefault(m.upstreamName(), List.of()));
    return versions.stream().filter(v -> !v.effectiveFrom().isAfter(c.now()))
        .max(Comparator.comparing(PriceVersion::effectiveFrom));
  }

  private static ObjectNode model(LitellmCall c, ModelSpec m, Optional<PriceVersion> price) {
    ObjectNode n = c.object();
    n.put("model_name", m.name().value());
    ObjectNode params = n.putObject("litellm_params");
    params.put("model", m.upstreamName().value());
    ObjectNode info = n.putObject("model_info");
    info.put("id", m.name().value());
    info.put("db_model", false);
    info.put("mode", "chat");
    info.put("max_output_tokens", m.maxOutputTokens());
    info.put("max_tokens", m.maxOutputTokens());
    if (price.isPresent()) {
      var p = price.get().prices();
      for (ObjectNode target : List.of(params, info)) {
        target.set("input_cost_per_token", perToken(c, p.input().perMillionTokens()));
        target.set("output_cost_per_token", perToken(c, p.output().perMillionTokens()));
      }
      info.set("cache_read_input_token_cost", perToken(c, p.cachedInput().perMillionTokens()));
      info.set("cache_creation_input_token_cost",
          perToken(c, p.cacheWriteInput().perMillionTokens()));
    } else {
      info.putNull("input_cost_per_token");
      info.putNull("output_cost_per_token");
    }
    return n;
  }

  private static com.fasterxml.jackson.databind.JsonNode perToken(LitellmCall c, Money perMillion) {
    return c.object().numberNode(perMillion.toUsd().divide(MILLION).stripTrailingZeros());
  }
}
