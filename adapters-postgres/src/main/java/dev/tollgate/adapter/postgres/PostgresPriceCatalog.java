package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.CatalogMapper.PriceRow;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.AddPriceResult;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.PricePerMillion;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.port.out.PriceCatalog;
import dev.tollgate.port.out.StoreRefusedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Price versions in {@code price_versions}, keyed by (model, effective_from). Add-only: an add that
 * meets an existing version at the same instant answers Exists or ConflictsWith, never updates.
 */
public final class PostgresPriceCatalog implements PriceCatalog {

  static final int MAX_VERSIONS_PER_MODEL = 10_000;
  static final int MAX_MODELS = 100_000;

  private final Db db;

  PostgresPriceCatalog(Db db) {
    this.db = db;
  }

  @Override
  public AddPriceResult add(PriceVersion version) {
    // Compared as stored: effective_from keeps microseconds.
    PriceVersion stored =
        new PriceVersion(
            version.model(),
            PgInstantTypeHandler.storable(version.effectiveFrom()),
            version.prices());
    PriceRow row = toRow(stored);
    return db.inTransaction("add price version", tx -> {
      CatalogMapper prices = tx.mapper(CatalogMapper.class);
      if (prices.addPrice(row) == 1) {
        return new AddPriceResult.Added();
      }
      PriceVersion existing = toVersion(prices.priceAt(row.model(), row.effectiveFrom()));
      return existing.equals(stored)
          ? new AddPriceResult.Exists()
          : new AddPriceResult.ConflictsWith(existing);
    });
  }

  @Override
  public Optional<PriceVersion> inForceAt(ModelName model, Instant instant) {
    return Optional.ofNullable(
            db.read("find price in force",
                tx -> tx.mapper(CatalogMapper.class).priceInForce(model.value(), instant)))
        .map(PostgresPriceCatalog::toVersion);
  }

  @Override
  public List<PriceVersion> versions(ModelName model) {
    List<PriceRow> rows =
        db.read("list price versions",
            tx -> tx.mapper(CatalogMapper.class).prices(model.value(), MAX_VERSIONS_PER_MODEL + 1));
    if (rows.size() > MAX_VERSIONS_PER_MODEL) {
      throw new StoreRefusedException("more than " + MAX_VERSIONS_PER_MODEL + " versions");
    }
    return rows.stream().map(PostgresPriceCatalog::toVersion).toList();
  }

  @Override
  public Set<ModelName> models() {
    List<String> names =
        db.read("list priced models",
            tx -> tx.mapper(CatalogMapper.class).pricedModels(MAX_MODELS + 1));
    if (names.size() > MAX_MODELS) {
      throw new StoreRefusedException("more than " + MAX_MODELS + " priced models");
    }
    return names.stream().map(ModelName::of).collect(Collectors.toUnmodifiableSet());
  }

  private static PriceRow toRow(PriceVersion v) {
    TokenPrices p = v.prices();
    return new PriceRow(
        v.model().value(),
        v.effectiveFrom(),
        nanos(p.input()),
        nanos(p.cachedInput()),
        nanos(p.cacheWriteInput()),
        nanos(p.output()),
        p.reasoning().map(PostgresPriceCatalog::nanos).orElse(null),
        p.requestFee().nanoUsd(),
        nanos(p.cacheWrite1hInput()),
        p.audioPerSecond().nanoUsd());
  }

  private static PriceVersion toVersion(PriceRow r) {
    TokenPrices prices =
        new TokenPrices(
            perMillion(r.inputNanoUsdPerMtok()),
            perMillion(r.cachedInputNanoUsdPerMtok()),
            perMillion(r.cacheWriteInputNanoUsdPerMtok()),
            perMillion(r.outputNanoUsdPerMtok()),
            Optional.ofNullable(r.reasoningNanoUsdPerMtok()).map(PostgresPriceCatalog::perMillion),
            Money.ofNanoUsd(r.requestFeeNanoUsd()));
    if (r.cacheWrite1hInputNanoUsdPerMtok() != null) {
      prices = prices.withCacheWrite1hInput(perMillion(r.cacheWrite1hInputNanoUsdPerMtok()));
    }
    return new PriceVersion(ModelName.of(r.model()), r.effectiveFrom(),
        prices.withAudioPerSecond(Money.ofNanoUsd(r.audioNanoUsdPerSecond())));
  }

  private static long nanos(PricePerMillion price) {
    return price.perMillionTokens().nanoUsd();
  }

  private static PricePerMillion perMillion(long nanoUsd) {
    return new PricePerMillion(Money.ofNanoUsd(nanoUsd));
  }
}
