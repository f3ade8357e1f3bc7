package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of parallel-request limits and their slots. */
interface SlotMapper {

  /** A row of {@code slot_limits}. */
  record SlotLimitRow(String scopeKey, int maxInFlight) {}

  /** A scope's live slots, and whether the asking holder has one of them. */
  record UseRow(String scopeKey, int inUse, boolean mine) {}

  /** A slot to take. */
  record SlotRow(String scopeKey, String holder, Instant expiresAt) {}

  String SCOPE_KEYS = RateMapper.SCOPE_KEYS;

  @Insert(
      "INSERT INTO ${schema}.slot_limits (scope_key, max_in_flight)"
          + " VALUES (#{scopeKey}, #{maxInFlight})"
          + " ON CONFLICT (scope_key) DO UPDATE SET max_in_flight = EXCLUDED.max_in_flight")
  int putLimit(SlotLimitRow row);

  @Delete("DELETE FROM ${schema}.slot_limits WHERE scope_key = #{scopeKey}")
  int removeLimit(@Param("scopeKey") String scopeKey);

  @Select(
      "SELECT scope_key, max_in_flight FROM ${schema}.slot_limits WHERE scope_key = #{scopeKey}")
  SlotLimitRow limit(@Param("scopeKey") String scopeKey);

  /** The lock that serializes the slots of these scopes, taken in one order. */
  @Select(
      "<script>SELECT scope_key, max_in_flight FROM ${schema}.slot_limits WHERE scope_key IN "
          + SCOPE_KEYS + " ORDER BY scope_key FOR NO KEY UPDATE</script>")
  List<SlotLimitRow> lockLimits(@Param("keys") List<String> keys);

  /** Slots whose holder never gave them back lapse at their expiry. */
  @Delete(
      "<script>DELETE FROM ${schema}.slots WHERE scope_key IN " + SCOPE_KEYS
          + " AND expires_at &lt;= #{now}</script>")
  int lapse(@Param("keys") List<String> keys, @Param("now") Instant now);

  @Select(
      "<script>SELECT scope_key, count(*)::integer AS in_use, bool_or(holder = #{holder}) AS mine"
          + " FROM ${schema}.slots WHERE scope_key IN " + SCOPE_KEYS
          + " GROUP BY scope_key</script>")
  List<UseRow> uses(@Param("keys") List<String> keys, @Param("holder") String holder);

  @Insert(
      "<script>INSERT INTO ${schema}.slots (scope_key, holder, expires_at) VALUES"
          + "<foreach item='s' collection='slots' separator=','>"
          + "(#{s.scopeKey}, #{s.holder}, #{s.expiresAt})</foreach></script>")
  int take(@Param("slots") List<SlotRow> slots);

  @Delete(
      "<script>DELETE FROM ${schema}.slots WHERE holder = #{holder} AND scope_key IN "
          + SCOPE_KEYS + "</script>")
  int release(@Param("keys") List<String> keys, @Param("holder") String holder);

  @Insert(
      "INSERT INTO ${schema}.slots (scope_key, holder, expires_at)"
          + " SELECT #{scopeKey}, h, #{expiresAt} FROM unnest(#{holders}::text[]) AS h"
          + " ON CONFLICT (scope_key, holder) DO NOTHING")
  int takeAll(@Param("scopeKey") String scopeKey, @Param("holders") String[] holders,
      @Param("expiresAt") Instant expiresAt);

  @Delete(
      "DELETE FROM ${schema}.slots WHERE scope_key = #{scopeKey}"
          + " AND holder = ANY(#{holders}::text[])")
  int releaseAll(@Param("scopeKey") String scopeKey, @Param("holders") String[] holders);

  @Delete("DELETE FROM ${schema}.slots WHERE scope_key = #{scopeKey}")
  int clear(@Param("scopeKey") String scopeKey);

  @Select(
      "SELECT count(*)::integer FROM ${schema}.slots"
          + " WHERE scope_key = #{scopeKey} AND expires_at > #{now}")
  int inUse(@Param("scopeKey") String scopeKey, @Param("now") Instant now);
}
