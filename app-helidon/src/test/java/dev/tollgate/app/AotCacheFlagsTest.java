package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tollgate} uses the JDK's AOT cache when one newer than the jar exists, lets the first
 * {@code serve} of a build train one, and stays out of the way otherwise.
 */
class AotCacheFlagsTest {

  private static final Path SCRIPT = Path.of("..", ".ci", "aot-cache.sh").toAbsolutePath();
  private static final String TRAIN = "-XX:AOTCacheOutput=t.aot -Xlog:aot*=off";
  private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void without_a_cache_serve_trains_one_and_other_commands_add_nothing() throws Exception {
    jar();
    assertThat(flags(25, "")).isEqualTo(TRAIN);
    assertThat(flags(25, "serve")).isEqualTo(TRAIN);
    assertThat(flags(25, "--config ops.yaml")).isEqualTo(TRAIN);
    assertThat(flags(25, "--config ops.yaml keys list")).isEmpty();
    assertThat(flags(25, "migrate")).isEmpty();
  }

  @Test
  void a_cache_newer_than_the_jar_is_used_by_every_command() throws Exception {
    jar();
    write("t.aot", BUILT.plusSeconds(60));
    assertThat(flags(25, "")).isEqualTo("-XX:AOTCache=t.aot");
    assertThat(flags(25, "keys list")).isEqualTo("-XX:AOTCache=t.aot");
  }

  @Test
  void a_cache_older_than_the_jar_is_stale_and_serve_trains_again() throws Exception {
    jar();
    write("t.aot", BUILT.minusSeconds(60));
    assertThat(flags(25, "serve")).isEqualTo(TRAIN);
    assertThat(dir.resolve("t.aot")).doesNotExist();
  }

  @Test
  void an_older_jdk_or_tollgate_aot_off_adds_nothing() throws Exception {
    jar();
    write("t.aot", BUILT.plusSeconds(60));
    assertThat(flags(21, "serve")).isEmpty();
    assertThat(run(true, 25, "serve")).isEmpty();
  }

  private void jar() throws IOException {
    write("t.jar", BUILT);
  }

  private void write(String name, Instant modified) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, name);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private String flags(int jdk, String args) throws Exception {
    return run(false, jdk, args);
  }

  private String run(boolean off, int jdk, String args) throws Exception {
    String script = "java_major() { echo " + jdk + "; }; JAVA_HOME=/none; flags=(); "
        + (off ? "export TOLLGATE_AOT=off; " : "")
        + ". \"$0\" && aot_flags t.jar " + args + " && echo \"${flags[*]:-}\"";
    Process p = new ProcessBuilder("bash", "-c", script, SCRIPT.toString())
        .directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("aot_flags did not finish");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
