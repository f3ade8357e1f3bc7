package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of {@link PostgresKeyStore}. */
interface KeyMapper {

  /**
   * A row of {@code virtual_keys}; role is a KeyRole name, metadata parallel name and value arrays
   * ({@link Labels}), and the previous hash with its end of grace both null or both set.
   */
  record KeyRow(
      String id,
      String keyHash,
      String tenantId,
      String teamId,
      String alias,
      String hint,
      String[] allowedModels,
      Instant expiresAt,
      boolean blocked,
      Instant createdAt,
      String role,
      String[] metadataNames,
      String[] metadataValues,
      String previousKeyHash,
      Instant previousValidUntil,
      boolean legacyFormat,
      Long sessionBudgetNanoUsd,
      String sessionBudgetPeriod) {}

  String COLUMNS =
      "id, key_hash, tenant_id, team_id, alias, hint, allowed_models, expires_at, blocked,"
          + " created_at, role, " + Labels.METADATA + ", previous_key_hash, previous_valid_until,"
          + " legacy_format, session_budget_nano_usd, session_budget_period";

  /**
   * One statement: a hash held by another key, current or previous, fails it (unique violation,
   * from {@code virtual_keys} or from {@code key_hashes} through its trigger) and nothing changes.
   */
  @Insert(
      "INSERT INTO ${schema}.virtual_keys (id, key_hash, tenant_id, team_id, alias, hint,"
          + " allowed_models, expires_at, blocked, created_at, role, metadata, previous_key_hash,"
          + " previous_valid_until, legacy_format, session_budget_nano_usd, session_budget_period)"
          + " VALUES (#{id}, #{keyHash}, #{tenantId}, #{teamId}, #{alias},"
          + " #{hint}, #{allowedModels}, #{expiresAt}, #{blocked}, #{createdAt}, #{role},"
          + " jsonb_object(#{metadataNames}, #{metadataValues}), #{previousKeyHash},"
          + " #{previousValidUntil}, #{legacyFormat}, #{sessionBudgetNanoUsd}, #{sessionBudgetPeriod})"
          + " ON CONFLICT (id) DO UPDATE SET key_hash = EXCLUDED.key_hash,"
          + " tenant_id = EXCLUDED.tenant_id, team_id = EXCLUDED.team_id, alias = EXCLUDED.alias,"
          + " hint = EXCLUDED.hint, allowed_models = EXCLUDED.allowed_models,"
          + " expires_at = EXCLUDED.expires_at, blocked = EXCLUDED.blocked,"
          + " created_at = EXCLUDED.created_at, role = EXCLUDED.role,"
          + " metadata = EXCLUDED.metadata, previous_key_hash = EXCLUDED.previous_key_hash,"
          + " previous_valid_until = EXCLUDED.previous_valid_until,"
          + " legacy_format = EXCLUDED.legacy_format,"
          + " session_budget_nano_usd = EXCLUDED.session_budget_nano_usd,"
          + " session_budget_period = EXCLUDED.session_budget_period")
  int save(KeyRow row);

  /** At most one row: {@code key_hashes} keeps every hash on one key only. */
  @Select(
      "SELECT " + COLUMNS + " FROM ${schema}.virtual_keys"
          + " WHERE key_hash = #{hash} OR previous_key_hash = #{hash}")
  KeyRow byHash(@Param("hash") String hash);

  @Select("SELECT " + COLUMNS + " FROM ${schema}.virtual_keys WHERE id = #{id}")
  KeyRow byId(@Param("id") String id);

  /** At most one row: aliases are unique per tenant (virtual_keys_alias_unique). */
  @Select("SELECT " + COLUMNS + " FROM ${schema}.virtual_keys"
      + " WHERE tenant_id = #{tenantId} AND alias = #{alias}")
  KeyRow byAlias(@Param("tenantId") String tenantId, @Param("alias") String alias);

  /** Its {@code key_hashes} rows go with it (ON DELETE CASCADE). */
  @Delete("DELETE FROM ${schema}.virtual_keys WHERE id = #{id}")
  int delete(@Param("id") String id);

  @Select(
      "<script>SELECT " + COLUMNS + " FROM ${schema}.virtual_keys WHERE tenant_id = #{tenant}"
          + "<if test='team != null'> AND team_id = #{team}</if>"
          + " ORDER BY created_at, id OFFSET #{offset} LIMIT #{limit}</script>")
  List<KeyRow> byTenant(
      @Param("tenant") String tenant,
      @Param("team") String team,
      @Param("offset") int offset,
      @Param("limit") int limit);

  /**
   * {@link #byTenant} narrowed: {@code text} (lower case) inside the alias or id, and a state at
   * {@code now} as {@code KeyFilter.State} names it (blocked wins over expired).
   */
  @Select(
      "<script>SELECT " + COLUMNS + " FROM ${schema}.virtual_keys WHERE tenant_id = #{tenant}"
          + "<if test='team != null'> AND team_id = #{team}</if>"
          + "<if test='text != null'> AND (strpos(lower(alias), #{text}) > 0"
          + " OR strpos(lower(id), #{text}) > 0)</if>"
          + "<if test='state == \"BLOCKED\"'> AND blocked</if>"
          + "<if test='state == \"EXPIRED\"'> AND NOT blocked AND expires_at &lt;= #{now}</if>"
          + "<if test='state == \"ACTIVE\"'> AND NOT blocked"
          + " AND (expires_at IS NULL OR expires_at > #{now})</if>"
          + " ORDER BY created_at, id OFFSET #{offset} LIMIT #{limit}</script>")
  List<KeyRow> byTenantMatching(
      @Param("tenant") String tenant,
      @Param("team") String team,
      @Param("text") String text,
      @Param("state") String state,
      @Param("now") java.time.Instant now,
      @Param("offset") int offset,
      @Param("limit") int limit);
}
