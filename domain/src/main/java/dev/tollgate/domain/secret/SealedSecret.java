package dev.tollgate.domain.secret;

import java.util.Arrays;
import java.util.Base64;

/**
 * A secret as stored: the id of the salt key that sealed it, the 96-bit GCM nonce, and the
 * ciphertext with its 128-bit tag. {@link #encode()} gives a versioned text form,
 * {@code v1.<key id>.<nonce>.<ciphertext>} (base64url), which {@link #parse} reads back; a later
 * format gets a new version prefix, and this one keeps opening.
 */
public final class SealedSecret {

  public static final String VERSION = "v1";
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  /** The largest plaintext plus its tag: anything longer was not sealed by Tollgate. */
  private static final int MAX_CIPHERTEXT_BYTES = SecretValue.MAX_BYTES + TAG_BYTES;

  private final SaltKeyId keyId;
  private final byte[] nonce;
  private final byte[] ciphertext;

  public SealedSecret(SaltKeyId keyId, byte[] nonce, byte[] ciphertext) {
    if (keyId == null || nonce == null || ciphertext == null) {
      throw new IllegalArgumentException("key id, nonce and ciphertext are required");
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("a nonce is " + NONCE_BYTES + " bytes");
    }
    if (ciphertext.length <= TAG_BYTES || ciphertext.length > MAX_CIPHERTEXT_BYTES) {
      throw new IllegalArgumentException(
          "a ciphertext is " + (TAG_BYTES + 1) + ".." + MAX_CIPHERTEXT_BYTES + " bytes");
    }
    this.keyId = keyId;
    this.nonce = nonce.clone();
    this.ciphertext = ciphertext.clone();
  }

  /** Reads {@link #encode()}'s form; anything else is refused with a reason (never the text). */
  public static SealedSecret parse(String encoded) {
    String[] parts = encoded == null ? new String[0] : encoded.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw new IllegalArgumentException("not a " + VERSION + " sealed secret");
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      return new SealedSecret(SaltKeyId.of(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a malformed " + VERSION + " sealed secret", e);
    }
  }

  public String encode() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return VERSION + "." + keyId.value() + "." + b64.encodeToString(nonce) + "."
        + b64.encodeToString(ciphertext);
  }

  public SaltKeyId keyId() {
    return keyId;
  }

  byte[] nonce() {
    return nonce.clone();
  }

  byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedSecret other && keyId.equals(other.keyId)
        && Arrays.equals(nonce, other.nonce) && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(nonce);
  }

  /** The key id only: the ciphertext is no secret, but a log line has no use for it. */
  @Override
  public String toString() {
    return "SealedSecret[" + VERSION + ", key " + keyId + "]";
  }
}
