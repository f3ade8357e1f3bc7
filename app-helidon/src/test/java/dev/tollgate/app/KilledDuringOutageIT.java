package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tollgate as its own process on PostgreSQL through a cuttable proxy: load, the database cut,
 * more load answered from local state (journaled, not yet in the ledger), then SIGKILL during the
 * outage. The database comes back, the process restarts on the same journal, and the ledger ends
 * with exactly one entry per 2xx answer; the key's posted budget equals the ledger and stays
 * within its limit. PostgreSQL from {@link TestPostgres}.
 */
class KilledDuringOutageIT {

  private static final long LIMIT_NANO_USD = 5_000_000_000L;

  @TempDir Path dir;
  private final String schema = "tg_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final ObjectMapper mapper = new ObjectMapper();
  private ReplicaProcess child;

  @AfterEach
  void cleanUp() throws Exception {
    if (child != null) {
      child.close();
    }
    TestPostgres.dropSchema(schema);
  }

  @Test
  void sigkill_during_an_outage_then_a_restart_loses_and_doubles_nothing() throws Exception {
    String database = DatabaseOutageTest.databaseUrl();
    try (CuttableProxy proxy = new CuttableProxy(database)) {
      child = new ReplicaProcess(dir, proxy.jdbcUrl(), schema, Map.of()).start();
      String base = child.base();
      JsonNode issued = issueKey(base);
      String keyId = issued.get("id").asText();
      Set<String> answered = new HashSet<>();

      try (OutageLoad load = new OutageLoad(base, issued.get("key").asText(), 4)) {
        Eventually.await(() -> load.answeredSoFar() >= 50, "50 answers before the outage");
        proxy.cut();
        Eventually.await(() -> child.readiness().contains("\"degraded\""), "the outage noticed");
        int before = load.answeredSoFar();
        Eventually.await(() -> load.answeredSoFar() >= before + 100, "100 answers in the outage");
        load.close(); // every call in flight is answered before the kill
        answered.addAll(load.answered2xx);
      }
      assertThat(child.backlog()).as("spend waiting in the journal at the kill").isPositive();
      child.kill();

      proxy.restore();
      child.start();
      Eventually.await(() -> child.backlog() == 0 && child.readiness().contains("\"ready\""), "the journal replayed");
      try (OutageLoad after = new OutageLoad(base, issued.get("key").asText(), 0)) {
        assertThat(after.callOnce()).isEqualTo(200);
        answered.addAll(after.answered2xx);
      }
      Eventually.await(() -> child.backlog() == 0, "the last call forwarded");

      try (Connection c = DriverManager.getConnection(database)) {
        Set<String> ledger = new HashSet<>();
        long entries = 0;
        long spent = 0;
        try (var st = c.prepareStatement("SELECT request_id, cost_nano_usd FROM " + schema
            + ".ledger_entries WHERE key_id = ?")) {
          st.setString(1, keyId);
          try (var rs = st.executeQuery()) {
            while (rs.next()) {
              ledger.add(rs.getString(1));
              spent += rs.getLong(2);
              entries++;
            }
          }
        }
        long posted;
        try (var st = c.prepareStatement("SELECT COALESCE(SUM(posted_nano_usd), 0) FROM " + schema
            + ".budget_accounts WHERE scope_key = ?")) {
          st.setString(1, "key:" + keyId);
          try (var rs = st.executeQuery()) {
            rs.next();
            posted = rs.getLong(1);
          }
        }
        assertThat(entries).isEqualTo(ledger.size());
        assertThat(ledger).isEqualTo(answered);
        assertThat(posted).isEqualTo(spent);
        assertThat(spent).isLessThanOrEqualTo(LIMIT_NANO_USD);
      }
    }
  }

  private JsonNode issueKey(String base) throws Exception {
    HttpResponse<String> res = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/admin/v1/keys"))
            .header("Authorization", "Bearer " + ReplicaProcess.MASTER_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"acme\",\"alias\":\"kill\","
                + "\"budget\":{\"limit_usd\":\"5.00\",\"period\":\"monthly\"}}"))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return mapper.readTree(res.body());
  }
}
