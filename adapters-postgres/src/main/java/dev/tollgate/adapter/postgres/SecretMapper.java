package dev.tollgate.adapter.postgres;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of {@link PostgresSecretStore}. */
interface SecretMapper {

  /** A row of {@code sealed_secrets}. */
  record SecretRow(String name, String keyId, String sealed) {}

  /**
   * Serializes writers (this mode conflicts with itself) and lets readers through: a put's
   * "no other key id" check and a rotation's compare-and-swap each see the store whole.
   */
  @Update("LOCK TABLE ${schema}.sealed_secrets IN SHARE ROW EXCLUSIVE MODE")
  void lockForWrite();

  @Select("SELECT name, key_id, sealed FROM ${schema}.sealed_secrets ORDER BY name LIMIT #{limit}")
  List<SecretRow> all(@Param("limit") int limit);

  @Select("SELECT name, key_id, sealed FROM ${schema}.sealed_secrets WHERE name = #{name}")
  SecretRow byName(@Param("name") String name);

  @Select("SELECT EXISTS (SELECT 1 FROM ${schema}.sealed_secrets WHERE key_id <> #{keyId})")
  boolean anyUnderOtherKey(@Param("keyId") String keyId);

  @Select("SELECT count(*) FROM ${schema}.sealed_secrets")
  int count();

  @Insert("INSERT INTO ${schema}.sealed_secrets (name, key_id, sealed)"
      + " VALUES (#{name}, #{keyId}, #{sealed})"
      + " ON CONFLICT (name) DO UPDATE SET key_id = EXCLUDED.key_id, sealed = EXCLUDED.sealed")
  int upsert(SecretRow row);

  @Update("UPDATE ${schema}.sealed_secrets SET key_id = #{keyId}, sealed = #{sealed}"
      + " WHERE name = #{name}")
  int replace(SecretRow row);

  @Delete("DELETE FROM ${schema}.sealed_secrets WHERE name = #{name}")
  int delete(@Param("name") String name);
}
