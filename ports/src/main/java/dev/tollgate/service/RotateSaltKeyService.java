package dev.tollgate.service;

import dev.tollgate.domain.secret.OpenResult;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.port.in.RotateSaltKey;
import dev.tollgate.port.in.RotateSaltKeyCommand;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.StoredSecret;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Opens every stored secret with the old key and re-seals it under the new one, then swaps them
 * all at once ({@link SecretStore#replaceAll}). Secrets already under the new key are only
 * checked, so a re-run after success (or after a crash) changes nothing. A store that changed
 * between the read and the swap is read again, at most {@link #MAX_ATTEMPTS} times.
 */
public final class RotateSaltKeyService implements RotateSaltKey {

  static final int MAX_ATTEMPTS = 3;

  private final SecretStore store;
  private final RandomGenerator random;

  public RotateSaltKeyService(SecretStore store, RandomGenerator random) {
    this.store = store;
    this.random = random;
  }

  @Override
  public Rotation rotate(RotateSaltKeyCommand command) {
    SaltKey from = command.from();
    SaltKey to = command.to();
    if (from.id().equals(to.id())) {
      return new Rotation.SameKey(to.id());
    }
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      List<StoredSecret> all = store.all();
      Set<SaltKeyId> ids = SecretsService.keyIds(all);
      if (!Set.of(from.id(), to.id()).containsAll(ids)) {
        return new Rotation.WrongKey(from.id(), to.id(), ids);
      }
      if (all.isEmpty()) {
        // Nothing to carry over: bind the store to the new key so the old one is refused.
        if (store.put(SecretsService.keyCheck(to, random)) == SecretStore.PutResult.STORED) {
          return new Rotation.Rotated(from.id(), to.id(), 0);
        }
        continue;
      }
      Resealed resealed = reseal(all, from, to);
      if (!resealed.tampered().isEmpty()) {
        return new Rotation.Tampered(resealed.tampered());
      }
      int secrets = SecretsService.operatorSecrets(all);
      if (resealed.changed() == 0) {
        return new Rotation.AlreadyRotated(to.id(), secrets);
      }
      if (store.replaceAll(all, resealed.replacement()) == SecretStore.ReplaceResult.REPLACED) {
        return new Rotation.Rotated(from.id(), to.id(), secrets);
      }
    }
    return new Rotation.ChangedMeanwhile(MAX_ATTEMPTS);
  }

  private record Resealed(List<StoredSecret> replacement, int changed, List<SecretName> tampered) {}

  private Resealed reseal(List<StoredSecret> all, SaltKey from, SaltKey to) {
    List<StoredSecret> replacement = new ArrayList<>(all.size());
    List<SecretName> tampered = new ArrayList<>();
    int changed = 0;
    for (StoredSecret s : all) {
      boolean done = s.sealed().keyId().equals(to.id());
      SaltKey opener = done ? to : from;
      if (opener.open(s.name(), s.sealed()) instanceof OpenResult.Opened opened) {
        replacement.add(done ? s : new StoredSecret(s.name(), to.seal(s.name(), opened.value(), random)));
        changed += done ? 0 : 1;
      } else {
        tampered.add(s.name());
      }
    }
    return new Resealed(replacement, changed, tampered);
  }
}
