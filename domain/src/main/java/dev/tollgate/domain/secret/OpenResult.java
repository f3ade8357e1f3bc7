package dev.tollgate.domain.secret;

/** What opening a sealed secret gives: the value, or why not. Never a wrong plaintext. */
public sealed interface OpenResult {

  /** The key, the name and the ciphertext all matched. */
  record Opened(SecretValue value) implements OpenResult {}

  /** Sealed under another salt key: the ids say which. */
  record WrongKey(SaltKeyId sealedWith, SaltKeyId tried) implements OpenResult {}

  /**
   * The key id matched but authentication failed: the ciphertext was altered, or it was copied
   * from another secret's name.
   */
  record Tampered(SecretName name) implements OpenResult {}
}
