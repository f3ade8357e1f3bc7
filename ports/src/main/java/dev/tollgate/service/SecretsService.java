package dev.tollgate.service;

import dev.tollgate.domain.secret.OpenResult;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.port.in.ReadSecret;
import dev.tollgate.port.in.StoreSecret;
import dev.tollgate.port.in.StoreSecretCommand;
import dev.tollgate.port.in.VerifySaltKey;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.StoredSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Secrets sealed under the configured salt key, which may be absent: then nothing can be stored,
 * and a store that holds anything sealed fails {@link #verify()}.
 */
public final class SecretsService implements StoreSecret, ReadSecret, VerifySaltKey {

  /** What the key check seals: its content is no secret, only that it opens matters. */
  static final SecretValue KEY_CHECK_VALUE = SecretValue.of("tollgate salt key check v1");

  private final SecretStore store;
  private final Optional<SaltKey> key;
  private final RandomGenerator random;

  public SecretsService(SecretStore store, Optional<SaltKey> key, RandomGenerator random) {
    this.store = store;
    this.key = key;
    this.random = random;
  }

  @Override
  public StoreSecret.Result store(StoreSecretCommand command) {
    if (command.name().isReserved()) {
      return new StoreSecret.Result.ReservedName(command.name());
    }
    if (key.isEmpty()) {
      return new StoreSecret.Result.NoSaltKey();
    }
    SaltKey k = key.get();
    StoredSecret sealed = new StoredSecret(command.name(), k.seal(command.name(), command.value(), random));
    return switch (store.put(sealed)) {
      case STORED -> new StoreSecret.Result.Stored(command.name(), k.id());
      case SEALED_UNDER_ANOTHER_KEY -> new StoreSecret.Result.WrongKey(k.id(), keyIds(store.all()));
      case FULL -> new StoreSecret.Result.Full(SecretStore.MAX_SECRETS);
    };
  }

  @Override
  public ReadSecret.Result read(SecretName name) {
    var sealed = store.find(name);
    if (sealed.isEmpty()) {
      return new ReadSecret.Result.NotFound(name);
    }
    if (key.isEmpty()) {
      return new ReadSecret.Result.NoSaltKey(name);
    }
    return switch (key.get().open(name, sealed.get())) {
      case OpenResult.Opened opened -> new ReadSecret.Result.Found(opened.value());
      case OpenResult.WrongKey wrong ->
          new ReadSecret.Result.WrongKey(name, wrong.sealedWith(), wrong.tried());
      case OpenResult.Tampered tampered -> new ReadSecret.Result.Tampered(name);
    };
  }

  @Override
  public KeyCheck verify() {
    List<StoredSecret> all = store.all();
    Set<SaltKeyId> ids = keyIds(all);
    if (key.isEmpty()) {
      return all.isEmpty() ? new KeyCheck.NothingSealed() : new KeyCheck.NoKeyButSealed(ids);
    }
    SaltKey k = key.get();
    if (!ids.isEmpty() && !ids.equals(Set.of(k.id()))) {
      return new KeyCheck.WrongKey(k.id(), ids);
    }
    List<SecretName> tampered = new ArrayList<>();
    for (StoredSecret s : all) {
      if (!(k.open(s.name(), s.sealed()) instanceof OpenResult.Opened)) {
        tampered.add(s.name());
      }
    }
    if (!tampered.isEmpty()) {
      return new KeyCheck.Tampered(k.id(), tampered);
    }
    if (all.stream().anyMatch(s -> s.name().equals(SecretName.KEY_CHECK))) {
      return new KeyCheck.Verified(k.id(), operatorSecrets(all));
    }
    return bind(k, all);
  }

  /** Writes the key check; a store bound meanwhile by another key answers as a wrong key. */
  private KeyCheck bind(SaltKey k, List<StoredSecret> before) {
    StoredSecret check = keyCheck(k, random);
    return switch (store.put(check)) {
      case STORED -> before.isEmpty()
          ? new KeyCheck.Bound(k.id())
          : new KeyCheck.Verified(k.id(), operatorSecrets(before));
      case SEALED_UNDER_ANOTHER_KEY -> new KeyCheck.WrongKey(k.id(), keyIds(store.all()));
      case FULL -> throw new IllegalStateException(
          "the secret store is full (" + SecretStore.MAX_SECRETS + ") without a key check");
    };
  }

  static StoredSecret keyCheck(SaltKey k, RandomGenerator random) {
    return new StoredSecret(SecretName.KEY_CHECK, k.seal(SecretName.KEY_CHECK, KEY_CHECK_VALUE, random));
  }

  static Set<SaltKeyId> keyIds(List<StoredSecret> all) {
    Set<SaltKeyId> ids = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
    all.forEach(s -> ids.add(s.sealed().keyId()));
    return ids;
  }

  static int operatorSecrets(List<StoredSecret> all) {
    return (int) all.stream().filter(s -> !s.name().isReserved()).count();
  }
}
