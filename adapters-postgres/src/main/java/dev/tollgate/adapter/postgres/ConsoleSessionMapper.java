package dev.tollgate.adapter.postgres;

import java.time.Instant;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of {@link PostgresConsoleSessionStore}. */
interface ConsoleSessionMapper {

  /** A row of {@code console_sessions}; a null tenant: the platform administrator. */
  record SessionRow(
      String idHash, String tenantId, String credentialHash, Instant createdAt, Instant expiresAt) {}

  @Insert(
      "INSERT INTO ${schema}.console_sessions"
          + " (id_hash, tenant_id, credential_hash, created_at, expires_at)"
          + " VALUES (#{idHash}, #{tenantId}, #{credentialHash}, #{createdAt}, #{expiresAt})")
  int insert(SessionRow row);

  @Select(
      "SELECT id_hash, tenant_id, credential_hash, created_at, expires_at"
          + " FROM ${schema}.console_sessions WHERE id_hash = #{idHash} AND expires_at > #{now}")
  SessionRow find(@Param("idHash") String idHash, @Param("now") Instant now);

  @Delete("DELETE FROM ${schema}.console_sessions WHERE id_hash = #{idHash}")
  int delete(@Param("idHash") String idHash);

  /** At most {@code maxRows} sessions that ended by {@code now}. */
  @Delete(
      "DELETE FROM ${schema}.console_sessions WHERE id_hash IN (SELECT id_hash"
          + " FROM ${schema}.console_sessions WHERE expires_at <= #{now} LIMIT #{maxRows})")
  int expireSome(@Param("now") Instant now, @Param("maxRows") int maxRows);
}
