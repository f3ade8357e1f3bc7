package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One replica on the durable store is exact near a budget's limit (the new user's report in
 * issue 11): sequential requests 0.3 s apart are refused if and only if what the budget has left
 * at that instant (as the admin API shows it) cannot cover the request's maximum cost; the
 * refusal's "remains" is that figure; and once posted spend alone is what blocks, the key stays
 * refused with Retry-After at the period's end, not admitted again a second later.
 */
class BudgetNearTheLimitTest {

  private static final Duration PAUSE = Duration.ofMillis(300);
  private static final int MAX_REQUESTS = 60;
  private static final int REFUSALS_TO_SEE = 4;
  private static final Pattern REFUSAL =
      Pattern.compile("may cost up to \\$([0-9.]+) and \\$([0-9.]+) remains");
  private static final String BODY = "{\"model\":\"sim-small\",\"max_tokens\":20,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"how much is left?\"}]}";

  @TempDir Path dir;
  private final String schema =
      "tg_near_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void sequential_requests_are_refused_only_when_what_remains_cannot_cover_them() throws Exception {
    String url = TestPostgres.jdbcUrl();
    StoreSettings store = new StoreSettings("postgres", Optional.of(url), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 4);
    try (GatewayHarness gateway = GatewayHarness.simulated(store)) {
      IssuedKey key = gateway.key(Money.usd("0.0001"), null, null, null);
      Scope scope = Scope.key(key.key().id());
      AdminClient client = new AdminClient(gateway.base());
      List<String> pattern = new ArrayList<>();
      int refusals = 0;
      for (int i = 0; i < MAX_REQUESTS && refusals < REFUSALS_TO_SEE; i++) {
        Thread.sleep(PAUSE);
        AdminClient.Reply reply =
            client.post("/v1/chat/completions", key.secret().reveal(), BODY);
        BudgetSnapshot after = gateway.tollgate().spend().budget(scope).orElseThrow();
        if (reply.status() == 200) {
          assertThat(refusals).as("admitted again after a refusal: %s", pattern).isZero();
          pattern.add("200");
          continue;
        }
        pattern.add(String.valueOf(reply.status()));
        assertThat(reply.status()).as(reply.text()).isEqualTo(429);
        assertThat(reply.errorCode()).isEqualTo("insufficient_quota");
        Matcher m = REFUSAL.matcher(reply.text());
        assertThat(m.find()).as(reply.text()).isTrue();
        Money needed = Money.usd(m.group(1));
        Money remains = Money.usd(m.group(2));
        assertThat(remains).as("the refusal's remains is what the admin API shows")
            .isEqualTo(after.available().max(Money.ZERO));
        assertThat(after.held()).as("nothing in flight between sequential requests")
            .isEqualTo(Money.ZERO);
        assertThat(needed).as("refused only when what remains cannot cover it")
            .isGreaterThan(after.available());
        long retryAfter = Long.parseLong(reply.headers().get("retry-after").get(0));
        assertThat(retryAfter).as("posted spend alone blocks: the period's end")
            .isGreaterThanOrEqualTo(Duration.between(Instant.now(), after.window().end())
                .getSeconds());
        refusals++;
      }
      assertThat(refusals).as("the budget ran out: %s", pattern).isEqualTo(REFUSALS_TO_SEE);
      BudgetSnapshot end = gateway.tollgate().spend().budget(scope).orElseThrow();
      assertThat(end.posted()).isLessThanOrEqualTo(end.budget().limit());
    }
  }
}
