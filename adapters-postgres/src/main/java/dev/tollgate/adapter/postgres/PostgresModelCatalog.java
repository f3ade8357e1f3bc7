package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.CatalogMapper.ModelRow;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import java.time.Instant;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.StoreRefusedException;
import java.util.List;
import java.util.Optional;

/** Served models in {@code models}, by name. */
public final class PostgresModelCatalog implements ModelCatalog {

  /** A platform serves tens of models; a catalog past this bound is refused, not half-read. */
  static final int MAX_MODELS = 10_000;

  private final Db db;

  PostgresModelCatalog(Db db) {
    this.db = db;
  }

  @Override
  public void put(ModelSpec model, Instant now) {
    ModelRow row = new ModelRow(
        model.name().value(), model.upstreamName().value(), model.maxOutputTokens(), now);
    db.read("put model", tx -> tx.mapper(CatalogMapper.class).putModel(row));
  }

  @Override
  public Optional<ModelSpec> find(ModelName name) {
    return Optional.ofNullable(
            db.read("find model", tx -> tx.mapper(CatalogMapper.class).model(name.value())))
        .map(PostgresModelCatalog::toSpec);
  }

  @Override
  public List<ModelSpec> all() {
    return served().stream().map(ServedModel::spec).toList();
  }

  @Override
  public List<ServedModel> served() {
    List<ModelRow> rows =
        db.read("list models", tx -> tx.mapper(CatalogMapper.class).models(MAX_MODELS + 1));
    if (rows.size() > MAX_MODELS) {
      throw new StoreRefusedException("more than " + MAX_MODELS + " models are stored");
    }
    return rows.stream().map(r -> new ServedModel(toSpec(r), r.addedAt())).toList();
  }

  private static ModelSpec toSpec(ModelRow row) {
    return new ModelSpec(
        ModelName.of(row.name()), ModelName.of(row.upstreamName()), row.maxOutputTokens());
  }
}
