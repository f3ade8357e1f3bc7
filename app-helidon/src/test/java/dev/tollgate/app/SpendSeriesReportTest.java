package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.postgres.PostgresPool;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code group_by=day,<grouping>} over HTTP on PostgreSQL, through the service's own ledger chain
 * (journal, budget posting, store): every number equals what the single-grouping reports answer,
 * the string of nano-dollars itself.
 */
class SpendSeriesReportTest {

  @TempDir Path dir;
  private final String schema =
      "tg_series_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void aSeriesEqualsThePerGroupReportsToTheNanoDollar() throws Exception {
    StoreSettings store = new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()),
        schema, true, dir.resolve("pgdata"), dir.resolve("journal"), 4);
    try (GatewayHarness gw = GatewayHarness.simulated(store)) {
      AdminClient admin = new AdminClient(gw.base());
      admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"series\",\"name\":\"Series\"}");
      seed();
      String range = "/admin/v1/spend?tenant=series&from=2030-03-10&to=2030-03-14T12:00:00Z";
      for (String by : new String[] {"model", "key", "team", "end_user"}) {
        Reply series = admin.get(range + "&group_by=day," + by + "&top=3", MASTER_KEY);
        assertThat(series.status()).as(series.text()).isEqualTo(200);
        JsonNode s = series.json();
        JsonNode byGroup = admin.get(range + "&group_by=" + by, MASTER_KEY).json();
        JsonNode byDay = admin.get(range + "&group_by=day", MASTER_KEY).json();
        assertThat(s.path("total")).isEqualTo(byGroup.path("total"));
        assertThat(s.path("groups")).isEqualTo(byGroup.path("groups"));
        assertThat(s.path("top_groups")).hasSize(3);
        assertThat(s.path("groups_count").asInt()).isEqualTo(byGroup.path("groups").size());
        ranksTheRowsAndSumsTheRest(admin.get(range + "&group_by=day," + by + "&top=3&rows=2",
            MASTER_KEY).json(), byGroup);
        assertThat(s.path("days")).hasSameSizeAs(byDay.path("groups"));
        for (int i = 0; i < s.path("days").size(); i++) {
          JsonNode d = s.path("days").get(i);
          JsonNode expected = byDay.path("groups").get(i);
          assertThat(d.path("day").asText()).isEqualTo(expected.path("group").asText());
          assertThat(d.path("cost_usd")).isEqualTo(expected.path("cost_usd"));
          assertThat(d.path("usage")).isEqualTo(expected.path("usage"));
          for (JsonNode cell : d.path("groups")) {
            if (cell.path("group").asText().isEmpty()) {
              continue; // no filter names "no team": the ledger contract checks those cells
            }
            JsonNode alone = admin.get(range + "&" + by + "=" + cell.path("group").asText()
                + "&group_by=day", MASTER_KEY).json();
            JsonNode sameDay = null;
            for (JsonNode g : alone.path("groups")) {
              if (g.path("group").asText().equals(d.path("day").asText())) {
                sameDay = g;
              }
            }
            assertThat(sameDay).as(by + " " + cell).isNotNull();
            assertThat(cell.path("cost_usd")).isEqualTo(sameDay.path("cost_usd"));
            assertThat(cell.path("requests")).isEqualTo(sameDay.path("requests"));
          }
        }
      }
      assertThat(admin.get(range + "&group_by=day,model", MASTER_KEY).json().path("top").asInt())
          .isEqualTo(10);
      for (String bad : new String[] {"&group_by=day,day", "&group_by=day,model&top=0",
          "&group_by=day,model&top=101", "&group_by=model&top=3", "&group_by=day,nope",
          "&group_by=day,model&rows=0", "&group_by=day,model&rows=1001", "&group_by=model&rows=2",
          "&group_by=day,model&rows=x"}) {
        Reply r = admin.get(range + bad, MASTER_KEY);
        assertThat(r.status()).as(bad + ": " + r.text()).isEqualTo(400);
        assertThat(r.json().path("error").path("param").asText()).isIn("group_by", "top", "rows");
      }
    }
  }

  /**
   * {@code rows=2}: the two costliest groups (ties by name) as the per-group report answers them,
   * and every other group summed as {@code rest}, to the nano-dollar.
   */
  private static void ranksTheRowsAndSumsTheRest(JsonNode ranked, JsonNode byGroup) {
    List<JsonNode> all = new ArrayList<>();
    byGroup.path("groups").forEach(all::add);
    all.sort(Comparator.comparing((JsonNode g) -> new BigDecimal(g.path("cost_usd").asText()))
        .reversed().thenComparing(g -> g.path("group").asText()));
    assertThat(ranked.path("groups_count").asInt()).isEqualTo(all.size());
    assertThat(ranked.path("groups")).hasSize(Math.min(2, all.size()));
    for (int i = 0; i < ranked.path("groups").size(); i++) {
      assertThat(ranked.path("groups").get(i)).isEqualTo(all.get(i));
    }
    BigDecimal rest = all.stream().skip(2).map(g -> new BigDecimal(g.path("cost_usd").asText()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    long restRequests = all.stream().skip(2).mapToLong(g -> g.path("requests").asLong()).sum();
    assertThat(all.size()).as("the seed has more than two groups of each kind").isGreaterThan(2);
    assertThat(new BigDecimal(ranked.path("rest").path("cost_usd").asText())).isEqualByComparingTo(rest);
    assertThat(ranked.path("rest").path("requests").asLong()).isEqualTo(restRequests);
  }

  /** Five days, the last cut at noon (raw rows), four models, three keys, teams and end users. */
  private void seed() throws Exception {
    try (PostgresStores pg = PostgresStores.open(TestPostgres.jdbcUrl(), schema,
        PostgresPool.Settings.defaults())) {
      List<SpendEntry> batch = new ArrayList<>();
      Map<Integer, KeyId> keys = new HashMap<>();
      Instant start = Instant.parse("2030-03-10T00:30:00Z");
      for (int i = 0; i < 120; i++) {
        Instant at = start.plusSeconds(3600L * i);
        KeyId key = keys.computeIfAbsent(i % 3, k -> KeyId.of("key_series_" + k));
        Owner owner = i % 4 == 0 ? Owner.tenant(TenantId.of("series"))
            : Owner.team(TenantId.of("series"), TeamId.of("team-" + i % 2));
        batch.add(new SpendEntry(RequestId.of("req_series_" + i), owner, key,
            ModelName.of("model-" + i % 4),
            i % 5 == 0 ? Optional.empty() : Optional.of(EndUserId.of("user-" + i % 3)),
            TokenUsage.of(100 + i, 50 + i), UsageSource.REPORTED,
            Money.ofNanoUsd(1_000_000_007L * (i % 7 + 1) + i), Instant.EPOCH, at,
            at.plusMillis(10), false));
      }
      pg.stores().ledger().appendAll(batch);
    }
  }
}
