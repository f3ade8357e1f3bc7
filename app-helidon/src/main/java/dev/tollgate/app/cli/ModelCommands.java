package dev.tollgate.app.cli;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ManageModels.AddModel;
import dev.tollgate.port.in.admin.ManageModels.ModelChange;
import dev.tollgate.port.in.admin.ManageModels.ModelEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate models …}: served models at run time, stored in the database; every replica
 * serves a change within a few seconds (docs/admin.md, "Models").
 */
final class ModelCommands {

  /** What a model gets when no output cap is given: configuration's default too. */
  static final long DEFAULT_MAX_OUTPUT_TOKENS = 4_096;

  private ModelCommands() {}

  @Command(name = "models",
      description = "Served models: added, changed and removed at run time; configured ones are"
          + " changed in configuration.",
      subcommands = {ListModels.class, Show.class, Add.class, Update.class, Remove.class})
  static final class Models extends AdminCommand.Group {}

  @Command(name = "list", description = "list the served models with the price in force now")
  static final class ListModels extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT",
        description = "only the models this tenant may use")
    Optional<TenantId> tenant = Optional.empty();

    @Override
    void run(CliContext ctx) {
      List<ModelEntry> entries = Outcomes.done(ctx.admin().models().models(ctx.actor(), tenant),
          tenant.map(t -> "tenant '" + t.value() + "'").orElse("models"));
      Text.table(ctx.out(), List.of("NAME", "UPSTREAM", "MAX_OUTPUT_TOKENS", "ORIGIN", "INPUT",
          "OUTPUT"), entries.stream().map(ModelCommands::row).toList());
    }
  }

  @Command(name = "show", description = "show one served model")
  static final class Show extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<model>", description = "the model's name")
    ModelName name;

    @Override
    void run(CliContext ctx) {
      print(ctx, Outcomes.done(ctx.admin().models().model(ctx.actor(), name), subject(name)));
    }
  }

  /** The price options add and update share: both rates, or neither. */
  abstract static class PricedCommand extends AdminCommand {
    @Option(names = "--input", paramLabel = "USD",
        description = "price per million input tokens, from now (with --output)")
    Optional<PricePerMillion> input = Optional.empty();

    @Option(names = "--output", paramLabel = "USD",
        description = "price per million output tokens, from now (with --input)")
    Optional<PricePerMillion> output = Optional.empty();

    @Option(names = "--cached-input", paramLabel = "USD",
        description = "per million cache-read tokens (default: input); other rates: prices add")
    Optional<PricePerMillion> cachedInput = Optional.empty();

    Optional<TokenPrices> prices() {
      if (input.isEmpty() && output.isEmpty()) {
        if (cachedInput.isPresent()) {
          throw new UsageError("--cached-input needs --input and --output");
        }
        return Optional.empty();
      }
      PricePerMillion in = input.orElseThrow(() -> new UsageError("--output needs --input"));
      PricePerMillion out = output.orElseThrow(() -> new UsageError("--input needs --output"));
      return Optional.of(new TokenPrices(in, cachedInput.orElse(in), in, out, Optional.empty(),
          Money.ZERO));
    }
  }

  @Command(name = "add", description = "serve a model from now on")
  static final class Add extends PricedCommand {
    @Parameters(index = "0", paramLabel = "<model>",
        description = "the name clients put in 'model' (may hold '/')")
    ModelName name;

    @Option(names = "--upstream", paramLabel = "NAME",
        description = "the name the data plane routes on (default: the model's name)")
    Optional<ModelName> upstream = Optional.empty();

    @Option(names = "--max-output-tokens", paramLabel = "N",
        description = "the most tokens one request may generate (default "
            + DEFAULT_MAX_OUTPUT_TOKENS + ")")
    Optional<Long> maxOutputTokens = Optional.empty();

    @Override
    void run(CliContext ctx) {
      ModelSpec spec = UsageError.checked("--max-output-tokens", () -> new ModelSpec(name,
          upstream.orElse(name), maxOutputTokens.orElse(DEFAULT_MAX_OUTPUT_TOKENS)));
      ModelEntry added = Outcomes.done(ctx.admin().models().addModel(ctx.actor(),
          new AddModel(spec, prices())), subject(name));
      ctx.out().println("added " + describe(added));
    }
  }

  @Command(name = "update",
      description = "change a run-time model's upstream, output cap or price (a configured"
          + " model: its price only)")
  static final class Update extends PricedCommand {
    @Parameters(index = "0", paramLabel = "<model>", description = "the model's name")
    ModelName name;

    @Option(names = "--upstream", paramLabel = "NAME", description = "the new upstream name")
    Optional<ModelName> upstream = Optional.empty();

    @Option(names = "--max-output-tokens", paramLabel = "N", description = "the new output cap")
    Optional<Long> maxOutputTokens = Optional.empty();

    @Override
    void run(CliContext ctx) {
      Optional<TokenPrices> prices = prices();
      if (upstream.isEmpty() && maxOutputTokens.isEmpty() && prices.isEmpty()) {
        throw new UsageError("nothing to change: give --upstream, --max-output-tokens or a price");
      }
      long cap = maxOutputTokens.orElse(1L);
      if (cap < 1 || cap > ModelSpec.MAX_OUTPUT_TOKENS_CEILING) {
        throw new UsageError("--max-output-tokens must be 1.." + ModelSpec.MAX_OUTPUT_TOKENS_CEILING);
      }
      ModelEntry updated = Outcomes.done(ctx.admin().models().updateModel(ctx.actor(),
          new ModelChange(name, upstream, maxOutputTokens.map(OptionalLong::of)
              .orElse(OptionalLong.empty()), prices)), subject(name));
      ctx.out().println("updated " + describe(updated));
    }
  }

  @Command(name = "remove",
      description = "stop serving a run-time model; admitted requests finish, its prices stay")
  static final class Remove extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<model>", description = "the model's name")
    ModelName name;

    @Override
    void run(CliContext ctx) {
      ModelEntry removed = Outcomes.done(ctx.admin().models().removeModel(ctx.actor(), name),
          subject(name));
      ctx.out().println("removed " + removed.model().name().value());
    }
  }

  private static String subject(ModelName name) {
    return "model '" + name.value() + "'";
  }

  private static List<String> row(ModelEntry e) {
    ModelSpec s = e.model().spec();
    return List.of(s.name().value(), s.upstreamName().value(), Long.toString(s.maxOutputTokens()),
        e.model().origin().wireName(), e.price().map(p -> usd(p.prices().input())).orElse("-"),
        e.price().map(p -> usd(p.prices().output())).orElse("-"));
  }

  private static String describe(ModelEntry e) {
    ModelSpec s = e.model().spec();
    return s.name().value() + " (upstream " + s.upstreamName().value() + ", output cap "
        + s.maxOutputTokens() + ", " + e.model().origin().wireName() + "): "
        + e.price().map(ModelCommands::price).orElse("no price yet: not callable until it has one");
  }

  private static String price(PriceVersion p) {
    return "input " + usd(p.prices().input()) + ", output " + usd(p.prices().output())
        + " USD/Mtok from " + p.effectiveFrom();
  }

  private static void print(CliContext ctx, ModelEntry e) {
    ModelSpec s = e.model().spec();
    Text.fields(ctx.out(), List.of(
        Map.entry("model", s.name().value()),
        Map.entry("upstream", s.upstreamName().value()),
        Map.entry("max_output_tokens", Long.toString(s.maxOutputTokens())),
        Map.entry("origin", e.model().origin().wireName()),
        Map.entry("added", e.model().addedAt().toString()),
        Map.entry("price", e.price().map(ModelCommands::price).orElse("none"))));
  }

  private static String usd(PricePerMillion p) {
    return Text.usd(p.perMillionTokens());
  }
}
