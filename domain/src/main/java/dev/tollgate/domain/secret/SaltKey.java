package dev.tollgate.domain.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The salt key: what seals every secret at rest (AES-256-GCM). It is write-once: a database
 * remembers the id of the key that sealed it and refuses another.
 *
 * <p>Key material is at least 32 bytes (the UTF-8 bytes of the configured string, e.g. the 44
 * characters of {@code openssl rand -base64 32}). It goes through HKDF-SHA256 (RFC 5869) into two
 * independent outputs: the AES key and the key id, so the id, which is logged, says nothing about
 * the AES key. HKDF rather than a slow password hash: the material is meant to be random, as
 * LiteLLM's salt key is; a slow hash would not make a short passphrase safe and the length rule
 * already refuses one.
 *
 * <p>Each seal draws a fresh 96-bit nonce from the caller's {@link RandomGenerator} (the app passes
 * {@code SecureRandom}; at the handful of secrets a gateway holds, random nonces are far from the
 * 2^32 messages where collisions start to matter). The associated data binds the format version,
 * the key id and the secret's name.
 */
public final class SaltKey {

  public static final int MIN_MATERIAL_BYTES = 32;
  private static final byte[] HKDF_SALT = bytes("tollgate salt key v1");
  private static final String HMAC = "HmacSHA256";
  private static final String AES_GCM = "AES/GCM/NoPadding";

  private final SecretKeySpec aesKey;
  private final SaltKeyId id;

  private SaltKey(SecretKeySpec aesKey, SaltKeyId id) {
    this.aesKey = aesKey;
    this.id = id;
  }

  /** The salt key from its configured text; shorter than 32 bytes is refused, without the text. */
  public static SaltKey of(String material) {
    if (material == null) {
      throw new IllegalArgumentException("a salt key is required");
    }
    return of(material.getBytes(StandardCharsets.UTF_8));
  }

  public static SaltKey of(byte[] material) {
    if (material == null || material.length < MIN_MATERIAL_BYTES) {
      throw new IllegalArgumentException("a salt key needs at least " + MIN_MATERIAL_BYTES
          + " bytes of key material (e.g. `openssl rand -base64 32`)");
    }
    byte[] prk = hmac(HKDF_SALT, material);
    byte[] aes = hmac(prk, expandInfo("aes-256-gcm"));
    byte[] idBytes = Arrays.copyOf(hmac(prk, expandInfo("key id")), 8);
    Arrays.fill(prk, (byte) 0);
    SaltKey key = new SaltKey(new SecretKeySpec(aes, "AES"), SaltKeyId.of(HexFormat.of().formatHex(idBytes)));
    Arrays.fill(aes, (byte) 0);
    return key;
  }

  public SaltKeyId id() {
    return id;
  }

  public SealedSecret seal(SecretName name, SecretValue value, RandomGenerator random) {
    byte[] nonce = new byte[SealedSecret.NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
      cipher.updateAAD(associatedData(id, name));
      return new SealedSecret(id, nonce, cipher.doFinal(value.utf8()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
    }
  }

  public OpenResult open(SecretName name, SealedSecret sealed) {
    if (!sealed.keyId().equals(id)) {
      return new OpenResult.WrongKey(sealed.keyId(), id);
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, sealed.nonce());
      cipher.updateAAD(associatedData(id, name));
      byte[] plain = cipher.doFinal(sealed.ciphertext());
      String text = new String(plain, StandardCharsets.UTF_8);
      Arrays.fill(plain, (byte) 0);
      return new OpenResult.Opened(SecretValue.of(text));
    } catch (AEADBadTagException e) {
      return new OpenResult.Tampered(name);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(AES_GCM);
    cipher.init(mode, aesKey, new GCMParameterSpec(SealedSecret.TAG_BYTES * 8, nonce));
    return cipher;
  }

  private static byte[] associatedData(SaltKeyId id, SecretName name) {
    return bytes("tollgate secret\0" + SealedSecret.VERSION + "\0" + id.value() + "\0" + name.value());
  }

  /** HKDF-Expand for one block (32 bytes): info followed by the counter 0x01. */
  private static byte[] expandInfo(String info) {
    byte[] label = bytes(info);
    return ByteBuffer.allocate(label.length + 1).put(label).put((byte) 1).array();
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SaltKey[id=" + id + "]";
  }
}
