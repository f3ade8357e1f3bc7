package dev.tollgate.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemorySecretStore;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.port.in.StoreSecretCommand;
import dev.tollgate.service.AdmissionSettings;
import dev.tollgate.service.SecretsService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed embedded store started without its salt key is refused and nothing is written: a key
 * file made before the refusal would be taken, wrongly, by every later key-less start.
 */
class SealedStoreWithoutKeyTest {

  @TempDir Path dir;

  private GatewayConfig embedded() {
    StoreSettings store = new StoreSettings("embedded", Optional.empty(), "tollgate", true,
        dir.resolve("pgdata"), dir.resolve("journal"), 2);
    return new GatewayConfig(
        new GatewayConfig.Server("127.0.0.1", 0, 1024, 1024),
        new GatewayConfig.DataPlaneSettings("simulated", Optional.empty(), Duration.ofSeconds(1),
            Duration.ZERO, Duration.ZERO),
        AdmissionSettings.DEFAULTS, List.of(), List.of(), List.of(), Optional.empty(),
        Optional.empty(), store, Optional.empty(), Optional.empty());
  }

  @Test
  void aSealedStoreWithoutItsKeyIsRefusedAndNoKeyFileIsWritten() {
    InMemorySecretStore store = new InMemorySecretStore();
    SaltKey original = SaltKey.of("the-original-salt-key-0123456789abcdefgh");
    new SecretsService(store, Optional.of(original), new SecureRandom())
        .store(new StoreSecretCommand(SecretName.of("data-plane-api-key"), SecretValue.of("sk-x")));

    for (int start = 0; start < 2; start++) {
      assertThatThrownBy(() -> new SecretsModule().secrets(embedded(), store, new SecureRandom()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(original.id().value());
      assertThat(dir.resolve(SaltKeySource.FILE_NAME)).doesNotExist();
    }
  }

  @Test
  void anEmptyEmbeddedStoreStillGetsAGeneratedKey() {
    InMemorySecretStore store = new InMemorySecretStore();

    new SecretsModule().secrets(embedded(), store, new SecureRandom());

    assertThat(dir.resolve(SaltKeySource.FILE_NAME)).exists();
  }
}
