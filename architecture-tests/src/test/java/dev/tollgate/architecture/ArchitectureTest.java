package dev.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link TollgateRules} holds for the main classes of every module. */
class ArchitectureTest {

  private static JavaClasses mainClasses;

  @BeforeAll
  static void importMainClasses() {
    mainClasses = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.tollgate");
  }

  static Stream<Named<ArchRule>> rules() {
    return TollgateRules.ALL.entrySet().stream().map(rule -> Named.of(rule.getKey(), rule.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void mainCodeFollowsTheRule(ArchRule rule) {
    rule.check(mainClasses);
  }

  /** A rule over an empty or partial import passes vacuously; make sure every module is in. */
  @Test
  void theImportHoldsClassesFromEveryModule() {
    assertThat(packagesOf(mainClasses))
        .as("packages imported from the main classes")
        .contains(
            "dev.tollgate.domain.money", // domain
            "dev.tollgate.port.in", "dev.tollgate.port.out", "dev.tollgate.service", // ports
            "dev.tollgate.adapter.memory", // adapters-memory
            "dev.tollgate.adapter.redis"); // adapters-redis
    assertThat(mainClasses.contain("dev.tollgate.domain.money.Money")).isTrue();
    assertThat(mainClasses.contain("dev.tollgate.port.out.KeyStore")).isTrue();
    assertThat(mainClasses.contain("dev.tollgate.adapter.memory.InMemoryKeyStore")).isTrue();
  }

  @Test
  void theImportHoldsNoTestClassesAndNoPlantedViolations() {
    assertThat(packagesOf(mainClasses))
        .noneMatch(name -> name.contains(".planted") || name.startsWith("dev.tollgate.architecture"));
    assertThat(mainClasses.contain("dev.tollgate.domain.money.MoneyTest")).isFalse();
  }

  /** Without the import option the planted classes would be seen: the exclusion is doing work. */
  @Test
  void plantedViolationsAreOnTheClassPathButOnlyReachableWithTests() {
    JavaClasses withTests = new ClassFileImporter().importPackages("dev.tollgate.domain.planted");
    assertThat(withTests).isNotEmpty();
    assertThat(withTests).allMatch(javaClass -> !mainClasses.contain(javaClass.getName()));
  }

  private static Stream<String> packagesOf(JavaClasses classes) {
    return classes.stream().map(JavaClass::getPackageName).distinct();
  }
}
