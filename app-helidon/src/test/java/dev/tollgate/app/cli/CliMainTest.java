package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The process entry: what happens before (and instead of) opening the configured store. */
class CliMainTest {

  private final PrintStream stdout = System.out;
  private final PrintStream stderr = System.err;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final List<Level> handlerLevels =
      Arrays.stream(root.getHandlers()).map(Handler::getLevel).toList();

  @BeforeEach
  void capture() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
    System.clearProperty("tollgate.store.type");
    System.clearProperty("tollgate.store.pool-size");
    // CliMain quiets the JVM's logging; the other tests in this JVM keep theirs.
    root.setLevel(rootLevel);
    Handler[] handlers = root.getHandlers();
    for (int i = 0; i < handlers.length && i < handlerLevels.size(); i++) {
      handlers[i].setLevel(handlerLevels.get(i));
    }
  }

  @Test
  void help_and_usage_errors_are_answered_without_reading_config_or_opening_a_store() {
    // An invalid store setting would refuse any run that got as far as the configuration.
    System.setProperty("tollgate.store.pool-size", "0");

    assertThat(CliMain.run(new String[] {"keys", "--help"})).isZero();
    assertThat(CliMain.run(new String[] {"keys", "list", "--colour"})).isEqualTo(2);
    assertThat(CliMain.run(new String[] {"wallets"})).isEqualTo(2);

    assertThat(text(out)).startsWith("usage: tollgate keys <command> [flags]");
    assertThat(text(err)).contains("unknown flag --colour", "unknown command 'wallets'")
        .doesNotContain("configuration");
  }

  @Test
  void an_invalid_configuration_is_a_usage_error() {
    System.setProperty("tollgate.store.pool-size", "0");

    assertThat(CliMain.run(new String[] {"tenants", "list"})).isEqualTo(2);
    assertThat(text(err)).isEqualTo(
        "tollgate: invalid configuration: tollgate.store.pool-size must be 1..64: 0\n");
  }

  @Test
  void a_memory_store_is_refused_because_another_process_cannot_see_it() {
    System.setProperty("tollgate.store.type", "memory");

    assertThat(CliMain.run(new String[] {"tenants", "list"})).isEqualTo(1);
    assertThat(text(err)).startsWith("tollgate: tollgate.store.type is memory").hasLineCount(1);
  }

  @Test
  void the_cli_actor_is_the_os_user_with_anything_unprintable_dropped() {
    assertThat(CliMain.actor().name()).startsWith("cli:").doesNotContain(" ");
    assertThat(CliMain.actor().isPlatform()).isTrue();
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
