package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: after a SIGKILL, the restarted process (same journal directory, so the same replica
 * id and the next run number) gives back the killed run's lease holds once its journal has posted
 * what the killed run answered, instead of leaving them to lapse for a lease TTL. A quiet key
 * shows {@code held_usd} 0 within a few seconds of the restart, and the ledger has every answered
 * call exactly once. PostgreSQL from {@link TestPostgres}; the process is a real
 * {@code tollgate serve}.
 */
class KilledReplicaGivesBackItsLeasesIT {

  /** "Within a few seconds": the restart's first background rounds, on a loaded machine. */
  private static final Duration GIVEN_BACK_WITHIN = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final String schema = "tg_kgb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
  void a_restart_after_sigkill_shows_nothing_held_for_a_quiet_key_within_seconds() throws Exception {
    String database = TestPostgres.jdbcUrl();
    child = new ReplicaProcess(dir, database, schema, Map.of()).start();
    String base = child.base();
    JsonNode issued = issueKey(base);
    String keyId = issued.get("id").asText();
    Set<String> answered = new HashSet<>();
    int unanswered;
    String killedRun;
    try (OutageLoad load = new OutageLoad(base, issued.get("key").asText(), 4)) {
      Eventually.await(() -> load.answeredSoFar() >= 60, "60 answers before the kill");
      killedRun = currentRun();
      assertThat(leaseHoldsOf(database, killedRun)).as("the run holds a slice").isPositive();
      child.kill(); // mid-load: calls in flight die unanswered
      load.close();
      answered.addAll(load.answered2xx);
      unanswered = load.failures.get();
    }

    child.start();
    long restarted = System.nanoTime();
    Eventually.await(() -> heldUsd(base, keyId).signum() == 0,
        "held_usd 0 for the quiet key after the restart", GIVEN_BACK_WITHIN);
    long tookMillis = (System.nanoTime() - restarted) / 1_000_000;
    System.out.println("[killed-replica] held_usd 0 " + tookMillis + " ms after the restart"
        + " listened; " + answered.size() + " answered, " + unanswered + " unanswered");

    assertThat(leaseHoldsOf(database, killedRun)).as("the killed run's holds").isZero();
    Eventually.await(() -> child.backlog() == 0, "the journal posted");
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
      assertThat(entries).as("no entry doubled").isEqualTo(ledger.size());
      assertThat(ledger).as("every answer in the ledger").containsAll(answered);
      assertThat(ledger.size() - answered.size()).as("beyond the answers: calls the kill cut")
          .isLessThanOrEqualTo(unanswered);
      assertThat(posted).as("posted once per entry").isEqualTo(spent);
    }
  }

  /** The run now holding the journal directory: {@code <replica>-<last run number>}. */
  private String currentRun() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("journal").resolve("replica"));
    return lines.get(0) + "-" + lines.get(lines.size() - 1);
  }

  private long leaseHoldsOf(String database, String run) throws Exception {
    try (Connection c = DriverManager.getConnection(database);
        var st = c.prepareStatement("SELECT count(*) FROM " + schema + ".budget_holds"
            + " WHERE starts_with(hold_id, ?) AND expires_at > now()")) {
      st.setString(1, "lease:" + run + ":");
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private java.math.BigDecimal heldUsd(String base, String keyId) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> res = http.send(HttpRequest.newBuilder(
              URI.create(base + "/admin/v1/keys/" + keyId + "/limits"))
          .header("Authorization", "Bearer " + ReplicaProcess.MASTER_KEY).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode limits = mapper.readTree(res.body());
      java.math.BigDecimal held = java.math.BigDecimal.ZERO;
      for (JsonNode budget : limits.findValues("held_usd")) {
        held = held.add(new java.math.BigDecimal(budget.asText()));
      }
      return held;
    } catch (Exception e) {
      return java.math.BigDecimal.ONE; // not answering yet
    }
  }

  private JsonNode issueKey(String base) throws Exception {
    HttpResponse<String> res = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/admin/v1/keys"))
            .header("Authorization", "Bearer " + ReplicaProcess.MASTER_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"acme\",\"alias\":\"gives-back\","
                + "\"budget\":{\"limit_usd\":\"5.00\",\"period\":\"monthly\"}}"))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    return mapper.readTree(res.body());
  }
}
