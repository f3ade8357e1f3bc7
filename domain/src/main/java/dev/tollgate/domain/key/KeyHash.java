package dev.tollgate.domain.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The only form in which a key is stored: SHA-256 of the whole key, as 64 lowercase hex digits.
 *
 * <p>Why a fast unsalted hash: a key carries about 190 random bits, so no dictionary or brute force
 * can invert its digest, and a slow password hash would cost milliseconds on every request. Unlike
 * LiteLLM, the hash is not the key's id: ids ({@link KeyId}) are separate and safe to show.
 */
public record KeyHash(String hex) {

  public KeyHash {
    if (hex == null || hex.length() != 64 || !hex.chars().allMatch(KeyHash::isLowerHex)) {
      throw new IllegalArgumentException("KeyHash must be 64 lowercase hex digits");
    }
  }

  /** Looked up once: {@code MessageDigest.getInstance} costs microseconds, a clone nanoseconds. */
  private static final MessageDigest SHA_256 = sha256();

  public static KeyHash of(ApiKeySecret secret) {
    byte[] digest = newDigest().digest(secret.reveal().getBytes(StandardCharsets.US_ASCII));
    return new KeyHash(HexFormat.of().formatHex(digest));
  }

  private static MessageDigest newDigest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
