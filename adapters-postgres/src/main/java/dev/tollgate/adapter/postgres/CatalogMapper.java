package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of the read-mostly catalogs: served models, price versions, tenant policies. */
interface CatalogMapper {

  /** A row of {@code models}; origin as {@code ModelOrigin.wireName()}. */
  record ModelRow(String name, String upstreamName, long maxOutputTokens, Instant addedAt,
      String origin) {}

  /**
   * A row of {@code price_versions}; a null reasoning rate means the output rate, a null 1-hour
   * cache-write rate the default cache-write rate; audio by the second 0 when the model has no
   * such price.
   */
  record PriceRow(
      String model,
      Instant effectiveFrom,
      long inputNanoUsdPerMtok,
      long cachedInputNanoUsdPerMtok,
      long cacheWriteInputNanoUsdPerMtok,
      long outputNanoUsdPerMtok,
      Long reasoningNanoUsdPerMtok,
      long requestFeeNanoUsd,
      Long cacheWrite1hInputNanoUsdPerMtok,
      long audioNanoUsdPerSecond) {}

  /** A row of {@code tenant_policies}: aliasNames[i] means aliasModels[i]. */
  record PolicyRow(
      String tenantId,
      String[] allowedModels,
      String[] aliasNames,
      String[] aliasModels,
      String objective,
      String fairnessId,
      boolean active,
      String whenExhausted,
      long minOutputTokens,
      String pastSoftBudget,
      String demotedObjective,
      boolean endUserBudgets,
      boolean trustedUserHeaders,
      String[] allowedTags,
      boolean tagBudgets) {}

  String MODEL_COLUMNS = "name, upstream_name, max_output_tokens, added_at, origin";

  /** Configuration's: replaces any model of this name, which becomes configured. */
  @Insert(
      "INSERT INTO ${schema}.models (" + MODEL_COLUMNS + ")"
          + " VALUES (#{name}, #{upstreamName}, #{maxOutputTokens}, #{addedAt}, 'configured')"
          + " ON CONFLICT (name) DO UPDATE SET upstream_name = EXCLUDED.upstream_name,"
          + " max_output_tokens = EXCLUDED.max_output_tokens, origin = 'configured'")
  int seedModel(ModelRow row);

  /** 0 when a model of this name exists already. */
  @Insert(
      "INSERT INTO ${schema}.models (" + MODEL_COLUMNS + ")"
          + " VALUES (#{name}, #{upstreamName}, #{maxOutputTokens}, #{addedAt}, #{origin})"
          + " ON CONFLICT (name) DO NOTHING")
  int addModel(ModelRow row);

  @Select(
      "UPDATE ${schema}.models SET upstream_name = #{upstreamName},"
          + " max_output_tokens = #{maxOutputTokens} WHERE name = #{name}"
          + " RETURNING " + MODEL_COLUMNS)
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  ModelRow updateModel(@Param("name") String name, @Param("upstreamName") String upstreamName,
      @Param("maxOutputTokens") long maxOutputTokens);

  @Select("DELETE FROM ${schema}.models WHERE name = #{name} RETURNING " + MODEL_COLUMNS)
  @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
  ModelRow removeModel(@Param("name") String name);

  @Select("SELECT " + MODEL_COLUMNS + " FROM ${schema}.models WHERE name = #{name}")
  ModelRow model(@Param("name") String name);

  @Select("SELECT " + MODEL_COLUMNS + " FROM ${schema}.models ORDER BY name LIMIT #{limit}")
  List<ModelRow> models(@Param("limit") int limit);

  String PRICE_COLUMNS =
      "model, effective_from, input_nano_usd_per_mtok, cached_input_nano_usd_per_mtok,"
          + " cache_write_input_nano_usd_per_mtok, output_nano_usd_per_mtok,"
          + " reasoning_nano_usd_per_mtok, request_fee_nano_usd,"
          + " cache_write_1h_input_nano_usd_per_mtok, audio_nano_usd_per_second";

  /** Add-only: 0 when a version of the model already starts at that instant. */
  @Insert(
      "INSERT INTO ${schema}.price_versions (" + PRICE_COLUMNS + ") VALUES (#{model},"
          + " #{effectiveFrom}, #{inputNanoUsdPerMtok}, #{cachedInputNanoUsdPerMtok},"
          + " #{cacheWriteInputNanoUsdPerMtok}, #{outputNanoUsdPerMtok},"
          + " #{reasoningNanoUsdPerMtok}, #{requestFeeNanoUsd},"
          + " #{cacheWrite1hInputNanoUsdPerMtok}, #{audioNanoUsdPerSecond})"
          + " ON CONFLICT (model, effective_from) DO NOTHING")
  int addPrice(PriceRow row);

  @Select(
      "SELECT " + PRICE_COLUMNS + " FROM ${schema}.price_versions"
          + " WHERE model = #{model} AND effective_from = #{at}")
  PriceRow priceAt(@Param("model") String model, @Param("at") Instant at);

  @Select(
      "SELECT " + PRICE_COLUMNS + " FROM ${schema}.price_versions"
          + " WHERE model = #{model} AND effective_from <= #{at}"
          + " ORDER BY effective_from DESC LIMIT 1")
  PriceRow priceInForce(@Param("model") String model, @Param("at") Instant at);

  @Select(
      "SELECT " + PRICE_COLUMNS + " FROM ${schema}.price_versions WHERE model = #{model}"
          + " ORDER BY effective_from LIMIT #{limit}")
  List<PriceRow> prices(@Param("model") String model, @Param("limit") int limit);

  @Select("SELECT DISTINCT model FROM ${schema}.price_versions LIMIT #{limit}")
  List<String> pricedModels(@Param("limit") int limit);

  @Insert(
      "INSERT INTO ${schema}.tenant_policies (tenant_id, allowed_models, alias_names,"
          + " alias_models, objective, fairness_id, active, when_exhausted, min_output_tokens,"
          + " past_soft_budget, demoted_objective, end_user_budgets, trusted_user_headers,"
          + " allowed_tags, tag_budgets) VALUES (#{tenantId},"
          + " #{allowedModels}, #{aliasNames}, #{aliasModels}, #{objective}, #{fairnessId},"
          + " #{active}, #{whenExhausted}, #{minOutputTokens}, #{pastSoftBudget},"
          + " #{demotedObjective}, #{endUserBudgets}, #{trustedUserHeaders}, #{allowedTags},"
          + " #{tagBudgets})"
          + " ON CONFLICT (tenant_id) DO UPDATE SET allowed_models = EXCLUDED.allowed_models,"
          + " alias_names = EXCLUDED.alias_names, alias_models = EXCLUDED.alias_models,"
          + " objective = EXCLUDED.objective, fairness_id = EXCLUDED.fairness_id,"
          + " active = EXCLUDED.active, when_exhausted = EXCLUDED.when_exhausted,"
          + " min_output_tokens = EXCLUDED.min_output_tokens,"
          + " past_soft_budget = EXCLUDED.past_soft_budget,"
          + " demoted_objective = EXCLUDED.demoted_objective,"
          + " end_user_budgets = EXCLUDED.end_user_budgets,"
          + " trusted_user_headers = EXCLUDED.trusted_user_headers,"
          + " allowed_tags = EXCLUDED.allowed_tags, tag_budgets = EXCLUDED.tag_budgets")
  int putPolicy(PolicyRow row);

  @Select(
      "SELECT tenant_id, allowed_models, alias_names, alias_models, objective, fairness_id,"
          + " active, when_exhausted, min_output_tokens, past_soft_budget, demoted_objective,"
          + " end_user_budgets, trusted_user_headers, allowed_tags, tag_budgets"
          + " FROM ${schema}.tenant_policies WHERE tenant_id = #{tenant}")
  PolicyRow policy(@Param("tenant") String tenant);
}
