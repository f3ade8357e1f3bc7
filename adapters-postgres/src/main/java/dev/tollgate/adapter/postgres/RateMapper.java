package dev.tollgate.adapter.postgres;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of rate limits and their per-bucket counters. */
interface RateMapper {

  /** A row of {@code rate_limits}; kind is a RateKind name. */
  record LimitRow(
      String scopeKey,
      String kind,
      long limitUnits,
      long windowMillis,
      int buckets,
      Long newestBucket) {}

  /** A row of {@code rate_buckets}, or units to add to one. */
  record BucketRow(String scopeKey, String kind, long bucketIndex, long units) {}

  String LIMIT_COLUMNS = "scope_key, kind, limit_units, window_millis, buckets, newest_bucket";
  String SCOPE_KEYS =
      "<foreach item='k' collection='keys' open='(' separator=',' close=')'>#{k}</foreach>";

  @Insert(
      "INSERT INTO ${schema}.rate_limits (" + LIMIT_COLUMNS + ") VALUES (#{scopeKey}, #{kind},"
          + " #{limitUnits}, #{windowMillis}, #{buckets}, #{newestBucket})"
          + " ON CONFLICT (scope_key, kind) DO UPDATE SET limit_units = EXCLUDED.limit_units,"
          + " window_millis = EXCLUDED.window_millis, buckets = EXCLUDED.buckets,"
          + " newest_bucket = EXCLUDED.newest_bucket")
  int putLimit(LimitRow row);

  @Delete("DELETE FROM ${schema}.rate_limits WHERE scope_key = #{scopeKey} AND kind = #{kind}")
  int removeLimit(@Param("scopeKey") String scopeKey, @Param("kind") String kind);

  @Select(
      "SELECT " + LIMIT_COLUMNS + " FROM ${schema}.rate_limits"
          + " WHERE scope_key = #{scopeKey} AND kind = #{kind}")
  LimitRow limit(@Param("scopeKey") String scopeKey, @Param("kind") String kind);

  @Select(
      "SELECT " + LIMIT_COLUMNS + " FROM ${schema}.rate_limits"
          + " WHERE scope_key = #{scopeKey} AND kind = #{kind} FOR NO KEY UPDATE")
  LimitRow lockLimit(@Param("scopeKey") String scopeKey, @Param("kind") String kind);

  /** The lock that serializes the windows of these scopes, taken in one order. */
  @Select(
      "<script>SELECT " + LIMIT_COLUMNS + " FROM ${schema}.rate_limits WHERE scope_key IN "
          + SCOPE_KEYS + " ORDER BY scope_key, kind FOR NO KEY UPDATE</script>")
  List<LimitRow> lockLimits(@Param("keys") List<String> keys);

  @Select(
      "<script>SELECT scope_key, kind, bucket_index, units FROM ${schema}.rate_buckets"
          + " WHERE scope_key IN " + SCOPE_KEYS + "</script>")
  List<BucketRow> buckets(@Param("keys") List<String> keys);

  /** One window's bucket rows: what a usage read needs, without the scope's other kind. */
  @Select(
      "SELECT scope_key, kind, bucket_index, units FROM ${schema}.rate_buckets"
          + " WHERE scope_key = #{scopeKey} AND kind = #{kind}")
  List<BucketRow> bucketsOf(@Param("scopeKey") String scopeKey, @Param("kind") String kind);

  @Delete("DELETE FROM ${schema}.rate_buckets WHERE scope_key = #{scopeKey} AND kind = #{kind}")
  int deleteBuckets(@Param("scopeKey") String scopeKey, @Param("kind") String kind);

  @Insert(
      "<script>INSERT INTO ${schema}.rate_buckets (scope_key, kind, bucket_index, units) VALUES"
          + "<foreach item='b' collection='rows' separator=','>(#{b.scopeKey}, #{b.kind},"
          + " #{b.bucketIndex}, #{b.units})</foreach> ON CONFLICT (scope_key, kind, bucket_index)"
          + " DO UPDATE SET units = rate_buckets.units + EXCLUDED.units</script>")
  int addUnits(@Param("rows") List<BucketRow> rows);

  /** Corrects one bucket by delta, never below zero. */
  @Insert(
      "INSERT INTO ${schema}.rate_buckets (scope_key, kind, bucket_index, units)"
          + " VALUES (#{scopeKey}, #{kind}, #{bucketIndex}, GREATEST(0, #{delta}))"
          + " ON CONFLICT (scope_key, kind, bucket_index)"
          + " DO UPDATE SET units = GREATEST(0, rate_buckets.units + #{delta})")
  int adjust(
      @Param("scopeKey") String scopeKey,
      @Param("kind") String kind,
      @Param("bucketIndex") long bucketIndex,
      @Param("delta") long delta);

  /** Moves windows on: bucketIndex is each window's new newest bucket. */
  @Update(
      "<script>UPDATE ${schema}.rate_limits l SET newest_bucket = d.newest FROM (VALUES"
          + "<foreach item='b' collection='rows' separator=','>(#{b.scopeKey}, #{b.kind},"
          + " #{b.bucketIndex}::bigint)</foreach>) AS d (scope_key, kind, newest)"
          + " WHERE l.scope_key = d.scope_key AND l.kind = d.kind</script>")
  int moveWindows(@Param("rows") List<BucketRow> rows);

  /** Deletes buckets that left their window: bucketIndex is each window's last gone bucket. */
  @Delete(
      "<script>DELETE FROM ${schema}.rate_buckets WHERE "
          + "<foreach item='b' collection='rows' separator=' OR '>(scope_key = #{b.scopeKey}"
          + " AND kind = #{b.kind} AND bucket_index &lt;= #{b.bucketIndex})</foreach></script>")
  int dropAged(@Param("rows") List<BucketRow> rows);
}
