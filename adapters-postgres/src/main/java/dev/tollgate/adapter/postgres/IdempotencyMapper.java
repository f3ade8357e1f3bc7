package dev.tollgate.adapter.postgres;

import java.time.Instant;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@link PostgresIdempotencyStore}. */
interface IdempotencyMapper {

  /** A row of {@code idempotency_keys}; a null result id: the create is in progress. */
  record IdempotencyRow(
      String scope, String key, String fingerprint, String resultId, Instant createdAt) {}

  /** 1 if this call claimed the key; 0 if a row was there (or committed first, after a wait). */
  @Insert(
      "INSERT INTO ${schema}.idempotency_keys (scope, key, fingerprint, result_id, created_at)"
          + " VALUES (#{scope}, #{key}, #{fingerprint}, #{resultId}, #{createdAt})"
          + " ON CONFLICT (scope, key) DO NOTHING")
  int claim(IdempotencyRow row);

  @Select(
      "SELECT scope, key, fingerprint, result_id, created_at FROM ${schema}.idempotency_keys"
          + " WHERE scope = #{scope} AND key = #{key}")
  IdempotencyRow find(@Param("scope") String scope, @Param("key") String key);

  @Update(
      "UPDATE ${schema}.idempotency_keys SET result_id = #{resultId}"
          + " WHERE scope = #{scope} AND key = #{key}")
  int complete(
      @Param("scope") String scope, @Param("key") String key, @Param("resultId") String resultId);

  @Delete(
      "DELETE FROM ${schema}.idempotency_keys"
          + " WHERE scope = #{scope} AND key = #{key} AND result_id IS NULL")
  int release(@Param("scope") String scope, @Param("key") String key);

  /** At most {@code maxRows} records created before the cutoff. */
  @Delete(
      "DELETE FROM ${schema}.idempotency_keys WHERE (scope, key) IN (SELECT scope, key"
          + " FROM ${schema}.idempotency_keys WHERE created_at < #{cutoff} LIMIT #{maxRows})")
  int expireSome(@Param("cutoff") Instant cutoff, @Param("maxRows") int maxRows);
}
