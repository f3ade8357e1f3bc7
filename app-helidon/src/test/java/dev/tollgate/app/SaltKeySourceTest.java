package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.wiring.SaltKeySource;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.service.AdmissionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the salt key comes from, without a database. */
class SaltKeySourceTest {

  /** Key material for the tests; the root hands a SecureRandom in production. */
  private static final java.util.random.RandomGenerator RANDOM = new java.util.SplittableRandom(7);

  @TempDir Path dir;

  private GatewayConfig config(String type, String saltKey) {
    StoreSettings store = new StoreSettings(type,
        type.equals("postgres") ? Optional.of("jdbc:postgresql://127.0.0.1/none") : Optional.empty(),
        "tollgate", true, dir.resolve("pgdata"), dir.resolve("journal"), 2);
    return new GatewayConfig(
        new GatewayConfig.Server("127.0.0.1", 0, 1024, 1024),
        new GatewayConfig.DataPlaneSettings("simulated", Optional.empty(), Duration.ofSeconds(1),
            Duration.ZERO, Duration.ZERO),
        AdmissionSettings.DEFAULTS, List.of(), List.of(), List.of(), Optional.empty(),
        Optional.empty(), store, Optional.empty(), Optional.ofNullable(saltKey).map(Secret::new));
  }

  @Test
  void theEmbeddedQuickStartGeneratesAPrivateKeyBesideItsDataOnceAndKeepsIt() throws Exception {
    SaltKeySource.Resolved first = SaltKeySource.resolve(config("embedded", null), true, RANDOM);
    SaltKeySource.Resolved second = SaltKeySource.resolve(config("embedded", null), true, RANDOM);

    Path file = dir.resolve("salt-key");
    assertThat(first.generatedFile()).contains(file);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(second.key().orElseThrow().id()).isEqualTo(first.key().orElseThrow().id());
    assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(SaltKey.MIN_MATERIAL_BYTES);
    assertThat(first.describe()).contains(first.key().get().id().value()).doesNotContain(Files.readString(file).strip());
  }

  @Test
  void aConfiguredKeyWinsAndNothingIsGenerated() {
    String material = "configured-salt-key-0123456789abcdefghij";

    SaltKeySource.Resolved resolved = SaltKeySource.resolve(config("embedded", material), true, RANDOM);

    assertThat(resolved.key().orElseThrow().id()).isEqualTo(SaltKey.of(material).id());
    assertThat(resolved.generatedFile()).isEmpty();
    assertThat(dir.resolve("salt-key")).doesNotExist();
  }

  @Test
  void aConfiguredPostgresWithoutAKeyGetsNone() {
    assertThat(SaltKeySource.resolve(config("postgres", null), true, RANDOM).key()).isEmpty();
    assertThat(SaltKeySource.resolve(config("embedded", null), false, RANDOM).key()).isEmpty();
    assertThat(dir.resolve("salt-key")).doesNotExist();
  }

  @Test
  void aShortKeyIsRefusedNamingTheVariableNotTheValue() {
    assertThatThrownBy(() -> SaltKeySource.resolve(config("postgres", "too-short-a-key"), true, RANDOM))
        .hasMessageContaining("TOLLGATE_SALT_KEY")
        .hasMessageContaining("32 bytes")
        .message().doesNotContain("too-short-a-key");
  }

  @Test
  void aRotatedGeneratedFileHoldsTheNewKeyPrivately() throws Exception {
    SaltKeySource.Resolved first = SaltKeySource.resolve(config("embedded", null), true, RANDOM);
    String next = "the-next-salt-key-0123456789abcdefghijkl";

    SaltKeySource.replaceGenerated(first.generatedFile().orElseThrow(), new Secret(next));

    assertThat(SaltKeySource.resolve(config("embedded", null), false, RANDOM).key().orElseThrow().id())
        .isEqualTo(SaltKey.of(next).id());
    assertThat(Files.getPosixFilePermissions(dir.resolve("salt-key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
