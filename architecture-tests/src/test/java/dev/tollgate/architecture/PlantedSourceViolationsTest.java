package dev.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of {@link SourceRules} fires on a small tree planted in a temporary directory. */
class PlantedSourceViolationsTest {

  @TempDir Path tree;

  @Test
  void aPackageWithoutPackageInfoIsReported() throws IOException {
    write("dev/tollgate/domain/money/package-info.java", "package dev.tollgate.domain.money;");
    write("dev/tollgate/domain/money/Money.java", "package dev.tollgate.domain.money; class Money {}");
    write("dev/tollgate/domain/orphan/Orphan.java", "package dev.tollgate.domain.orphan; class Orphan {}");
    Files.createDirectories(tree.resolve("dev/tollgate/empty"));

    assertThat(SourceRules.packagesWithoutPackageInfo(tree)).containsExactly("dev.tollgate.domain.orphan");
  }

  @Test
  void anUnusedFrameworkImportInTheDomainIsReported() throws IOException {
    write("dev/tollgate/domain/money/Money.java", """
        package dev.tollgate.domain.money;

        import com.google.inject.Inject;
        import static java.util.Objects.requireNonNull;
        import  javax.annotation.processing.Generated ;
        import static jakarta.inject.Named.*;
        import java.math.BigDecimal;
        import dev.tollgate.domain.usage.TokenUsage;
        import dev.tollgate.port.out.KeyStore;

        /** import org.slf4j.Logger; in a comment is not an import. */
        record Money(BigDecimal amount) {}
        """);

    assertThat(SourceRules.importsOutside(tree, SourceRulesTest.DOMAIN_IMPORTS)).containsExactly(
        "dev/tollgate/domain/money/Money.java:3: com.google.inject.Inject",
        "dev/tollgate/domain/money/Money.java:5: javax.annotation.processing.Generated",
        "dev/tollgate/domain/money/Money.java:6: jakarta.inject.Named.*",
        "dev/tollgate/domain/money/Money.java:9: dev.tollgate.port.out.KeyStore");
  }

  @Test
  void aPortImportingAnAdapterIsReported() throws IOException {
    write("dev/tollgate/service/Wiring.java", """
        package dev.tollgate.service;
        import dev.tollgate.adapter.memory.InMemoryStores;
        class Wiring {}
        """);

    assertThat(SourceRules.importsOutside(tree, SourceRulesTest.PORTS_IMPORTS))
        .containsExactly("dev/tollgate/service/Wiring.java:2: dev.tollgate.adapter.memory.InMemoryStores");
  }

  @Test
  void aDomainPomWithACompileDependencyIsReported() throws IOException {
    Path pom = write("pom.xml", """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <artifactId>tollgate-domain</artifactId>
          <dependencyManagement><dependencies><dependency>
            <groupId>managed</groupId><artifactId>only-a-version</artifactId>
          </dependency></dependencies></dependencyManagement>
          <dependencies>
            <dependency><groupId>com.google.inject</groupId><artifactId>guice</artifactId></dependency>
            <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><scope>provided</scope></dependency>
            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
          </dependencies>
          <profiles><profile><dependencies>
            <dependency><groupId>io.helidon</groupId><artifactId>helidon</artifactId><scope>runtime</scope></dependency>
          </dependencies></profile></profiles>
        </project>
        """);

    assertThat(SourceRules.nonTestDependencies(pom)).containsExactly(
        "com.google.inject:guice:compile", "org.slf4j:slf4j-api:provided", "io.helidon:helidon:runtime");
  }

  private Path write(String relative, String content) throws IOException {
    Path file = tree.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
