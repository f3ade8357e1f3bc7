package dev.tollgate.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.tollgate.adapter.plantedapp.AdapterThatNamesTheApp;
import dev.tollgate.adapter.plantedrogue.RogueKeyStore;
import dev.tollgate.adapter.plantedservice.AdapterThatBuildsTheEngine;
import dev.tollgate.app.planted.root.SecondRoot;
import dev.tollgate.dataplane.planted.KitThatNamesAnAdapterAndAService;
import dev.tollgate.domain.planted.clock.WallClockPolicy;
import dev.tollgate.domain.planted.floating.FloatPrice;
import dev.tollgate.domain.planted.framework.JdbcBackedBudget;
import dev.tollgate.domain.planted.javax.DirectoryLookupPolicy;
import dev.tollgate.domain.planted.layering.PolicyThatNamesAPort;
import dev.tollgate.domain.planted.thirdparty.GuiceInjectedPolicy;
import dev.tollgate.embedding.planted.EmbeddedTollgate;
import dev.tollgate.port.in.planted.outbound.UseCaseAnsweringAStoreType;
import dev.tollgate.port.in.planted.thirdparty.GuiceProvidedUseCase;
import dev.tollgate.port.in.planted.untyped.UntypedUseCase;
import dev.tollgate.port.out.planted.floating.FloatingLedger;
import dev.tollgate.port.out.planted.framework.HttpPriceFeed;
import dev.tollgate.port.out.planted.naming.SpendLedgerPort;
import dev.tollgate.service.planted.clock.EntropyService;
import dev.tollgate.service.planted.kit.ServiceThatNamesTheKit;
import dev.tollgate.service.planted.layering.ServiceThatNamesAnAdapter;
import dev.tollgate.service.planted.naming.FreestandingService;
import dev.tollgate.service.planted.untyped.ResolveThenCast;
import dev.tollgate.service.planted.wire.ServiceThatReadsTheWire;
import dev.tollgate.wire.planted.FormatThatNamesTheKitAndAService;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of {@link TollgateRules} fires on a class planted in the package it guards, and its
 * report names that class. The planted classes are test classes: the importer here keeps tests,
 * the one in {@link ArchitectureTest} does not.
 */
class PlantedViolationsTest {

  /** A rule, the classes planted against it, and text its report must contain beyond their names. */
  record Plant(String rule, List<Class<?>> planted, List<String> alsoMentioned) {

    static Plant of(String rule, Class<?>... planted) {
      return new Plant(rule, List.of(planted), List.of());
    }

    Plant mentioning(String... text) {
      return new Plant(rule, planted, List.of(text));
    }

    /** Exactly the packages of the planted classes (no subpackages), so plants do not mix. */
    String[] packages() {
      return planted.stream().map(Class::getPackageName).distinct().toArray(String[]::new);
    }
  }

  static final List<Plant> PLANTS = List.of(
      Plant.of("DOMAIN_DEPENDS_ON_JDK_ONLY", GuiceInjectedPolicy.class, DirectoryLookupPolicy.class)
          .mentioning("com.google.inject.Inject", "javax.naming.Context"),
      Plant.of("NO_FRAMEWORK_IN_CORE", GuiceInjectedPolicy.class, JdbcBackedBudget.class, HttpPriceFeed.class)
          .mentioning("com.google.inject.Inject", "java.sql.Connection", "java.net.http.HttpClient"),
      Plant.of("PORTS_DEPEND_ON_DOMAIN_AND_JDK_ONLY", GuiceProvidedUseCase.class)
          .mentioning("com.google.inject.Provider"),
      Plant.of("DOMAIN_DOES_NOT_DEPEND_ON_OUTER_LAYERS", PolicyThatNamesAPort.class)
          .mentioning("dev.tollgate.port.out.KeyStore"),
      Plant.of("PORTS_DO_NOT_DEPEND_ON_ADAPTERS_OR_APP", ServiceThatNamesAnAdapter.class)
          .mentioning("dev.tollgate.adapter.memory.InMemoryKeyStore"),
      Plant.of("ADAPTERS_DO_NOT_DEPEND_ON_APP", AdapterThatNamesTheApp.class)
          .mentioning("dev.tollgate.app.planted.PlantedMain"),
      Plant.of("ADAPTERS_ARE_INDEPENDENT", RogueKeyStore.class)
          .mentioning("plantedrogue", "memory", "dev.tollgate.adapter.memory.InMemoryKeyStore"),
      Plant.of("ONLY_APP_NAMES_ADAPTERS", EmbeddedTollgate.class, ServiceThatNamesTheKit.class,
              ServiceThatReadsTheWire.class)
          .mentioning("dev.tollgate.adapter.memory.InMemoryStores",
              "dev.tollgate.dataplane.http.HeaderDecorator", "dev.tollgate.wire.openai.RawUsage"),
      Plant.of("NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE", WallClockPolicy.class, EntropyService.class)
          .mentioning(
              "java.time.Instant.now()", "java.time.LocalDate.now(java.time.Clock)",
              "java.time.LocalDateTime.now()", "java.time.ZonedDateTime.now()",
              "java.time.OffsetDateTime.now()", "java.time.Clock.systemUTC()",
              "java.time.Clock.systemDefaultZone()", "java.lang.System.currentTimeMillis()",
              "java.lang.System.nanoTime()", "java.util.UUID.randomUUID()",
              "java.util.Random.<init>()", "java.security.SecureRandom.<init>()",
              "java.lang.Math.random()", "java.util.concurrent.ThreadLocalRandom.current()",
              "WallClockPolicy.nowLater()", "EntropyService.randomIdLater()"),
      Plant.of("NO_FLOATING_POINT_IN_CORE", FloatPrice.class, FloatingLedger.class)
          .mentioning(
              "FloatPrice.usdPerToken> has type <double>", "FloatPrice.of(float)> has parameter 0",
              "FloatPrice.discount()> returns <java.lang.Float>",
              "FloatingLedger.totals()> returns <java.util.List<java.lang.Double>>",
              "FloatingLedger.record(", "has parameter 0 of type <java.lang.Double[]>"),
      Plant.of("OUTBOUND_PORTS_ARE_ROLE_NOUNS", SpendLedgerPort.class),
      Plant.of("SERVICES_IMPLEMENT_AN_INBOUND_PORT", FreestandingService.class),
      Plant.of("ADAPTERS_DO_NOT_DEPEND_ON_SERVICES", AdapterThatBuildsTheEngine.class)
          .mentioning("dev.tollgate.service.Tollgate"),
      Plant.of("INBOUND_PORTS_DO_NOT_DEPEND_ON_OUTBOUND_PORTS", UseCaseAnsweringAStoreType.class)
          .mentioning("dev.tollgate.port.out.HoldOutcome"),
      Plant.of("NO_OBJECT_RESULTS_IN_USE_CASES", UntypedUseCase.class, ResolveThenCast.class)
          .mentioning("UntypedUseCase.authorize(java.lang.String)",
              "ResolveThenCast.resolve(java.lang.String)"),
      Plant.of("DATAPLANE_KIT_IS_ADAPTER_CODE", KitThatNamesAnAdapterAndAService.class)
          .mentioning("dev.tollgate.adapter.memory.InMemoryKeyStore",
              "dev.tollgate.service.Tollgate"),
      Plant.of("WIRE_FORMATS_ARE_SHARED_ADAPTER_CODE", FormatThatNamesTheKitAndAService.class)
          .mentioning("dev.tollgate.dataplane.http.HttpTransport", "dev.tollgate.service.Tollgate",
              "dev.tollgate.app.planted.PlantedMain"),
      Plant.of("ONLY_THE_ROOT_MAKES_CLOCKS_AND_RANDOMNESS", SecondRoot.class)
          .mentioning("java.time.Clock.systemUTC()", "java.security.SecureRandom.<init>()"));

  /**
   * One import of every planted package, as a build would import main code: it proves the importer
   * finds the classes by package, and importing once keeps this test fast.
   */
  private static final JavaClasses ALL_PLANTED = new ClassFileImporter().importPackages(
      PLANTS.stream().flatMap(plant -> Arrays.stream(plant.packages())).distinct().toArray(String[]::new));

  static Stream<Named<Plant>> plants() {
    return PLANTS.stream().map(plant -> Named.of(plant.rule(), plant));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plants")
  void ruleFiresOnItsPlantedViolation(Plant plant) {
    ArchRule rule = TollgateRules.ALL.get(plant.rule());
    JavaClasses planted = ALL_PLANTED.that(resideInAnyPackage(plant.packages()));
    assertThat(planted.stream().map(JavaClass::getName))
        .as("the importer finds the planted classes")
        .containsAll(plant.planted().stream().map(Class::getName).toList());

    EvaluationResult result = rule.evaluate(planted);

    assertThat(result.hasViolation()).as("%s fires", plant.rule()).isTrue();
    String report = report(result);
    for (Class<?> violator : plant.planted()) {
      assertThat(report).as("the report names %s", violator.getSimpleName()).contains(violator.getName());
    }
    for (String text : plant.alsoMentioned()) {
      assertThat(report).contains(text);
    }
  }

  @Test
  void everyRuleHasAPlantedViolation() {
    assertThat(PLANTS.stream().map(Plant::rule))
        .containsExactlyInAnyOrderElementsOf(TollgateRules.ALL.keySet());
  }

  @Test
  void aSeededRandomIsNotReported() {
    String report = report(TollgateRules.NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE
        .evaluate(new ClassFileImporter().importClasses(EntropyService.class)));
    assertThat(report).contains("EntropyService.randoms()").doesNotContain("EntropyService.seeded()");
  }

  @Test
  void aClockHandedInIsNotReported() {
    String report = report(TollgateRules.ONLY_THE_ROOT_MAKES_CLOCKS_AND_RANDOMNESS
        .evaluate(new ClassFileImporter().importClasses(SecondRoot.class)));
    assertThat(report).contains("SecondRoot.clock()").doesNotContain("SecondRoot.handedIn(");
  }

  @Test
  void aLongOfNanoUsdIsNotReported() {
    String report = report(TollgateRules.NO_FLOATING_POINT_IN_CORE
        .evaluate(new ClassFileImporter().importClasses(FloatPrice.class)));
    assertThat(report).contains("FloatPrice.discount()").doesNotContain("nanoUsd");
  }

  private static String report(EvaluationResult result) {
    return result.getFailureReport().getDetails().stream().collect(Collectors.joining("\n"));
  }
}
