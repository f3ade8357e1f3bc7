package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of {@link PostgresKeyStore}. */
interface KeyMapper {

  /** A row of {@code virtual_keys}. */
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
      Instant createdAt) {}

  String COLUMNS =
      "id, key_hash, tenant_id, team_id, alias, hint, allowed_models, expires_at, blocked,"
          + " created_at";

  /** One statement: a hash held by another key fails it (unique violation) and nothing changes. */
  @Insert(
      "INSERT INTO ${schema}.virtual_keys (" + COLUMNS + ") VALUES (#{id}, #{keyHash}, #{tenantId},"
          + " #{teamId}, #{alias}, #{hint}, #{allowedModels}, #{expiresAt}, #{blocked},"
          + " #{createdAt})"
          + " ON CONFLICT (id) DO UPDATE SET key_hash = EXCLUDED.key_hash,"
          + " tenant_id = EXCLUDED.tenant_id, team_id = EXCLUDED.team_id, alias = EXCLUDED.alias,"
          + " hint = EXCLUDED.hint, allowed_models = EXCLUDED.allowed_models,"
          + " expires_at = EXCLUDED.expires_at, blocked = EXCLUDED.blocked,"
          + " created_at = EXCLUDED.created_at")
  int save(KeyRow row);

  @Select("SELECT " + COLUMNS + " FROM ${schema}.virtual_keys WHERE key_hash = #{hash}")
  KeyRow byHash(@Param("hash") String hash);

  @Select("SELECT " + COLUMNS + " FROM ${schema}.virtual_keys WHERE id = #{id}")
  KeyRow byId(@Param("id") String id);

  @Select(
      "SELECT " + COLUMNS + " FROM ${schema}.virtual_keys WHERE tenant_id = #{tenant}"
          + " ORDER BY created_at, id OFFSET #{offset} LIMIT #{limit}")
  List<KeyRow> byTenant(
      @Param("tenant") String tenant, @Param("offset") int offset, @Param("limit") int limit);
}
