package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.Stores;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tenant's bad input on the real PostgreSQL store, with requests refused while the database
 * is unavailable: a NUL (or any control character) is a 400 naming the field before anything
 * reaches the store, and a statement the store refuses anyway is no outage, so every other
 * tenant keeps being served and readiness stays ready.
 */
class BadInputIsNotAnOutageTest {

  private static final String CHAT = "/v1/chat/completions";

  @TempDir Path dir;
  private final String schema = "tg_badinput_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void controlCharactersAre400sAndARefusedStatementDegradesNothing() throws Exception {
    StoreSettings store = new StoreSettings("postgres", Optional.of(DatabaseOutageTest.databaseUrl()),
        schema, true, dir.resolve("pgdata"), dir.resolve("journal"), 4, false);
    try (GatewayHarness gateway = GatewayHarness.simulated(store)) {
      AdminClient http = new AdminClient(gateway.base());
      ServiceStatus status = gateway.server.get(ServiceStatus.class);
      String attacker = gateway.key().secret().reveal();
      String other = gateway.tollgate().issueKey()
          .issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("other")), "o")).secret().reveal();

      for (String model : new String[] {"x\\u0000", "sim-small\\u0000", "a\\u0001b", "a\\nb", "\\u007f"}) {
        Reply bad = http.post(CHAT, attacker, "{\"model\":\"" + model + "\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(bad.status()).as(model).isEqualTo(400);
        assertThat(bad.json().path("error").path("param").asText()).isEqualTo("model");
      }
      // Past validation, a model name is looked up in the model snapshot, not in PostgreSQL: an
      // unknown name (a NUL included) is a denial without a statement.
      assertThat(gateway.tollgate().authorize().authorize(new AuthorizeCommand(
          gateway.key().secret(), "x\u0000", gateway.server.get(dev.tollgate.app.http.Gateway.class)
              .requestIds().next(), 1, OptionalLong.of(1), Optional.empty())))
          .isInstanceOfSatisfying(Admission.Denied.class,
              d -> assertThat(d.reason()).isEqualTo(DenialReason.MODEL_NOT_FOUND));
      // What validation would have missed and does reach PostgreSQL (a price lookup), PostgreSQL
      // refuses: not an outage.
      assertThatThrownBy(() -> gateway.server.get(Stores.class).prices()
          .versions(ModelName.of("x\u0000")))
          .isInstanceOf(StoreRefusedException.class);

      assertThat(status.degradation()).isEmpty();
      assertThat(http.get("/readyz", null).text()).contains("\"status\":\"ready\"");
      for (int i = 0; i < 10; i++) {
        Reply ok = http.post(CHAT, other, "{\"model\":\"sim-small\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
      }
      assertThat(http.get("/metrics", null).text()).contains("tollgate_degraded 0");
    }
  }

  @Test
  void adminIdsAndTextWithControlCharactersAre400sNamingTheField() throws Exception {
    StoreSettings store = new StoreSettings("postgres", Optional.of(DatabaseOutageTest.databaseUrl()),
        schema, true, dir.resolve("pgdata"), dir.resolve("journal"), 4, false);
    try (GatewayHarness gateway = GatewayHarness.simulated(store)) {
      AdminClient http = new AdminClient(gateway.base());
      record Case(String method, String path, String body, String param) {}
      for (Case c : new Case[] {
          new Case("GET", "/admin/v1/keys/key_%00x", null, "key"),
          new Case("GET", "/admin/v1/spend?model=m%00", null, "model"),
          new Case("POST", "/admin/v1/tenants", "{\"id\":\"t1\",\"name\":\"a\\u0000\"}", "name"),
          new Case("POST", "/admin/v1/tenants", "{\"id\":\"t2\",\"name\":\"a\\u001b[31m\"}", "name"),
          new Case("POST", "/admin/v1/tenants",
              "{\"id\":\"t3\",\"name\":\"n\",\"models\":[\"m\\u0000\"]}", "models"),
          new Case("POST", "/admin/v1/tenants",
              "{\"id\":\"t4\",\"name\":\"n\",\"aliases\":{\"a\\u0000\":\"sim-small\"}}", "aliases"),
          new Case("POST", "/admin/v1/tenants",
              "{\"id\":\"t5\",\"name\":\"n\",\"metadata\":{\"k\":\"v\\u0000\"}}", "metadata"),
          new Case("POST", "/admin/v1/keys", "{\"tenant\":\"acme\",\"alias\":\"a\\u0000\"}", "alias")}) {
        Reply reply = http.call(c.method(), c.path(), MASTER_KEY, c.body());
        assertThat(reply.status()).as(c.toString() + " " + reply.text()).isEqualTo(400);
        assertThat(reply.json().path("error").path("param").asText()).as(c.toString())
            .startsWith(c.param());
      }
      assertThat(gateway.server.get(ServiceStatus.class).degradation()).isEmpty();
    }
  }
}
