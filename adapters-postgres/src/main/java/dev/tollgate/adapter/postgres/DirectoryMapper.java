package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@link PostgresTenantDirectory}: tenants, and teams keyed by (tenant, id). */
interface DirectoryMapper {

  /** A row of {@code tenants}; metadata as parallel name and value arrays ({@link Labels}). */
  record TenantRow(
      String id, String name, String[] metadataNames, String[] metadataValues, Instant createdAt) {}

  /** A row of {@code teams}. */
  record TeamRow(
      String tenantId,
      String id,
      String name,
      String[] metadataNames,
      String[] metadataValues,
      Instant createdAt) {}

  String TENANT_COLUMNS = "id, name, " + Labels.METADATA + ", created_at";
  String TEAM_COLUMNS = "tenant_id, id, name, " + Labels.METADATA + ", created_at";
  String METADATA = "jsonb_object(#{metadataNames}, #{metadataValues})";

  @Insert(
      "INSERT INTO ${schema}.tenants (id, name, metadata, created_at)"
          + " VALUES (#{id}, #{name}, " + METADATA + ", #{createdAt})"
          + " ON CONFLICT (id) DO NOTHING")
  int createTenant(TenantRow row);

  @Select("SELECT " + TENANT_COLUMNS + " FROM ${schema}.tenants WHERE id = #{id}")
  TenantRow tenant(@Param("id") String id);

  @Update(
      "UPDATE ${schema}.tenants SET name = #{name}, metadata = " + METADATA + ","
          + " created_at = #{createdAt} WHERE id = #{id}")
  int updateTenant(TenantRow row);

  /** Its teams go with it (ON DELETE CASCADE). */
  @Delete("DELETE FROM ${schema}.tenants WHERE id = #{id}")
  int deleteTenant(@Param("id") String id);

  @Select(
      "<script>SELECT " + TENANT_COLUMNS + " FROM ${schema}.tenants"
          + "<if test='after != null'> WHERE id &gt; #{after}</if>"
          + " ORDER BY id LIMIT #{limit}</script>")
  List<TenantRow> tenants(@Param("after") String after, @Param("limit") int limit);

  /**
   * 0 when the tenant has a team with this id, or has no row. A tenant deleted concurrently fails
   * the foreign key instead (SQLState 23503).
   */
  @Insert(
      "INSERT INTO ${schema}.teams (tenant_id, id, name, metadata, created_at)"
          + " SELECT #{tenantId}, #{id}, #{name}, " + METADATA + ", #{createdAt}"
          + " WHERE EXISTS (SELECT 1 FROM ${schema}.tenants WHERE id = #{tenantId})"
          + " ON CONFLICT (tenant_id, id) DO NOTHING")
  int createTeam(TeamRow row);

  @Select(
      "SELECT " + TEAM_COLUMNS + " FROM ${schema}.teams WHERE tenant_id = #{tenant} AND id = #{id}")
  TeamRow team(@Param("tenant") String tenant, @Param("id") String id);

  @Update(
      "UPDATE ${schema}.teams SET name = #{name}, metadata = " + METADATA + ","
          + " created_at = #{createdAt} WHERE tenant_id = #{tenantId} AND id = #{id}")
  int updateTeam(TeamRow row);

  @Delete("DELETE FROM ${schema}.teams WHERE tenant_id = #{tenant} AND id = #{id}")
  int deleteTeam(@Param("tenant") String tenant, @Param("id") String id);

  @Select(
      "<script>SELECT " + TEAM_COLUMNS + " FROM ${schema}.teams WHERE tenant_id = #{tenant}"
          + "<if test='after != null'> AND id &gt; #{after}</if>"
          + " ORDER BY id LIMIT #{limit}</script>")
  List<TeamRow> teams(
      @Param("tenant") String tenant, @Param("after") String after, @Param("limit") int limit);
}
