package dev.tollgate.app.cli;

import dev.tollgate.app.report.LiteLlmPriceFile;
import dev.tollgate.app.report.PriceImport;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code tollgate prices …}: USD per million tokens, versions added and never edited. */
final class PriceCommands {

  private PriceCommands() {}

  static Group prices() {
    return new Group("prices", "Model prices in USD per million tokens; versions are only added.",
        List.of(
            new Command("list", List.of(), List.of(
                Flag.value("model", "MODEL", "only this model's versions")),
                "list every price version, oldest first", PriceCommands::list),
            new Command("add", List.of(), List.of(
                Flag.value("model", "MODEL", "the model (required)"),
                Flag.value("input", "USD", "per million input tokens (required)"),
                Flag.value("output", "USD", "per million output tokens (required)"),
                Flag.value("cached-input", "USD", "per million cache-read tokens (default: input)"),
                Flag.value("cache-write-input", "USD", "per million cache-write tokens (default:"
                    + " input)"),
                Flag.value("cache-write-1h-input", "USD", "per million 1-hour cache-write tokens"
                    + " (default: cache-write-input)"),
                Flag.value("reasoning", "USD", "per million reasoning tokens (default: output)"),
                Flag.value("request-fee", "USD", "per request (default 0)"),
                Flag.value("effective-from", "WHEN", "an instant or UTC date (default: now)")),
                "add a price version for a model", PriceCommands::add),
            new Command("import", List.of("litellm.json"), List.of(
                Flag.value("effective-from", "WHEN", "an instant or UTC date (default: now)"),
                Flag.repeated("map", "MODEL=LITELLM_NAME", "look MODEL up under this name"
                    + " (default: its upstream name)"),
                Flag.toggle("dry-run", "show what would be added, add nothing")),
                "add price versions for the served models from LiteLLM's price file",
                PriceCommands::importFile)));
  }

  private static void list(Args a, CliContext ctx) {
    Optional<ModelName> only = a.get("model", ModelName::of);
    List<List<String>> rows = new ArrayList<>();
    ctx.admin().prices().prices(ctx.actor()).forEach((model, versions) -> {
      if (only.isEmpty() || only.get().equals(model)) {
        versions.forEach(v -> rows.add(row(v)));
      }
    });
    Text.table(ctx.out(), List.of("MODEL", "EFFECTIVE_FROM", "INPUT", "CACHED_INPUT",
        "CACHE_WRITE_INPUT", "OUTPUT", "REASONING", "REQUEST_FEE"), rows);
  }

  private static List<String> row(PriceVersion v) {
    TokenPrices p = v.prices();
    return List.of(v.model().value(), v.effectiveFrom().toString(), usd(p.input()),
        usd(p.cachedInput()), usd(p.cacheWriteInput()), usd(p.output()),
        p.reasoning().map(PriceCommands::usd).orElse("=output"), Text.usd(p.requestFee()));
  }

  private static String usd(PricePerMillion p) {
    return Text.usd(p.perMillionTokens());
  }

  private static void add(Args a, CliContext ctx) {
    ModelName model = a.required("model", ModelName::of);
    PricePerMillion input = a.required("input", PricePerMillion::usd);
    PricePerMillion output = a.required("output", PricePerMillion::usd);
    PricePerMillion cacheWrite = a.get("cache-write-input", PricePerMillion::usd).orElse(input);
    TokenPrices prices = new TokenPrices(input,
        a.get("cached-input", PricePerMillion::usd).orElse(input),
        cacheWrite,
        output,
        a.get("reasoning", PricePerMillion::usd),
        Args.converted("--request-fee", a.value("request-fee").orElse("0"), PriceCommands::fee),
        a.get("cache-write-1h-input", PricePerMillion::usd).orElse(cacheWrite));
    PriceVersion version = new PriceVersion(model, effectiveFrom(a, ctx), prices);
    report(ctx, version, Outcomes.done(ctx.admin().prices().addPrice(ctx.actor(), version),
        "model '" + model.value() + "'"));
  }

  private static Money fee(String text) {
    Money fee = Money.usd(text);
    if (fee.isNegative()) {
      throw new IllegalArgumentException("must not be negative");
    }
    return fee;
  }

  private static void importFile(Args a, CliContext ctx) throws IOException {
    Path file = a.positional(0, Path::of, "litellm.json");
    Instant from = effectiveFrom(a, ctx);
    Map<ModelName, String> names = LiteLlmPriceFile.upstreamNames(ctx.models().all());
    if (names.isEmpty()) {
      throw new Refused("the store records no served models yet (the server records its"
          + " configured models when it starts); nothing to import.");
    }
    Map<ModelName, String> overrides = new LinkedHashMap<>();
    Args.converted("--map", "", s -> Parse.pairs(a.values("map")))
        .forEach((m, n) -> overrides.put(Args.converted("--map", m, ModelName::of), n));
    for (ModelName m : overrides.keySet()) {
      if (!names.containsKey(m)) {
        throw new UsageError("--map: '" + m.value() + "' is not a served model");
      }
    }
    names.putAll(overrides);
    LiteLlmPriceFile.Import found;
    try {
      found = read(file).pricesFor(names, from);
    } catch (LiteLlmPriceFile.AbsurdNumber e) {
      throw new Refused(e.getMessage() + "; nothing was imported.");
    }
    PriceImport.Outcome outcome = PriceImport.apply(ctx.admin().prices(), ctx.actor(), found,
        a.has("dry-run"));
    if (outcome.refused()) {
      outcome.problems().forEach(p -> ctx.err().println("tollgate: " + p));
      throw new Refused("the price file has " + outcome.problems().size()
          + " problem(s) for served models; nothing was imported.");
    }
    int conflicts = 0;
    for (PriceImport.Row row : outcome.rows()) {
      PriceVersion version = row.priced().version();
      switch (row.kind()) {
        case ADDED -> ctx.out().println((a.has("dry-run") ? "would add " : "added ")
            + describe(version) + (a.has("dry-run") ? " (LiteLLM '" + row.priced().litellmName()
            + "')" : ""));
        case UNCHANGED -> ctx.out().println("unchanged: " + describe(row.existing().orElseThrow())
            + " (the price in force)");
        case CONFLICT -> {
          ctx.err().println("tollgate: conflict: " + version.model().value() + " already has a"
              + " different price version from " + version.effectiveFrom() + ": "
              + describe(row.existing().orElseThrow()));
          conflicts++;
        }
      }
    }
    outcome.unpriced().forEach(m -> ctx.out().println(
        "no price in the file for served model " + m.value() + " (LiteLLM '" + names.get(m) + "')"));
    if (outcome.pricedNothing()) {
      throw new Refused("the price file prices none of the served models; nothing was imported.");
    }
    if (conflicts > 0) {
      throw new Refused(conflicts + " price version(s) were not added.");
    }
  }

  private static LiteLlmPriceFile read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return LiteLlmPriceFile.read(in);
    } catch (NoSuchFileException e) {
      throw new Refused("no such file: " + file);
    } catch (LiteLlmPriceFile.Unreadable e) {
      throw new Refused(file + ": " + e.getMessage());
    }
  }

  private static void report(CliContext ctx, PriceVersion version, AddPriceResult result) {
    switch (result) {
      case AddPriceResult.Added added -> ctx.out().println("added " + describe(version));
      case AddPriceResult.Exists exists -> ctx.out().println("already there: " + describe(version));
      case AddPriceResult.ConflictsWith c -> throw new Refused("conflict: " + version.model().value()
          + " already has a different price version from " + version.effectiveFrom() + ": "
          + describe(c.existing()));
    }
  }

  private static String describe(PriceVersion v) {
    TokenPrices p = v.prices();
    return v.model().value() + " from " + v.effectiveFrom() + ": input " + usd(p.input())
        + ", cached " + usd(p.cachedInput()) + ", cache-write " + usd(p.cacheWriteInput())
        + ", output " + usd(p.output())
        + p.reasoning().map(r -> ", reasoning " + usd(r)).orElse("") + " USD/Mtok";
  }

  private static Instant effectiveFrom(Args a, CliContext ctx) {
    return a.get("effective-from", Parse::instant).orElse(ctx.clock().instant());
  }
}
