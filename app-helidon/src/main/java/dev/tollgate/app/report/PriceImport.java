package dev.tollgate.app.report;

import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManagePrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for importing a price file, which the CLI and the admin API both run: a file with
 * any problem for a served model imports nothing (a half-imported file is harder to reason about
 * than none); a model whose price in force at the import's start is already the file's is
 * {@link Kind#UNCHANGED} and gets no new version (importing the same file twice adds nothing);
 * any other priced model gets a version, or is a {@link Kind#CONFLICT} when another version starts
 * at the same instant.
 */
public final class PriceImport {

  /** What happened to one priced model. */
  public enum Kind { ADDED, UNCHANGED, CONFLICT }

  /** One priced model's outcome; {@code existing} is the version it matched or conflicted with. */
  public record Row(LiteLlmPriceFile.Priced priced, Kind kind, Optional<PriceVersion> existing) {}

  /**
   * @param rows one per priced model; empty when the file was refused for its problems
   * @param refused true when the file had problems and nothing was imported
   */
  public record Outcome(List<Row> rows, List<ModelName> unpriced, List<String> problems,
      boolean refused) {
    public Outcome {
      rows = List.copyOf(rows);
      unpriced = List.copyOf(unpriced);
      problems = List.copyOf(problems);
    }

    /** No served model had a usable price in the file. */
    public boolean pricedNothing() {
      return rows.isEmpty();
    }
  }

  private PriceImport() {}

  /**
   * Applies {@code found}; with {@code dryRun}, decides the same way and adds nothing (a model
   * that would be added is reported {@link Kind#ADDED}).
   */
  public static Outcome apply(
      ManagePrices prices, Actor actor, LiteLlmPriceFile.Import found, boolean dryRun) {
    if (!found.problems().isEmpty()) {
      return new Outcome(List.of(), found.unpriced(), found.problems(), true);
    }
    List<Row> rows = new ArrayList<>();
    var current = prices.prices(actor);
    for (LiteLlmPriceFile.Priced p : found.priced()) {
      PriceVersion version = p.version();
      Optional<PriceVersion> inForce =
          inForceAt(current.getOrDefault(version.model(), List.of()), version);
      if (inForce.filter(v -> v.prices().equals(version.prices())).isPresent()) {
        rows.add(new Row(p, Kind.UNCHANGED, inForce));
      } else if (dryRun) {
        rows.add(new Row(p, Kind.ADDED, Optional.empty()));
      } else {
        rows.add(add(prices, actor, p));
      }
    }
    return new Outcome(rows, found.unpriced(), found.problems(), false);
  }

  private static Row add(ManagePrices prices, Actor actor, LiteLlmPriceFile.Priced p) {
    AdminResult<AddPriceResult> result = prices.addPrice(actor, p.version());
    if (!(result instanceof AdminResult.Done<AddPriceResult> done)) {
      throw new IllegalStateException("adding a price was refused: " + result);
    }
    return switch (done.value()) {
      case AddPriceResult.Added a -> new Row(p, Kind.ADDED, Optional.empty());
      case AddPriceResult.Exists e -> new Row(p, Kind.UNCHANGED, Optional.of(p.version()));
      case AddPriceResult.ConflictsWith c -> new Row(p, Kind.CONFLICT, Optional.of(c.existing()));
    };
  }

  /** The latest version starting at or before {@code version}'s start (versions oldest first). */
  private static Optional<PriceVersion> inForceAt(List<PriceVersion> versions, PriceVersion version) {
    PriceVersion found = null;
    for (PriceVersion v : versions) {
      if (!v.effectiveFrom().isAfter(version.effectiveFrom())) {
        found = v;
      }
    }
    return Optional.ofNullable(found);
  }
}
