package dev.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.domain.money.Money;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Three {@code tollgate serve} processes on one PostgreSQL (the machine's, in a schema of their
 * own, dropped at the end) through one {@link CuttableProxy}, each with its own journal, behind a
 * {@link RoundRobinBalancer}; and what the tests read straight from the database (not through the
 * proxy, so it answers during a cut): a key's ledger and its budget account.
 */
final class ReplicaCluster implements AutoCloseable {

  static final int REPLICAS = 3;
  /** Replies take a little while, so requests overlap and holds are in flight. */
  private static final Map<String, String> PACED_SIMULATOR =
      Map.of("TOLLGATE_DATA_DASH_PLANE_SIMULATOR_FIRST_DASH_BYTE_DASH_MS", "20");

  /** The longest a test waits for every replica's readiness. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  final CuttableProxy database;
  final List<ReplicaProcess> replicas = new ArrayList<>();
  final RoundRobinBalancer balancer;
  private final String jdbcUrl;
  private final String schema = "tg_replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final Connection direct;

  record Ledger(Set<String> requestIds, long entries, long totalNanoUsd) {}

  record Account(long postedNanoUsd, long heldNanoUsd) {}

  record Key(String id, String secret) {}

  ReplicaCluster(Path dir) throws Exception {
    this(dir, Map.of());
  }

  /** @param extraEnv more environment for every replica (e.g. {@code tollgate.shared-state: redis}) */
  ReplicaCluster(Path dir, Map<String, String> extraEnv) throws Exception {
    this.jdbcUrl = requiredDatabaseUrl();
    this.direct = DriverManager.getConnection(jdbcUrl);
    this.database = new CuttableProxy(jdbcUrl);
    Map<String, String> env = new java.util.HashMap<>(PACED_SIMULATOR);
    env.putAll(extraEnv);
    List<URI> backends = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      ReplicaProcess r = new ReplicaProcess(dir.resolve("replica-" + i), database.jdbcUrl(), schema, env);
      replicas.add(r);
      backends.add(URI.create(r.base()));
    }
    replicas.getFirst().start(); // the first one migrates the fresh schema alone
    CompletableFuture.allOf(replicas.stream().skip(1)
        .map(r -> CompletableFuture.runAsync(r::start)).toArray(CompletableFuture[]::new)).join();
    this.balancer = new RoundRobinBalancer(backends);
    // Listening is not ready: a replica that has not yet seen its stores answers 503 (CI once
    // failed a probe sent in that moment), so a cluster is handed out only once all are ready.
    ensureAllServing();
  }

  /** A real PostgreSQL ({@link TestPostgres}): these tests prove something only against one. */
  static String requiredDatabaseUrl() {
    return TestPostgres.jdbcUrl();
  }

  /** Starts any replica a failed test left down, and waits until every one is ready. */
  void ensureAllServing() {
    database.restore();
    for (ReplicaProcess r : replicas) {
      if (!r.isAlive()) {
        r.start();
      }
    }
    // Generous: on a loaded machine a replica may take long to find Redis or PostgreSQL again.
    Eventually.await(() -> replicas.stream().allMatch(r -> r.readiness().contains("\"ready\"")),
        "every replica ready", READY_TIMEOUT);
  }

  /** Waits until every replica has posted all it journaled. */
  void awaitJournalsForwarded(Duration timeout) {
    Eventually.await(() -> replicas.stream().allMatch(r -> r.backlog() == 0), "every journal forwarded", timeout);
  }

  /** A key of tenant acme with a monthly budget of {@code limit}: its id and its secret. */
  Key issueKey(String alias, Money limit) {
    return issueKey(alias, limit, "");
  }

  /** As {@link #issueKey(String, Money)} with more fields of the create call, e.g. {@code ,"rpm":200}. */
  Key issueKey(String alias, Money limit, String moreFields) {
    AdminClient.Reply reply = new AdminClient(balancer.base()).post("/admin/v1/keys", ReplicaProcess.MASTER_KEY,
        "{\"tenant\":\"acme\",\"alias\":\"" + alias + "\",\"budget\":{\"limit_usd\":\""
            + limit.toPlainUsd() + "\",\"period\":\"monthly\"}" + moreFields + "}");
    if (reply.status() != 201) {
      throw new AssertionError("issuing a key: " + reply.status() + " " + reply.text());
    }
    JsonNode issued = reply.json();
    return new Key(issued.get("id").asText(), issued.get("key").asText());
  }

  synchronized Ledger ledger(String keyId) throws SQLException {
    Set<String> ids = new HashSet<>();
    long entries = 0;
    long total = 0;
    try (var st = direct.prepareStatement(
        "SELECT request_id, cost_nano_usd FROM " + schema + ".ledger_entries WHERE key_id = ?")) {
      st.setString(1, keyId);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
          total += rs.getLong(2);
          entries++;
        }
      }
    }
    return new Ledger(ids, entries, total);
  }

  /** The key's budget account as the shared store has it now (every window: one, in a test). */
  synchronized Account account(String keyId) {
    try (var st = direct.prepareStatement("SELECT COALESCE(SUM(posted_nano_usd), 0), COALESCE(SUM(held_nano_usd), 0)"
        + " FROM " + schema + ".budget_accounts WHERE scope_key = ?")) {
      st.setString(1, "key:" + keyId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return new Account(rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The key's unexpired lease holds on the shared store, summed per replica incarnation (each
   * start of a process leases under a new id), largest first: what each live or dead process holds.
   */
  synchronized List<Long> leasesByIncarnation(String keyId) {
    List<Long> amounts = new ArrayList<>();
    try (var st = direct.prepareStatement("SELECT SUM(amount_nano_usd) FROM " + schema + ".budget_hold_parts"
        + " WHERE scope_key = ? AND hold_id LIKE 'lease:%' AND expires_at > now()"
        + " GROUP BY split_part(hold_id, ':', 2) ORDER BY 1 DESC")) {
      st.setString(1, "key:" + keyId);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          amounts.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return amounts;
  }

  @Override
  public void close() throws Exception {
    try (direct; database; balancer) {
      for (ReplicaProcess r : replicas) {
        r.close();
      }
      try (var st = direct.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
