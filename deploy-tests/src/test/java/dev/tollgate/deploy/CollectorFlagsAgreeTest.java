package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The collector and its settings are chosen in three places that must agree: the image's entry
 * point (Jib's flags in {@code app-helidon/pom.xml}, which the chart runs), {@code ./tollgate}
 * (the README's way to run the gateway) and the benchmarks' {@code lib.sh} (what every load, heap
 * and start-up measurement starts). A change of collector in one and not the others would measure
 * one JVM and ship another.
 */
class CollectorFlagsAgreeTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** The container's own: its share of the pod's memory, and exiting rather than limping on. */
  private static final Set<String> IMAGE_ONLY =
      Set.of("-XX:MaxRAMPercentage", "-XX:+ExitOnOutOfMemoryError");
  private static final Pattern XX = Pattern.compile("-XX:[+-]?[A-Za-z0-9]+(=[^\\s)\"]+)?");

  @Test
  void the_image_the_launcher_and_the_benchmarks_start_the_same_collector() throws IOException {
    Set<String> image = new TreeSet<>();
    for (String flag : ImageEntryPoint.jvmFlags()) {
      if (flag.startsWith("-XX:") && !IMAGE_ONLY.contains(flag.split("=")[0])) {
        image.add(flag);
      }
    }
    assertThat(image).as("the image's collector flags").contains("-XX:MaxGCPauseMillis=20")
        .anyMatch(f -> f.matches("-XX:\\+Use\\w+GC"));

    assertThat(launcherFlags()).as("./tollgate's flags").isEqualTo(image);
    assertThat(benchmarkFlags()).as("benchmarks/load/lib.sh's TOLLGATE_GC_FLAGS").isEqualTo(image);
  }

  /** The {@code -XX:} flags ./tollgate puts in its {@code flags} array. */
  private static Set<String> launcherFlags() throws IOException {
    Set<String> flags = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve("tollgate"))) {
      String code = line.strip();
      if (code.startsWith("flags=(") || code.startsWith("flags+=(")) {
        flags.addAll(matches(code));
      }
    }
    return flags;
  }

  private static Set<String> benchmarkFlags() throws IOException {
    for (String line : Files.readAllLines(ROOT.resolve("benchmarks/load/lib.sh"))) {
      if (line.startsWith("TOLLGATE_GC_FLAGS=")) {
        return new TreeSet<>(matches(line));
      }
    }
    throw new IllegalStateException("lib.sh sets no TOLLGATE_GC_FLAGS");
  }

  private static List<String> matches(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = XX.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
