package dev.tollgate.service;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.litellm.LitellmSnapshot;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models LiteLLM served from its database ({@code LiteLLM_ProxyModelTable}), with the prices it
 * was given, into the model and price catalogs. A model Tollgate already serves (from its
 * configuration, or a run before) is left as it is; so is a price already in force.
 */
final class LitellmModelImport {

  /** What a model gets as its output cap when LiteLLM names none. */
  static final long DEFAULT_MAX_OUTPUT_TOKENS = 4_096;
  /**
   * {@code provider/model}: LiteLLM's own routing prefix, which the data plane does not want.
   * Anything else (recent LiteLLM versions encrypt these values) is not read as a model name.
   */
  private static final Pattern PROVIDER_MODEL =
      Pattern.compile("[a-z][a-z0-9_\\-]{0,31}/[A-Za-z0-9._:@\\-/]{1,200}");

  private final ModelCatalog models;
  private final PriceCatalog prices;
  private final ImportLines lines;
  private final Instant now;

  LitellmModelImport(ModelCatalog models, PriceCatalog prices, ImportLines lines, Instant now) {
    this.models = models;
    this.prices = prices;
    this.lines = lines;
    this.now = now;
  }

  void importModel(LitellmSnapshot.Model m) {
    String source = "model " + m.name();
    ModelName name;
    try {
      name = ModelName.of(m.name());
    } catch (IllegalArgumentException e) {
      lines.skipped("model", source, e.getMessage());
      return;
    }
    if (models.find(name).isPresent()) {
      lines.exists("model", source, name.value(), "already served");
    } else {
      ModelName upstream = m.upstream().filter(u -> PROVIDER_MODEL.matcher(u).matches())
          .map(u -> ModelName.of(u.substring(u.indexOf('/') + 1))).orElse(name);
      long cap = Math.min(Math.max(m.maxOutputTokens().orElse(DEFAULT_MAX_OUTPUT_TOKENS), 1),
          ModelSpec.MAX_OUTPUT_TOKENS_CEILING);
      if (!lines.dryRun()) {
        models.add(new ModelSpec(name, upstream, cap), ModelOrigin.IMPORTED, now);
      }
      lines.imported("model", source, name.value(), "upstream " + upstream + ", output cap " + cap
          + (m.maxOutputTokens().isEmpty() ? " (LiteLLM named none)" : ""));
    }
    price(m, name, source);
  }

  private void price(LitellmSnapshot.Model m, ModelName name, String source) {
    if (m.inputCostPerToken().isEmpty() && m.outputCostPerToken().isEmpty()) {
      lines.note("price", source, name.value(), "LiteLLM gave it no price; add one with"
          + " `tollgate prices add` or `tollgate prices import` before it can be called");
      return;
    }
    if (prices.inForceAt(name, now).isPresent()) {
      lines.exists("price", source, name.value(), "a price is already in force");
      return;
    }
    Optional<PricePerMillion> input = m.inputCostPerToken().map(LitellmDollars::perMillion)
        .orElse(Optional.of(PricePerMillion.FREE));
    Optional<PricePerMillion> output = m.outputCostPerToken().map(LitellmDollars::perMillion)
        .orElse(Optional.of(PricePerMillion.FREE));
    if (input.isEmpty() || output.isEmpty()) {
      lines.skipped("price", source, "a price per token too large for nano-USD per million");
      return;
    }
    TokenPrices tokenPrices = TokenPrices.of(input.get(), output.get());
    if (!lines.dryRun()) {
      prices.add(new PriceVersion(name, now, tokenPrices));
    }
    lines.imported("price", source, name.value(), "input $" + input.get().perMillionTokens()
        .toPlainUsd() + ", output $" + output.get().perMillionTokens().toPlainUsd()
        + " per million tokens from " + now);
  }
}
