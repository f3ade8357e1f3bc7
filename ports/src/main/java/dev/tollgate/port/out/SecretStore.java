package dev.tollgate.port.out;

import dev.tollgate.domain.secret.SealedSecret;
import dev.tollgate.domain.secret.SecretName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Secrets sealed under the salt key, by name. Never holds a secret in the clear. The store keeps
 * the salt key write-once on its own: it never holds ciphertexts of two key ids, except for the
 * instant of an atomic {@link #replaceAll}.
 */
public interface SecretStore {

  /** A gateway holds a handful of credentials; the bound keeps {@link #all} one small read. */
  int MAX_SECRETS = 1_000;

  enum PutResult {
    STORED,
    /** Something in the store is sealed under another key id: nothing was written. */
    SEALED_UNDER_ANOTHER_KEY,
    /** A new name would exceed {@link #MAX_SECRETS}: nothing was written. */
    FULL
  }

  enum ReplaceResult {
    REPLACED,
    /** The store no longer held exactly what was expected: nothing was replaced. */
    CHANGED_MEANWHILE
  }

  /**
   * Inserts or replaces the secret of this name, unless anything stored is sealed under another
   * key id (the check and the write are atomic).
   */
  PutResult put(StoredSecret secret);

  Optional<SealedSecret> find(SecretName name);

  /** Removes the secret of this name (a webhook's, when its subscription goes): false if none. */
  boolean remove(SecretName name);

  /** Every stored secret, ordered by name. */
  List<StoredSecret> all();

  /**
   * Swaps every stored secret in one step (rotation): if the store holds exactly {@code expected}
   * (as {@link #all} answered it), each is replaced by the entry of the same name in
   * {@code replacement}; otherwise nothing changes. Both must name the same secrets.
   */
  ReplaceResult replaceAll(List<StoredSecret> expected, List<StoredSecret> replacement);

  /** The check {@link #replaceAll} implementations start with: the same names, each once. */
  static void requireSameNames(List<StoredSecret> expected, List<StoredSecret> replacement) {
    List<SecretName> a = expected.stream().map(StoredSecret::name).sorted(BY_NAME).toList();
    List<SecretName> b = replacement.stream().map(StoredSecret::name).sorted(BY_NAME).toList();
    if (!a.equals(b) || a.stream().distinct().count() != a.size()) {
      throw new IllegalArgumentException("a replacement names exactly the expected secrets, once each");
    }
  }

  /** The order of {@link #all}. */
  Comparator<SecretName> BY_NAME = Comparator.comparing(SecretName::value);
}
