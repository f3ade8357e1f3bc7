package dev.tollgate.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SealedSecret;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.port.in.ReadSecret;
import dev.tollgate.port.in.RotateSaltKey.Rotation;
import dev.tollgate.port.in.RotateSaltKeyCommand;
import dev.tollgate.port.in.StoreSecret;
import dev.tollgate.port.in.StoreSecretCommand;
import dev.tollgate.port.in.VerifySaltKey.KeyCheck;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.StoredSecret;
import dev.tollgate.service.RotateSaltKeyService;
import dev.tollgate.service.SecretsService;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The salt key's life over one store: bound on first use, refused when changed, rotated. */
class SaltKeyLifecycleTest {

  private static final SaltKey FIRST = SaltKey.of("first-salt-key-0123456789abcdef-0123");
  private static final SaltKey SECOND = SaltKey.of("second-salt-key-0123456789abcdef-012");
  private static final SecretName UPSTREAM = SecretName.of("data-plane-api-key");
  private static final SecretValue CREDENTIAL = SecretValue.of("sk-upstream-credential");

  private final SplittableRandom random = new SplittableRandom(5);
  private final SecretStore store = new InMemorySecretStore();

  private SecretsService secrets(SaltKey key) {
    return new SecretsService(store, Optional.ofNullable(key), random);
  }

  private Rotation rotate(SaltKey from, SaltKey to) {
    return new RotateSaltKeyService(store, random).rotate(new RotateSaltKeyCommand(from, to));
  }

  @Test
  void theFirstKeyBindsEvenAnEmptyStoreAndAnotherKeyIsThenRefusedByIds() {
    assertThat(secrets(FIRST).verify()).isEqualTo(new KeyCheck.Bound(FIRST.id()));
    assertThat(secrets(FIRST).verify()).isEqualTo(new KeyCheck.Verified(FIRST.id(), 0));

    assertThat(secrets(SECOND).verify()).isEqualTo(new KeyCheck.WrongKey(SECOND.id(), Set.of(FIRST.id())));
    assertThat(secrets(SECOND).store(new StoreSecretCommand(UPSTREAM, CREDENTIAL)))
        .isEqualTo(new StoreSecret.Result.WrongKey(SECOND.id(), Set.of(FIRST.id())));
  }

  @Test
  void aStoredSecretReadsBackOnlyUnderItsKey() {
    assertThat(secrets(FIRST).store(new StoreSecretCommand(UPSTREAM, CREDENTIAL)))
        .isEqualTo(new StoreSecret.Result.Stored(UPSTREAM, FIRST.id()));

    assertThat(secrets(FIRST).read(UPSTREAM)).isEqualTo(new ReadSecret.Result.Found(CREDENTIAL));
    assertThat(secrets(SECOND).read(UPSTREAM))
        .isEqualTo(new ReadSecret.Result.WrongKey(UPSTREAM, FIRST.id(), SECOND.id()));
    assertThat(secrets(null).read(UPSTREAM)).isEqualTo(new ReadSecret.Result.NoSaltKey(UPSTREAM));
    assertThat(secrets(FIRST).read(SecretName.of("other")))
        .isEqualTo(new ReadSecret.Result.NotFound(SecretName.of("other")));
    assertThat(secrets(FIRST).verify()).isEqualTo(new KeyCheck.Verified(FIRST.id(), 1));
  }

  @Test
  void withoutAKeyNothingIsStoredAndASealedStoreIsRefused() {
    assertThat(secrets(null).verify()).isEqualTo(new KeyCheck.NothingSealed());
    assertThat(secrets(null).store(new StoreSecretCommand(UPSTREAM, CREDENTIAL)))
        .isEqualTo(new StoreSecret.Result.NoSaltKey());

    secrets(FIRST).verify();

    assertThat(secrets(null).verify()).isEqualTo(new KeyCheck.NoKeyButSealed(Set.of(FIRST.id())));
  }

  @Test
  void reservedNamesAreNotTheOperators() {
    assertThat(secrets(FIRST).store(new StoreSecretCommand(SecretName.KEY_CHECK, CREDENTIAL)))
        .isEqualTo(new StoreSecret.Result.ReservedName(SecretName.KEY_CHECK));
  }

  @Test
  void aCiphertextCopiedToAnotherNameFailsTheCheck() {
    secrets(FIRST).store(new StoreSecretCommand(UPSTREAM, CREDENTIAL));
    SealedSecret moved = store.find(UPSTREAM).orElseThrow();
    SecretName webhook = SecretName.of("webhook-secret");
    store.put(new StoredSecret(webhook, moved));

    assertThat(secrets(FIRST).verify()).isEqualTo(new KeyCheck.Tampered(FIRST.id(), List.of(webhook)));
    assertThat(secrets(FIRST).read(webhook)).isEqualTo(new ReadSecret.Result.Tampered(webhook));
  }

  @Test
  void rotationMovesEverythingToTheNewKeyAndIsIdempotent() {
    secrets(FIRST).verify();
    secrets(FIRST).store(new StoreSecretCommand(UPSTREAM, CREDENTIAL));

    assertThat(rotate(FIRST, SECOND)).isEqualTo(new Rotation.Rotated(FIRST.id(), SECOND.id(), 1));

    assertThat(secrets(SECOND).verify()).isEqualTo(new KeyCheck.Verified(SECOND.id(), 1));
    assertThat(secrets(SECOND).read(UPSTREAM)).isEqualTo(new ReadSecret.Result.Found(CREDENTIAL));
    assertThat(secrets(FIRST).verify()).isEqualTo(new KeyCheck.WrongKey(FIRST.id(), Set.of(SECOND.id())));
    assertThat(rotate(FIRST, SECOND)).isEqualTo(new Rotation.AlreadyRotated(SECOND.id(), 1));
  }

  @Test
  void rotationRefusesAnOldKeyThatIsNotTheStores() {
    secrets(FIRST).verify();
    SaltKey third = SaltKey.of("third-salt-key-0123456789abcdef-01234");

    assertThat(rotate(third, SECOND))
        .isEqualTo(new Rotation.WrongKey(third.id(), SECOND.id(), Set.of(FIRST.id())));
    assertThat(rotate(FIRST, FIRST)).isEqualTo(new Rotation.SameKey(FIRST.id()));
    assertThat(secrets(FIRST).verify()).isInstanceOf(KeyCheck.Verified.class);
  }

  @Test
  void rotatingAnEmptyStoreBindsItToTheNewKey() {
    assertThat(rotate(FIRST, SECOND)).isEqualTo(new Rotation.Rotated(FIRST.id(), SECOND.id(), 0));

    assertThat(secrets(FIRST).verify()).isInstanceOf(KeyCheck.WrongKey.class);
    assertThat(secrets(SECOND).verify()).isEqualTo(new KeyCheck.Verified(SECOND.id(), 0));
  }

  @Test
  void aStoreThatKeepsChangingStopsTheRotationAfterABoundedNumberOfTries() {
    secrets(FIRST).store(new StoreSecretCommand(UPSTREAM, CREDENTIAL));
    SecretStore busy = new SecretStore() {
      @Override public PutResult put(StoredSecret secret) {
        return store.put(secret);
      }

      @Override public Optional<SealedSecret> find(SecretName name) {
        return store.find(name);
      }

      @Override public boolean remove(SecretName name) {
        return store.remove(name);
      }

      @Override public List<StoredSecret> all() {
        return store.all();
      }

      @Override public ReplaceResult replaceAll(List<StoredSecret> e, List<StoredSecret> r) {
        return ReplaceResult.CHANGED_MEANWHILE;
      }
    };

    Rotation rotation = new RotateSaltKeyService(busy, random).rotate(new RotateSaltKeyCommand(FIRST, SECOND));

    assertThat(rotation).isEqualTo(new Rotation.ChangedMeanwhile(3));
    assertThat(secrets(FIRST).read(UPSTREAM)).isEqualTo(new ReadSecret.Result.Found(CREDENTIAL));
  }
}
