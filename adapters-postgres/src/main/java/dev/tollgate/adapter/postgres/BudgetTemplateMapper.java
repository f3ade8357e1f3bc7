package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@link PostgresBudgetTemplates}. */
interface BudgetTemplateMapper {

  /** A row of {@code budget_templates}; a null column is no limit of that kind. */
  record TemplateRow(String tenantId, String templateId, Long maxBudgetNanos,
      Long softBudgetNanos, Long rpm, Long tpm, Integer maxParallel, String duration,
      Instant createdAt) {}

  /** A row of {@code budget_template_members}. */
  record MemberRow(String memberKind, String memberRef) {}

  @Insert("INSERT INTO ${schema}.budget_templates (tenant_id, template_id, max_budget_nanos,"
      + " soft_budget_nanos, rpm, tpm, max_parallel, duration, created_at) VALUES (#{tenantId},"
      + " #{templateId}, #{maxBudgetNanos}, #{softBudgetNanos}, #{rpm}, #{tpm}, #{maxParallel},"
      + " #{duration}, #{createdAt}) ON CONFLICT DO NOTHING")
  int insert(TemplateRow row);

  @Update("UPDATE ${schema}.budget_templates SET max_budget_nanos = #{maxBudgetNanos},"
      + " soft_budget_nanos = #{softBudgetNanos}, rpm = #{rpm}, tpm = #{tpm},"
      + " max_parallel = #{maxParallel}, duration = #{duration}"
      + " WHERE tenant_id = #{tenantId} AND template_id = #{templateId}")
  int update(TemplateRow row);

  @Select("SELECT tenant_id, template_id, max_budget_nanos, soft_budget_nanos, rpm, tpm,"
      + " max_parallel, duration, created_at FROM ${schema}.budget_templates"
      + " WHERE tenant_id = #{tenant} AND template_id = #{id}")
  TemplateRow find(@Param("tenant") String tenant, @Param("id") String id);

  @Select("SELECT tenant_id, template_id, max_budget_nanos, soft_budget_nanos, rpm, tpm,"
      + " max_parallel, duration, created_at FROM ${schema}.budget_templates"
      + " WHERE tenant_id = #{tenant} AND (#{after}::text IS NULL OR template_id > #{after})"
      + " ORDER BY template_id LIMIT #{limit}")
  List<TemplateRow> list(@Param("tenant") String tenant, @Param("after") String after,
      @Param("limit") int limit);

  @Insert("INSERT INTO ${schema}.budget_template_members (tenant_id, member_key, template_id,"
      + " member_kind, member_ref) VALUES (#{tenant}, #{key}, #{id}, #{kind}, #{ref})"
      + " ON CONFLICT (tenant_id, member_key) DO UPDATE SET template_id = EXCLUDED.template_id")
  int attach(@Param("tenant") String tenant, @Param("key") String memberKey,
      @Param("id") String id, @Param("kind") String kind, @Param("ref") String ref);

  @Select("SELECT template_id FROM ${schema}.budget_template_members"
      + " WHERE tenant_id = #{tenant} AND member_key = #{key}")
  String templateOf(@Param("tenant") String tenant, @Param("key") String memberKey);

  @Select("SELECT member_kind, member_ref FROM ${schema}.budget_template_members"
      + " WHERE tenant_id = #{tenant} AND template_id = #{id} ORDER BY member_key LIMIT #{limit}")
  List<MemberRow> members(@Param("tenant") String tenant, @Param("id") String id,
      @Param("limit") int limit);
}
