package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against the embedded store while a server runs: the server holds the data directory's
 * lock (zonky's {@code epg-lock}), and the CLI says what to do instead of "could not lock".
 */
class CliStoreInUseTest {

  @TempDir Path dir;
  private final PrintStream stdout = System.out;
  private final PrintStream stderr = System.err;

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
    System.clearProperty("tollgate.store.type");
    System.clearProperty("tollgate.store.data-directory");
    System.clearProperty("tollgate.server.port");
  }

  @Test
  void a_running_servers_embedded_store_is_refused_with_the_next_step() throws Exception {
    Path data = Files.createDirectories(dir.resolve("pgdata"));
    System.setProperty("tollgate.store.type", "embedded");
    System.setProperty("tollgate.store.data-directory", data.toString());
    System.setProperty("tollgate.server.port", "8181");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

    int code;
    try (FileChannel channel = FileChannel.open(data.resolve("epg-lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) { // what the running server's embedded PostgreSQL holds
      code = CliMain.run(new String[] {"tenants", "list"});
    }

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tollgate: the embedded store in "
        + data + " is in use by a running Tollgate server: stop it, or use its admin API at"
        + " http://127.0.0.1:8181/admin/v1 with the master key (docs/admin.md).\n");
  }
}
