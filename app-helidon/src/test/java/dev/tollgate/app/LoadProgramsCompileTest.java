package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-file programs under {@code benchmarks/load/} ({@code StackFloor.java}, the probes)
 * are run from source by the load scripts, so Maven compiles none of them. Compiled here against
 * the service's class path, they cannot rot unnoticed when an API they call changes (those that
 * probe a library the service does not carry excepted).
 */
class LoadProgramsCompileTest {

  private static final Path LOAD = Path.of("..", "benchmarks", "load").toAbsolutePath().normalize();

  /** Probes of a library the service does not carry, run with a class path of their own. */
  private static final Set<String> OWN_CLASS_PATH = Set.of("HelidonWebClientRace.java");

  @Test
  void everyLoadProgramCompilesAgainstTheService(@TempDir Path out) throws IOException {
    List<String> sources;
    try (Stream<Path> files = Files.list(LOAD)) {
      sources = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !OWN_CLASS_PATH.contains(f.getFileName().toString()))
          .map(Path::toString).sorted().toList();
    }
    assertThat(sources).anyMatch(s -> s.endsWith("StackFloor.java"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (String source : sources) {
      List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d",
          Files.createDirectories(out.resolve(Path.of(source).getFileName().toString())).toString(),
          "-cp", System.getProperty("java.class.path"), source));
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status = javac.run(null, errors, errors, args.toArray(String[]::new));
      assertThat(status).as("%s compiles:%n%s", source, errors.toString(StandardCharsets.UTF_8))
          .isZero();
    }
    assertThat(out.resolve("StackFloor.java").resolve("StackFloor.class")).exists();
  }
}
