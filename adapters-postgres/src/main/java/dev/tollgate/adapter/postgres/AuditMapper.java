package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of {@link PostgresAuditLog}. */
interface AuditMapper {

  /** A row of {@code audit_log}; a null tenant is a platform object. */
  record AuditRow(
      long sequence,
      Instant occurredAt,
      String actor,
      String tenantId,
      String action,
      String objectType,
      String objectId,
      String[] beforeNames,
      String[] beforeValues,
      String[] afterNames,
      String[] afterValues) {}

  /**
   * Held until the appending transaction ends, so appends take sequence numbers and commit one at
   * a time, in the same order.
   */
  @Select("SELECT 1 FROM pg_advisory_xact_lock(hashtext('${schema}.audit_log'))")
  int lockForAppend();

  @Select(
      "INSERT INTO ${schema}.audit_log (occurred_at, actor, tenant_id, action, object_type,"
          + " object_id, before, after) VALUES (#{occurredAt}, #{actor}, #{tenantId}, #{action},"
          + " #{objectType}, #{objectId}, jsonb_object(#{beforeNames}, #{beforeValues}),"
          + " jsonb_object(#{afterNames}, #{afterValues})) RETURNING sequence")
  long append(AuditRow row);

  @Select(
      "<script>SELECT sequence, occurred_at, actor, tenant_id, action, object_type, object_id, "
          + Labels.STATES + " FROM ${schema}.audit_log WHERE true"
          + "<if test='tenant != null'> AND tenant_id = #{tenant}</if>"
          + "<if test='before != null'> AND sequence &lt; #{before}</if>"
          + " ORDER BY sequence DESC LIMIT #{limit}</script>")
  List<AuditRow> list(
      @Param("tenant") String tenant, @Param("before") Long before, @Param("limit") int limit);
}
