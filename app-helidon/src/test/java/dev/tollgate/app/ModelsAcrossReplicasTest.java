package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.local.SnapshotModelCatalog;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances on one PostgreSQL schema, each with its own journal: a model added through
 * A's admin API is served by B once B's model snapshot is refreshed, and a model removed on A is
 * refused by B the same way. No request on B reads the models table: the snapshot does.
 */
class ModelsAcrossReplicasTest {

  /**
   * The documented bound (docs/admin.md: one refresh interval plus one read, about 3 s), with room
   * for a machine shared with other builds: the point is "within seconds, without a restart".
   */
  private static final Duration WITHIN =
      SnapshotModelCatalog.REFRESH_INTERVAL.plusSeconds(1).multipliedBy(3);

  @TempDir Path dir;
  private final String schema =
      "tg_models_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  private StoreSettings store(String replica, boolean migrate) {
    return new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()), schema, migrate,
        dir.resolve(replica + "-pgdata"), dir.resolve(replica + "-journal"), 4);
  }

  @Test
  void a_model_added_on_one_replica_is_served_by_the_other_within_the_bound() {
    try (GatewayHarness a = GatewayHarness.simulated(store("a", true));
        GatewayHarness b = GatewayHarness.simulated(store("b", false))) {
      AdminClient onA = new AdminClient(a.base());
      AdminClient onB = new AdminClient(b.base());
      String key = a.key().secret().reveal();
      String model = "replicas/added-" + UUID.randomUUID().toString().substring(0, 8);
      assertThat(chat(onB, key, model).status()).isEqualTo(404);

      Reply added = onA.post("/admin/v1/models", MASTER_KEY, "{\"name\":\"" + model + "\","
          + "\"upstream\":\"sim-small\",\"price\":{\"input_usd_per_mtok\":\"1\","
          + "\"output_usd_per_mtok\":\"1\"}}");
      assertThat(added.status()).as(added.text()).isEqualTo(201);
      assertThat(chat(onA, key, model).status()).as("served at once where it was added")
          .isEqualTo(200);

      Eventually.await(() -> chat(onB, key, model).status() == 200,
          "B serves " + model + " within " + WITHIN, WITHIN);
      assertThat(onB.get("/admin/v1/models/" + model, MASTER_KEY).json().path("origin").asText())
          .isEqualTo("runtime");

      assertThat(onA.call("DELETE", "/admin/v1/models/" + model, MASTER_KEY, null).status())
          .isEqualTo(200);
      Eventually.await(() -> chat(onB, key, model).status() == 404,
          "B refuses " + model + " within " + WITHIN, WITHIN);
      assertThat(chat(onB, key, model).errorCode()).isEqualTo("model_not_found");
    }
  }

  private static Reply chat(AdminClient http, String key, String model) {
    return http.post("/v1/chat/completions", key, "{\"model\":\"" + model + "\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }
}
