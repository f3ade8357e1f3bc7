package dev.tollgate.adapter.memory;

import dev.tollgate.domain.secret.SealedSecret;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.StoredSecret;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Sealed secrets in a sorted map; one lock, since writes are rare and must see the whole store. */
public final class InMemorySecretStore implements SecretStore {

  private final TreeMap<String, StoredSecret> secrets = new TreeMap<>();

  @Override
  public synchronized PutResult put(StoredSecret secret) {
    boolean otherKey = secrets.values().stream()
        .anyMatch(s -> !s.sealed().keyId().equals(secret.sealed().keyId()));
    if (otherKey) {
      return PutResult.SEALED_UNDER_ANOTHER_KEY;
    }
    if (!secrets.containsKey(secret.name().value()) && secrets.size() >= MAX_SECRETS) {
      return PutResult.FULL;
    }
    secrets.put(secret.name().value(), secret);
    return PutResult.STORED;
  }

  @Override
  public synchronized Optional<SealedSecret> find(SecretName name) {
    return Optional.ofNullable(secrets.get(name.value())).map(StoredSecret::sealed);
  }

  @Override
  public synchronized boolean remove(SecretName name) {
    return secrets.remove(name.value()) != null;
  }

  @Override
  public synchronized List<StoredSecret> all() {
    return List.copyOf(secrets.values());
  }

  @Override
  public synchronized ReplaceResult replaceAll(
      List<StoredSecret> expected, List<StoredSecret> replacement) {
    SecretStore.requireSameNames(expected, replacement);
    if (!all().equals(expected.stream().sorted(
        (a, b) -> BY_NAME.compare(a.name(), b.name())).toList())) {
      return ReplaceResult.CHANGED_MEANWHILE;
    }
    replacement.forEach(s -> secrets.put(s.name().value(), s));
    return ReplaceResult.REPLACED;
  }
}
