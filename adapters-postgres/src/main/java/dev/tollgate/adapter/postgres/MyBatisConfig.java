package dev.tollgate.adapter.postgres;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.TypeHandlerRegistry;

/**
 * The MyBatis configuration of one schema. Mapper SQL names tables as {@code ${schema}.table}; the
 * variable is replaced once, when the mappers are parsed, so a caller's own pool works unchanged
 * and no {@code search_path} is set per connection.
 */
final class MyBatisConfig {

  private MyBatisConfig() {}

  static SqlSessionFactory sessionFactory(
      DataSource dataSource, String schema, Duration statementTimeout) {
    Configuration config =
        new Configuration(new Environment("tollgate", new JdbcTransactionFactory(), dataSource));
    config.getVariables().setProperty("schema", schema);
    config.setMapUnderscoreToCamelCase(true);
    config.setArgNameBasedConstructorAutoMapping(true);
    // Statement-scoped cache: a SELECT ... FOR UPDATE is never answered from a session cache.
    config.setLocalCacheScope(LocalCacheScope.STATEMENT);
    config.setCacheEnabled(false);
    if (statementTimeout != null) { // null: the connections carry it (PostgresPool)
      config.setDefaultStatementTimeout(Math.toIntExact(Math.max(1, statementTimeout.toSeconds())));
    }
    TypeHandlerRegistry types = config.getTypeHandlerRegistry();
    types.register(Instant.class, new PgInstantTypeHandler());
    types.register(String[].class, new TextArrayTypeHandler());
    types.register(long[].class, new PrimitiveArrayTypeHandler<long[]>());
    types.register(int[].class, new PrimitiveArrayTypeHandler<int[]>());
    types.register(boolean[].class, new PrimitiveArrayTypeHandler<boolean[]>());
    RecordResultMaps.register(config);
    config.addMapper(KeyMapper.class);
    config.addMapper(CatalogMapper.class);
    config.addMapper(BudgetMapper.class);
    config.addMapper(HoldMapper.class);
    config.addMapper(RateMapper.class);
    config.addMapper(SlotMapper.class);
    config.addMapper(LedgerMapper.class);
    config.addMapper(LedgerSeriesMapper.class);
    config.addMapper(DirectoryMapper.class);
    config.addMapper(AuditMapper.class);
    config.addMapper(IdempotencyMapper.class);
    config.addMapper(SecretMapper.class);
    config.addMapper(ConsoleSessionMapper.class);
    config.addMapper(WebhookMapper.class);
    config.addMapper(ReconciliationMapper.class);
    config.addMapper(BudgetTemplateMapper.class);
    return new SqlSessionFactoryBuilder().build(config);
  }
}
