package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.CatalogMapper.ModelRow;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelOrigin;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.ServedModel;
import dev.tollgate.port.out.ModelCatalog;
import dev.tollgate.port.out.StoreRefusedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Served models in {@code models}, by name; each change one statement. */
public final class PostgresModelCatalog implements ModelCatalog {

  /** A platform serves tens of models; a catalog past this bound is refused, not half-read. */
  static final int MAX_MODELS = 10_000;

  private final Db db;

  PostgresModelCatalog(Db db) {
    this.db = db;
  }

  @Override
  public void seed(ModelSpec model, Instant now) {
    ModelRow row = row(model, now, ModelOrigin.CONFIGURED);
    db.read("seed model", tx -> tx.mapper(CatalogMapper.class).seedModel(row));
  }

  @Override
  public boolean add(ModelSpec model, ModelOrigin origin, Instant now) {
    ModelRow row = row(model, now, origin);
    return db.read("add model", tx -> tx.mapper(CatalogMapper.class).addModel(row)) == 1;
  }

  @Override
  public Optional<ServedModel> update(ModelSpec model) {
    return Optional.ofNullable(db.read("update model", tx -> tx.mapper(CatalogMapper.class)
            .updateModel(model.name().value(), model.upstreamName().value(),
                model.maxOutputTokens())))
        .map(PostgresModelCatalog::toServed);
  }

  @Override
  public Optional<ServedModel> remove(ModelName name) {
    return Optional.ofNullable(db.read("remove model",
            tx -> tx.mapper(CatalogMapper.class).removeModel(name.value())))
        .map(PostgresModelCatalog::toServed);
  }

  @Override
  public Optional<ModelSpec> find(ModelName name) {
    return model(name).map(ServedModel::spec);
  }

  @Override
  public Optional<ServedModel> model(ModelName name) {
    return Optional.ofNullable(
            db.read("find model", tx -> tx.mapper(CatalogMapper.class).model(name.value())))
        .map(PostgresModelCatalog::toServed);
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
    return rows.stream().map(PostgresModelCatalog::toServed).toList();
  }

  private static ModelRow row(ModelSpec model, Instant now, ModelOrigin origin) {
    return new ModelRow(model.name().value(), model.upstreamName().value(),
        model.maxOutputTokens(), now, origin.wireName());
  }

  private static ServedModel toServed(ModelRow row) {
    ModelSpec spec = new ModelSpec(
        ModelName.of(row.name()), ModelName.of(row.upstreamName()), row.maxOutputTokens());
    ModelOrigin origin = ModelOrigin.fromWire(row.origin()).orElseThrow(() ->
        new StoreRefusedException("model " + row.name() + " has an unknown origin " + row.origin()));
    return new ServedModel(spec, row.addedAt(), origin);
  }
}
