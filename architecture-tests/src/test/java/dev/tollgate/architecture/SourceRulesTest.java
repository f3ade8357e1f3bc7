package dev.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link SourceRules} hold for the real source tree. */
class SourceRulesTest {

  private static final Path ROOT = SourceRules.projectRoot();

  /** javax.crypto is java.base: the domain seals secrets with it (see TollgateRules). */
  static final List<String> DOMAIN_IMPORTS =
      List.of("java.", "javax.crypto.", "dev.tollgate.domain.");
  static final List<String> PORTS_IMPORTS =
      List.of("java.", "dev.tollgate.domain.", "dev.tollgate.port.", "dev.tollgate.service.");

  @Test
  void everyMainPackageHasAPackageInfo() {
    List<Path> roots = SourceRules.mainSourceRoots(ROOT);
    assertThat(roots).as("main source roots").contains(
        ROOT.resolve("domain/src/main/java"),
        ROOT.resolve("ports/src/main/java"),
        ROOT.resolve("adapters-memory/src/main/java"));
    for (Path root : roots) {
      assertThat(SourceRules.packagesWithoutPackageInfo(root))
          .as("packages without package-info.java under %s", ROOT.relativize(root))
          .isEmpty();
    }
  }

  /** An unused {@code import com.google.inject.Inject;} leaves no class-file trace; this sees it. */
  @Test
  void domainSourcesImportOnlyTheJdkAndTheDomain() {
    assertThat(SourceRules.importsOutside(ROOT.resolve("domain/src/main/java"), DOMAIN_IMPORTS)).isEmpty();
  }

  @Test
  void portsSourcesImportOnlyTheJdkTheDomainAndThemselves() {
    assertThat(SourceRules.importsOutside(ROOT.resolve("ports/src/main/java"), PORTS_IMPORTS)).isEmpty();
  }

  /**
   * With nothing but test dependencies on its class path, a domain source that imports Guice does
   * not compile. The parent's {@code <dependencies>} are inherited, so it is checked too.
   */
  @Test
  void theDomainBuildHasNoCompileOrRuntimeDependencies() {
    assertThat(SourceRules.nonTestDependencies(ROOT.resolve("domain/pom.xml"))).isEmpty();
    assertThat(SourceRules.nonTestDependencies(ROOT.resolve("pom.xml"))).isEmpty();
  }

  /**
   * A module missing from this module's dependencies would be skipped by every ArchUnit rule. When
   * this fails, add the module to architecture-tests/pom.xml with test scope.
   */
  @Test
  void everyModuleWithMainCodeIsOnThisModulesClassPath() {
    List<String> ours = SourceRules.dependencyArtifactIds(ROOT.resolve("architecture-tests/pom.xml"));
    List<String> modules = SourceRules.modules(ROOT.resolve("pom.xml"));
    assertThat(modules).contains("domain", "ports", "adapters-memory");
    List<String> missing = modules.stream()
        .filter(module -> SourceRules.hasJavaTypes(ROOT.resolve(module).resolve("src/main/java")))
        // Load harnesses and JMH benchmarks: they wire adapters as app-helidon does, and ship nothing.
        .filter(module -> !module.equals("benchmarks"))
        .map(module -> SourceRules.artifactId(ROOT.resolve(module).resolve("pom.xml")))
        .filter(artifactId -> !ours.contains(artifactId))
        .toList();
    assertThat(missing)
        .as("modules with main classes that architecture-tests/pom.xml does not depend on")
        .isEmpty();
  }
}
