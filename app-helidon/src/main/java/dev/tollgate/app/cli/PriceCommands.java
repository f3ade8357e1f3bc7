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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate prices …}: USD per million tokens, versions added and never edited. */
final class PriceCommands {

  private PriceCommands() {}

  @Command(name = "prices",
      description = "Model prices in USD per million tokens; versions are only added.",
      subcommands = {ListPrices.class, Add.class, Import.class})
  static final class Prices extends AdminCommand.Group {}

  @Command(name = "list", description = "list every price version, oldest first")
  static final class ListPrices extends AdminCommand {
    @Option(names = "--model", paramLabel = "MODEL", description = "only this model's versions")
    Optional<ModelName> only = Optional.empty();

    @Override
    void run(CliContext ctx) {
      List<List<String>> rows = new ArrayList<>();
      ctx.admin().prices().prices(ctx.actor()).forEach((model, versions) -> {
        if (only.isEmpty() || only.get().equals(model)) {
          versions.forEach(v -> rows.add(row(v)));
        }
      });
      Text.table(ctx.out(), List.of("MODEL", "EFFECTIVE_FROM", "INPUT", "CACHED_INPUT",
          "CACHE_WRITE_INPUT", "OUTPUT", "REASONING", "REQUEST_FEE", "AUDIO_PER_SECOND"), rows);
    }
  }

  @Command(name = "add", description = "add a price version for a model")
  static final class Add extends AdminCommand {
    @Option(names = "--model", paramLabel = "MODEL", description = "the model (required)")
    Optional<ModelName> model = Optional.empty();

    @Option(names = "--input", paramLabel = "USD", description = "per million input tokens (required)")
    Optional<PricePerMillion> input = Optional.empty();

    @Option(names = "--output", paramLabel = "USD",
        description = "per million output tokens (required)")
    Optional<PricePerMillion> output = Optional.empty();

    @Option(names = "--cached-input", paramLabel = "USD",
        description = "per million cache-read tokens (default: input)")
    Optional<PricePerMillion> cachedInput = Optional.empty();

    @Option(names = "--cache-write-input", paramLabel = "USD",
        description = "per million cache-write tokens (default: input)")
    Optional<PricePerMillion> cacheWriteInput = Optional.empty();

    @Option(names = "--cache-write-1h-input", paramLabel = "USD",
        description = "per million 1-hour cache-write tokens (default: cache-write-input)")
    Optional<PricePerMillion> cacheWrite1hInput = Optional.empty();

    @Option(names = "--reasoning", paramLabel = "USD",
        description = "per million reasoning tokens (default: output)")
    Optional<PricePerMillion> reasoning = Optional.empty();

    @Option(names = "--request-fee", paramLabel = "USD", description = "per request (default 0)")
    Optional<String> requestFee = Optional.empty();

    @Option(names = "--audio-per-second", paramLabel = "USD",
        description = "per second of audio a transcription reads (default 0; with it, --input and"
            + " --output default to 0)")
    Optional<String> audioPerSecond = Optional.empty();

    @Option(names = "--effective-from", paramLabel = "WHEN",
        description = "an instant or UTC date (default: now)")
    Optional<Instant> effectiveFrom = Optional.empty();

    @Override
    void run(CliContext ctx) {
      ModelName m = model.orElseThrow(() -> new UsageError("--model is required"));
      Optional<Money> audio = audioPerSecond.map(
          a -> UsageError.checked("--audio-per-second", () -> fee(a)));
      PricePerMillion in = input.or(() -> audio.map(a -> PricePerMillion.FREE))
          .orElseThrow(() -> new UsageError("--input is required"));
      PricePerMillion out = output.or(() -> audio.map(a -> PricePerMillion.FREE))
          .orElseThrow(() -> new UsageError("--output is required"));
      PricePerMillion cacheWrite = cacheWriteInput.orElse(in);
      TokenPrices prices = new TokenPrices(in, cachedInput.orElse(in), cacheWrite, out, reasoning,
          UsageError.checked("--request-fee", () -> fee(requestFee.orElse("0"))),
          cacheWrite1hInput.orElse(cacheWrite)).withAudioPerSecond(audio.orElse(Money.ZERO));
      PriceVersion version =
          new PriceVersion(m, effectiveFrom.orElse(ctx.clock().instant()), prices);
      report(ctx, version, Outcomes.done(ctx.admin().prices().addPrice(ctx.actor(), version),
          "model '" + m.value() + "'"));
    }
  }

  private static List<String> row(PriceVersion v) {
    TokenPrices p = v.prices();
    return List.of(v.model().value(), v.effectiveFrom().toString(), usd(p.input()),
        usd(p.cachedInput()), usd(p.cacheWriteInput()), usd(p.output()),
        p.reasoning().map(PriceCommands::usd).orElse("=output"), Text.usd(p.requestFee()),
        Text.usd(p.audioPerSecond()));
  }

  private static String usd(PricePerMillion p) {
    return Text.usd(p.perMillionTokens());
  }

  private static Money fee(String text) {
    Money fee = Money.usd(text);
    if (fee.isNegative()) {
      throw new IllegalArgumentException("must not be negative");
    }
    return fee;
  }

  @Command(name = "import",
      description = "add price versions for the served models from LiteLLM's price file")
  static final class Import extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<litellm.json>",
        description = "LiteLLM's model_prices_and_context_window.json")
    Path file;

    @Option(names = "--effective-from", paramLabel = "WHEN",
        description = "an instant or UTC date (default: now)")
    Optional<Instant> effectiveFrom = Optional.empty();

    @Option(names = "--map", paramLabel = "MODEL=LITELLM_NAME",
        description = "look MODEL up under this name (default: its upstream name)")
    List<String> map;

    @Option(names = "--dry-run", description = "show what would be added, add nothing")
    boolean dryRun;

    @Override
    void run(CliContext ctx) throws IOException {
      Instant from = effectiveFrom.orElse(ctx.clock().instant());
      Map<ModelName, String> names = LiteLlmPriceFile.upstreamNames(ctx.models().all());
      if (names.isEmpty()) {
        throw new Refused("the store records no served models yet (the server records its"
            + " configured models when it starts); nothing to import.");
      }
      Map<ModelName, String> overrides = new LinkedHashMap<>();
      UsageError.checked("--map", () -> Parse.pairs(map == null ? List.of() : map))
          .forEach((m, n) -> overrides.put(UsageError.checked("--map", () -> ModelName.of(m)), n));
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
          dryRun);
      if (outcome.refused()) {
        outcome.problems().forEach(p -> ctx.err().println("tollgate: " + p));
        throw new Refused("the price file has " + outcome.problems().size()
            + " problem(s) for served models; nothing was imported.");
      }
      int conflicts = 0;
      for (PriceImport.Row row : outcome.rows()) {
        PriceVersion version = row.priced().version();
        switch (row.kind()) {
          case ADDED -> ctx.out().println((dryRun ? "would add " : "added ")
              + describe(version) + (dryRun ? " (LiteLLM '" + row.priced().litellmName()
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
        + p.reasoning().map(r -> ", reasoning " + usd(r)).orElse("") + " USD/Mtok"
        + (p.audioPerSecond().isZero() ? "" : ", audio " + p.audioPerSecond().toPlainUsd()
            + " USD/s");
  }
}
