package dev.tollgate.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.StoredSecret;
import dev.tollgate.port.out.contract.SecretStoreContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InMemorySecretStoreTest extends SecretStoreContract {

  @Override
  protected SecretStore newStore() {
    return new InMemorySecretStore();
  }

  @Test
  void aNewNameBeyondTheBoundIsRefusedButAnExistingOneIsReplaced() {
    SecretStore store = newStore();
    SaltKey key = SaltKey.of("memory-bound-salt-key-0123456789abcdef");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < SecretStore.MAX_SECRETS; i++) {
      SecretName name = SecretName.of("s-" + i);
      assertThat(store.put(new StoredSecret(name, key.seal(name, SecretValue.of("v"), random))))
          .isEqualTo(SecretStore.PutResult.STORED);
    }
    SecretName extra = SecretName.of("one-too-many");
    SecretName existing = SecretName.of("s-0");

    assertThat(store.put(new StoredSecret(extra, key.seal(extra, SecretValue.of("v"), random))))
        .isEqualTo(SecretStore.PutResult.FULL);
    assertThat(store.put(new StoredSecret(existing, key.seal(existing, SecretValue.of("w"), random))))
        .isEqualTo(SecretStore.PutResult.STORED);
  }
}
