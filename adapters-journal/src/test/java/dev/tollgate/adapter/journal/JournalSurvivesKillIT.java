package dev.tollgate.adapter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.ledger.RequestId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 mid-stream of appends: every append that returned is in the ledger after restart, once. */
class JournalSurvivesKillIT {

  @TempDir Path dir;

  @Test
  void every_acknowledged_append_survives_sigkill_exactly_once() throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        CrashingWriter.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    int acknowledged = -1;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && acknowledged < 2_000) {
        acknowledged = Integer.parseInt(line.substring("appended ".length()));
      }
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    InMemorySpendLedger ledger = new InMemorySpendLedger();
    try (JournaledSpendLedger recovered = JournaledSpendLedger.open(ledger, JournalSettings.defaults(dir))) {
      JournalOutageAndRecoveryTest.await(() -> recovered.unforwardedCount() == 0);
    }
    for (int i = 0; i <= acknowledged; i++) {
      assertThat(ledger.find(RequestId.of("crash-" + i))).as("crash-" + i).isPresent();
    }
    assertThat(acknowledged).isGreaterThanOrEqualTo(2_000);
  }
}
