package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tollgate} rebuilds when any source, resource or pom is newer than the jar. */
class StaleBuildTest {

  private static final Path SCRIPT = Path.of("..", ".ci", "stale-build.sh").toAbsolutePath();
  private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path repo;

  @BeforeEach
  void aBuiltRepository() throws IOException {
    write("pom.xml", "<modules>\n    <module>core</module>\n    <module>app</module>\n"
        + "    <module>benchmarks</module>\n</modules>",
        BUILT.minusSeconds(60));
    write("core/pom.xml", "<project/>", BUILT.minusSeconds(60));
    write("core/src/main/java/A.java", "class A {}", BUILT.minusSeconds(60));
    write("app/src/main/resources/application.yaml", "tollgate: {}", BUILT.minusSeconds(60));
    write("app/src/test/java/ATest.java", "class ATest {}", BUILT.plusSeconds(60));
    write("bench/src/main/java/B.java", "class B {}", BUILT.plusSeconds(60));
    write("benchmarks/src/main/java/C.java", "class C {}", BUILT.plusSeconds(60));
    write("app/target/tollgate.jar", "jar", BUILT);
  }

  @Test
  void a_jar_newer_than_every_source_is_current_tests_and_other_trees_do_not_count()
      throws Exception {
    assertThat(staleReason()).isEmpty();
  }

  @Test
  void a_changed_source_resource_or_pom_asks_for_a_rebuild_and_names_the_file() throws Exception {
    touch("core/src/main/java/A.java");
    assertThat(staleReason()).isEqualTo("core/src/main/java/A.java changed since the last build");

    aBuiltRepository();
    touch("app/src/main/resources/application.yaml");
    assertThat(staleReason()).contains("application.yaml changed");

    aBuiltRepository();
    touch("pom.xml");
    assertThat(staleReason()).isEqualTo("pom.xml changed since the last build");
  }

  @Test
  void no_jar_is_not_built_yet() throws Exception {
    Files.delete(repo.resolve("app/target/tollgate.jar"));
    assertThat(staleReason()).isEqualTo("not built yet");
  }

  private void touch(String path) throws IOException {
    Files.setLastModifiedTime(repo.resolve(path), FileTime.from(BUILT.plusSeconds(5)));
  }

  private void write(String path, String text, Instant modified) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private String staleReason() throws Exception {
    Process p = new ProcessBuilder("bash", "-c",
        ". \"$0\" && stale_reason app/target/tollgate.jar", SCRIPT.toString())
        .directory(repo.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("stale_reason did not finish");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
