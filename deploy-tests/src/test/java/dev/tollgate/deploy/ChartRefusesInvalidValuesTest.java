package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json refuses what would otherwise install and misbehave: a misspelt key (at the
 * top or inside application.yaml), an unknown data plane, a float price, a secret written into
 * values or smuggled through extraEnv, no master key. Each file in src/test/resources/invalid is
 * layered over the minimal values and must fail with the schema's message.
 */
class ChartRefusesInvalidValuesTest {

  private static final Path INVALID = Path.of("src", "test", "resources", "invalid").toAbsolutePath();
  private static Helm helm;

  @BeforeAll
  static void findHelm() {
    helm = Helm.locate();
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        Arguments.of("misspelt-top-level-key.yaml", "Additional property replicaCont is not allowed"),
        Arguments.of("misspelt-config-key.yaml", "Additional property max-output-token is not allowed"),
        Arguments.of("unknown-data-plane.yaml", "config.data-plane.type"),
        Arguments.of("float-price.yaml", "config.models.0.price.input"),
        Arguments.of("secret-value-inline.yaml", "Additional property value is not allowed"),
        Arguments.of("secret-in-extra-env.yaml", "extraEnv.0.name"),
        Arguments.of("missing-master-key.yaml", "secrets.masterKey.existingSecret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void theSchemaRefusesIt(String file, String message) {
    List<Path> values = List.of(Helm.CHART.resolve("ci/minimal-values.yaml"), INVALID.resolve(file));
    Helm.Result result = helm.template(values);
    assertThat(result.ok()).as("helm template must refuse %s", file).isFalse();
    assertThat(result.stderr()).contains("values don't meet the specifications").contains(message);
  }
}
