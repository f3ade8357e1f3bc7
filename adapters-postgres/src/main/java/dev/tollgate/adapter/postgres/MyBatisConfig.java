package dev.tollgate.adapter.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
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

  /** A configuration {@link #parseAhead} began, for the first session factory of its schema. */
  private record Ahead(String schema, CompletableFuture<Configuration> parsed) {}

  private static final AtomicReference<Ahead> AHEAD = new AtomicReference<>();

  private MyBatisConfig() {}

  /**
   * Begins parsing the mappers of {@code schema} (for a pool that carries the statement timeout) on
   * a thread of its own, and returns at once: a start calls it before it starts the database and
   * migrates the schema, where its main thread mostly waits, and the parse (130-170 ms of a start
   * on a two-core host, docs/benchmarks.md) is ready when the stores are made. The next session
   * factory of {@code schema} on a pool takes it; any other parses as before.
   */
  static void parseAhead(String schema) {
    Ahead ahead = new Ahead(schema, new CompletableFuture<>());
    AHEAD.set(ahead); // one not taken (a start that failed) is dropped
    Thread.ofPlatform().daemon().name("tollgate-mybatis-parse").start(() -> {
      try {
        ahead.parsed().complete(parsed(schema, null));
      } catch (RuntimeException | Error e) {
        ahead.parsed().completeExceptionally(e);
      }
    });
  }

  static SqlSessionFactory sessionFactory(
      DataSource dataSource, String schema, Duration statementTimeout) {
    Configuration config = statementTimeout == null ? takeAhead(schema) : null;
    if (config == null) {
      config = parsed(schema, statementTimeout);
    }
    config.setEnvironment(new Environment("tollgate", new JdbcTransactionFactory(), dataSource));
    return new SqlSessionFactoryBuilder().build(config);
  }

  /** Whether a configuration parsed ahead for {@code schema} waits to be taken (for tests). */
  static boolean waitingFor(String schema) {
    Ahead ahead = AHEAD.get();
    return ahead != null && ahead.schema().equals(schema);
  }

  /** The configuration parsed ahead for {@code schema}, once; null when there is none. */
  private static Configuration takeAhead(String schema) {
    Ahead ahead = AHEAD.get();
    if (ahead == null || !ahead.schema().equals(schema) || !AHEAD.compareAndSet(ahead, null)) {
      return null;
    }
    try {
      return ahead.parsed().join();
    } catch (CompletionException e) {
      return null; // parsed again here, where a failure reaches the caller as it always did
    }
  }

  /** Every mapper of {@code schema} parsed, without an environment yet. */
  private static Configuration parsed(String schema, Duration statementTimeout) {
    Configuration config = new Configuration();
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
    return config;
  }
}
