package dev.tollgate.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hexagon of HOUSE-STYLE.md as ArchUnit rules. Each rule is a constant so that the same object
 * is checked against the real classes ({@link ArchitectureTest}) and against planted violations
 * ({@link PlantedViolationsTest}); a rule that never fires proves nothing.
 */
public final class TollgateRules {

  private TollgateRules() {}

  static final String DOMAIN = "dev.tollgate.domain..";
  static final String PORTS = "dev.tollgate.port..";
  static final String SERVICES = "dev.tollgate.service..";
  static final String ADAPTERS = "dev.tollgate.adapter..";
  static final String APP = "dev.tollgate.app..";
  static final String PORT_IN = "dev.tollgate.port.in..";
  static final String PORT_OUT = "dev.tollgate.port.out..";
  /** The data-plane kit (module dataplane-http): adapter code several data-plane adapters share. */
  static final String DATAPLANE_KIT = "dev.tollgate.dataplane..";
  /** The wire formats (module wire): what OpenAI's and Anthropic's requests and answers look like. */
  static final String WIRE = "dev.tollgate.wire..";

  /** The economic core: what the {@code domain} and {@code ports} modules hold. */
  static final String[] CORE = {DOMAIN, PORTS, SERVICES};

  /** Frameworks and infrastructure APIs that belong in adapters or the app, never in the core. */
  static final String[] FRAMEWORKS = {
    "com.google.inject..", // Guice
    "io.helidon..",
    "org.apache.ibatis..", "org.mybatis..", // MyBatis
    "io.lettuce..",
    "java.sql..", "javax.sql..", // JDBC
    "java.net.http..", "okhttp3..", "org.apache.hc..", // HTTP clients
    "org.slf4j..",
    "com.fasterxml..", // Jackson
    "jakarta..",
  };

  // 1. The domain is plain Java: anything else would tie pricing math to a library's lifecycle.
  // javax.crypto is the one javax package allowed: it is java.base (AES-GCM and HMAC have no
  // java.* home) and sealing secrets at rest is domain logic (dev.tollgate.domain.secret).
  public static final ArchRule DOMAIN_DEPENDS_ON_JDK_ONLY =
      classes().that().resideInAPackage(DOMAIN)
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", DOMAIN)
          .because("the domain module depends on the JDK only (no javax but javax.crypto, no"
              + " jakarta, no libraries)");

  // 2a. Frameworks are wiring and transport; the core must run without them.
  public static final ArchRule NO_FRAMEWORK_IN_CORE =
      noClasses().that().resideInAnyPackage(CORE)
          .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
          .because("Guice, Helidon, MyBatis, Lettuce, JDBC, HTTP clients, SLF4J, Jackson and Jakarta"
              + " belong in adapters and the app");

  // 2b. The ports module sees the domain and the JDK; everything else arrives through port.out.
  public static final ArchRule PORTS_DEPEND_ON_DOMAIN_AND_JDK_ONLY =
      classes().that().resideInAnyPackage(PORTS, SERVICES)
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, PORTS, SERVICES)
          .because("the ports module depends on the domain and the JDK only");

  // 3. Layering, inside out: domain <- ports <- adapters <- app.
  public static final ArchRule DOMAIN_DOES_NOT_DEPEND_ON_OUTER_LAYERS =
      noClasses().that().resideInAPackage(DOMAIN)
          .should().dependOnClassesThat().resideInAnyPackage(PORTS, SERVICES, ADAPTERS, APP)
          .because("the domain is the innermost layer");

  public static final ArchRule PORTS_DO_NOT_DEPEND_ON_ADAPTERS_OR_APP =
      noClasses().that().resideInAnyPackage(PORTS, SERVICES)
          .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS, APP)
          .because("ports declare what the core needs; adapters fulfil it, not the other way round");

  public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_APP =
      noClasses().that().resideInAPackage(ADAPTERS)
          .should().dependOnClassesThat().resideInAPackage(APP)
          .because("the app wires adapters; an adapter never reaches back into the app");

  // 4. One technology per adapter; sharing code between two means it belongs in ports or domain.
  public static final ArchRule ADAPTERS_ARE_INDEPENDENT =
      slices().matching("dev.tollgate.adapter.(*)..")
          .should().notDependOnEachOther()
          .because("each adapter is one technology and never uses another adapter");

  // 5. Picking a backend happens in one place, from configuration. The data-plane kit and the wire
  // formats count as adapter code here: only adapters (and each other) and the app may name them.
  public static final ArchRule ONLY_APP_NAMES_ADAPTERS =
      noClasses().that().resideOutsideOfPackages(ADAPTERS, DATAPLANE_KIT, WIRE, APP)
          .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS, DATAPLANE_KIT, WIRE)
          .because("only the app names concrete adapters (and the data-plane kit and wire formats"
              + " they share)");

  // 6. Time and randomness are inputs, so that every decision can be replayed in a test.
  public static final ArchRule NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE =
      noClasses().that().resideInAnyPackage(CORE)
          .should().accessTargetWhere(CoreConditions.targetsAnyOf(CoreConditions.SYSTEM_CLOCK_AND_ENTROPY))
          .because("the domain takes now as a parameter and services take a Clock and a RandomGenerator");

  // 7. Money and tokens are exact: BigDecimal or a long of a fixed sub-unit.
  public static final ArchRule NO_FLOATING_POINT_IN_CORE =
      classes().that().resideInAnyPackage(CORE)
          .should(CoreConditions.declareNoFloatingPointInSignatures())
          .because("money and token counts are never binary floating point");

  // 9a. Outbound ports are role nouns: KeyStore, SpendLedger, not KeyStorePort.
  public static final ArchRule OUTBOUND_PORTS_ARE_ROLE_NOUNS =
      noClasses().that().resideInAPackage("dev.tollgate.port.out..").and().areInterfaces()
          .should().haveSimpleNameEndingWith("Port")
          .because("outbound ports are role nouns without a Port suffix");

  // 9b. A *Service is the implementation of a use case, so it implements one.
  public static final ArchRule SERVICES_IMPLEMENT_AN_INBOUND_PORT =
      classes().that().resideInAPackage(SERVICES).and().haveSimpleNameEndingWith("Service")
          .and().areNotInterfaces()
          .should().implement(resideInAPackage("dev.tollgate.port.in..").as("an inbound port"))
          .because("a *Service implements a use case from port.in");

  // 10. An adapter fulfils an outbound port; building or calling the use cases is the app's job.
  // (The Stores bundle an adapter hands out is a port.out type for this reason.)
  public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_SERVICES =
      noClasses().that().resideInAnyPackage(ADAPTERS, DATAPLANE_KIT)
          .should().dependOnClassesThat().resideInAPackage(SERVICES)
          .because("adapters implement port.out and never reach the services");

  // 11. What a use case takes and answers is the domain's vocabulary or its own command and
  // answer types; a value both sides share (a spend query, a budget snapshot) lives in the domain.
  public static final ArchRule INBOUND_PORTS_DO_NOT_DEPEND_ON_OUTBOUND_PORTS =
      noClasses().that().resideInAPackage(PORT_IN)
          .should().dependOnClassesThat().resideInAPackage(PORT_OUT)
          .because("port.in speaks the domain's records, never an outbound port's types");

  // 12. Results are typed: a use case or a step of one answers a sealed type or a record, never
  // an Object the caller must cast. Bridge and synthetic methods are the compiler's, not ours; a
  // type variable (AdminResult.Done's T) is typed where it is used.
  public static final ArchRule NO_OBJECT_RESULTS_IN_USE_CASES =
      methods().that().areDeclaredInClassesThat().resideInAnyPackage(PORT_IN, SERVICES)
          .and().doNotHaveModifier(JavaModifier.BRIDGE)
          .and().doNotHaveModifier(JavaModifier.SYNTHETIC)
          .should(CoreConditions.notReturnPlainObject())
          .because("outcomes are sealed types switched over exhaustively, not Objects and casts");

  // 13. The data-plane kit is adapter code: it stands on ports and domain like any adapter.
  public static final ArchRule DATAPLANE_KIT_IS_ADAPTER_CODE =
      noClasses().that().resideInAPackage(DATAPLANE_KIT)
          .should().dependOnClassesThat().resideInAnyPackage(SERVICES, ADAPTERS, APP)
          .because("dataplane-http is shared by data-plane adapters and uses none of them, no"
              + " service and not the app");

  // 14. The wire formats are what the app, the data-plane kit and the simulator share about
  // OpenAI's and Anthropic's shapes, so they sit below all three: ports, domain and Jackson only.
  public static final ArchRule WIRE_FORMATS_ARE_SHARED_ADAPTER_CODE =
      noClasses().that().resideInAPackage(WIRE)
          .should().dependOnClassesThat().resideInAnyPackage(SERVICES, ADAPTERS, DATAPLANE_KIT, APP)
          .because("the wire module is shared by the app, the data-plane kit and the adapters, so"
              + " it uses none of them, no service and not the app");

  // 15. One composition root: every entry point (serve, the CLI, import, secrets, smoke) is handed
  // the Clock and the RandomGenerator that dev.tollgate.app.wiring.Root makes; nothing else in the
  // app makes its own, so a test that gives the root a fixed clock controls the whole graph.
  static final String ROOT = "dev.tollgate.app.wiring.Root";

  public static final ArchRule ONLY_THE_ROOT_MAKES_CLOCKS_AND_RANDOMNESS =
      noClasses().that().resideInAPackage(APP).and().doNotHaveFullyQualifiedName(ROOT)
          .should().accessTargetWhere(
              CoreConditions.targetsAnyOf(CoreConditions.ROOT_OWNED_CLOCK_AND_ENTROPY))
          .because("the composition root (" + ROOT + ") makes the one Clock and RandomGenerator"
              + " that the server and the CLI are handed");

  // 8 (a package-info.java per package) needs the source tree: see SourceRules.

  /** Every ArchUnit rule by name; both test classes iterate this. */
  public static final Map<String, ArchRule> ALL = all();

  private static Map<String, ArchRule> all() {
    Map<String, ArchRule> rules = new LinkedHashMap<>();
    rules.put("DOMAIN_DEPENDS_ON_JDK_ONLY", DOMAIN_DEPENDS_ON_JDK_ONLY);
    rules.put("NO_FRAMEWORK_IN_CORE", NO_FRAMEWORK_IN_CORE);
    rules.put("PORTS_DEPEND_ON_DOMAIN_AND_JDK_ONLY", PORTS_DEPEND_ON_DOMAIN_AND_JDK_ONLY);
    rules.put("DOMAIN_DOES_NOT_DEPEND_ON_OUTER_LAYERS", DOMAIN_DOES_NOT_DEPEND_ON_OUTER_LAYERS);
    rules.put("PORTS_DO_NOT_DEPEND_ON_ADAPTERS_OR_APP", PORTS_DO_NOT_DEPEND_ON_ADAPTERS_OR_APP);
    rules.put("ADAPTERS_DO_NOT_DEPEND_ON_APP", ADAPTERS_DO_NOT_DEPEND_ON_APP);
    rules.put("ADAPTERS_ARE_INDEPENDENT", ADAPTERS_ARE_INDEPENDENT);
    rules.put("ONLY_APP_NAMES_ADAPTERS", ONLY_APP_NAMES_ADAPTERS);
    rules.put("NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE", NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE);
    rules.put("NO_FLOATING_POINT_IN_CORE", NO_FLOATING_POINT_IN_CORE);
    rules.put("OUTBOUND_PORTS_ARE_ROLE_NOUNS", OUTBOUND_PORTS_ARE_ROLE_NOUNS);
    rules.put("SERVICES_IMPLEMENT_AN_INBOUND_PORT", SERVICES_IMPLEMENT_AN_INBOUND_PORT);
    rules.put("ADAPTERS_DO_NOT_DEPEND_ON_SERVICES", ADAPTERS_DO_NOT_DEPEND_ON_SERVICES);
    rules.put("INBOUND_PORTS_DO_NOT_DEPEND_ON_OUTBOUND_PORTS",
        INBOUND_PORTS_DO_NOT_DEPEND_ON_OUTBOUND_PORTS);
    rules.put("NO_OBJECT_RESULTS_IN_USE_CASES", NO_OBJECT_RESULTS_IN_USE_CASES);
    rules.put("DATAPLANE_KIT_IS_ADAPTER_CODE", DATAPLANE_KIT_IS_ADAPTER_CODE);
    rules.put("WIRE_FORMATS_ARE_SHARED_ADAPTER_CODE", WIRE_FORMATS_ARE_SHARED_ADAPTER_CODE);
    rules.put("ONLY_THE_ROOT_MAKES_CLOCKS_AND_RANDOMNESS", ONLY_THE_ROOT_MAKES_CLOCKS_AND_RANDOMNESS);
    return Collections.unmodifiableMap(rules);
  }
}
