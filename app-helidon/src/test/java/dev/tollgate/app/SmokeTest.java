package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tollgate smoke}, the README's proof after start, against a started server. */
class SmokeTest {

  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private record Result(int code, String out, String err) {}

  private static Result smoke(String masterKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Smoke(gateway.base(), new Secret(masterKey), List.of("sim-small"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new java.util.SplittableRandom())
        .run(new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void mints_calls_reads_the_spend_and_cleans_up_and_twice_in_a_row() {
    for (int run = 0; run < 2; run++) {
      Result r = smoke(GatewayHarness.MASTER_KEY);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("1/4 minted key", "2/4 called sim-small: HTTP 200, cost USD ",
          "3/4 the key's spend: 1 request, USD ", "4/4 deleted key",
          "OK: " + gateway.base() + " works end to end");
    }
  }

  @Test
  void a_wrong_master_key_fails_the_first_step_and_says_so() {
    Result r = smoke("not-the-master-key");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("tollgate smoke: FAILED: mint a key: HTTP 401");
  }
}
