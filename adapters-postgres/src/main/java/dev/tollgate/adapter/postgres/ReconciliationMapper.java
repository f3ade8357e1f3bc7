package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@link PostgresReconciliationStore}. */
interface ReconciliationMapper {

  /** A row of {@code reconciliation_buckets}. */
  record BucketRow(Instant bucketStart, String claimedBy, String status, Instant windowFrom,
      Instant windowTo, String error) {}

  /** A row of {@code reconciliation_models}. */
  record ModelRow(Instant bucketStart, String model, long ledgerInput, long dataPlaneInput,
      long ledgerOutput, long dataPlaneOutput, boolean lowerBound, boolean mismatch) {}

  /** A row of {@code reconciliation_counters}. */
  record CounterRow(String model, String tokenType, long value) {}

  /**
   * Claims the bucket: inserts it, or takes over a claim that lapsed while still running (its
   * claimant died); answers 1 for the one caller that got it, 0 for every other.
   */
  @Insert("INSERT INTO ${schema}.reconciliation_buckets (bucket_start, claimed_by, claimed_until,"
      + " status) VALUES (#{bucket}, #{replica}, #{until}, 'running')"
      + " ON CONFLICT (bucket_start) DO UPDATE SET claimed_by = EXCLUDED.claimed_by,"
      + " claimed_until = EXCLUDED.claimed_until"
      + " WHERE reconciliation_buckets.status = 'running'"
      + " AND reconciliation_buckets.claimed_until <= #{now}")
  int claim(@Param("bucket") Instant bucket, @Param("replica") String replica,
      @Param("now") Instant now, @Param("until") Instant until);

  @Select("SELECT read_at FROM ${schema}.reconciliation_readings WHERE target = #{target}")
  Instant readAt(@Param("target") String target);

  @Select("SELECT model, token_type, value FROM ${schema}.reconciliation_counters"
      + " WHERE target = #{target}")
  List<CounterRow> counters(@Param("target") String target);

  @Update("UPDATE ${schema}.reconciliation_buckets SET status = #{status}, window_from = #{from},"
      + " window_to = #{to}, error = #{error}, claimed_by = #{replica}"
      + " WHERE bucket_start = #{bucket}")
  int finish(@Param("bucket") Instant bucket, @Param("status") String status,
      @Param("from") Instant from, @Param("to") Instant to, @Param("error") String error,
      @Param("replica") String replica);

  @Insert("INSERT INTO ${schema}.reconciliation_models (bucket_start, model, ledger_input,"
      + " data_plane_input, ledger_output, data_plane_output, lower_bound, mismatch) VALUES"
      + " (#{bucketStart}, #{model}, #{ledgerInput}, #{dataPlaneInput}, #{ledgerOutput},"
      + " #{dataPlaneOutput}, #{lowerBound}, #{mismatch})"
      + " ON CONFLICT (bucket_start, model) DO NOTHING")
  int insertModel(ModelRow row);

  @Delete("DELETE FROM ${schema}.reconciliation_counters WHERE target = #{target}")
  int clearCounters(@Param("target") String target);

  @Insert("INSERT INTO ${schema}.reconciliation_counters (target, model, token_type, value, read_at)"
      + " VALUES (#{target}, #{model}, #{type}, #{value}, #{readAt})")
  int insertCounter(@Param("target") String target, @Param("model") String model,
      @Param("type") String type, @Param("value") long value, @Param("readAt") Instant readAt);

  @Insert("INSERT INTO ${schema}.reconciliation_readings (target, read_at) VALUES (#{target},"
      + " #{readAt}) ON CONFLICT (target) DO UPDATE SET read_at = EXCLUDED.read_at")
  int upsertReading(@Param("target") String target, @Param("readAt") Instant readAt);

  @Select("SELECT bucket_start, claimed_by, status, window_from, window_to, error"
      + " FROM ${schema}.reconciliation_buckets WHERE status <> 'running'"
      + " ORDER BY bucket_start DESC LIMIT #{limit}")
  List<BucketRow> recent(@Param("limit") int limit);

  @Select("<script>SELECT bucket_start, model, ledger_input, data_plane_input, ledger_output,"
      + " data_plane_output, lower_bound, mismatch FROM ${schema}.reconciliation_models"
      + " WHERE bucket_start IN <foreach item='b' collection='buckets' open='(' separator=','"
      + " close=')'>#{b}</foreach> ORDER BY bucket_start, model</script>")
  List<ModelRow> models(@Param("buckets") List<Instant> buckets);
}
