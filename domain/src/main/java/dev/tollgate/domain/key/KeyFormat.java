package dev.tollgate.domain.key;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;

/**
 * The shape of a Tollgate key: {@code sk-tg-} + 32 base62 random characters (about 190 bits) + a
 * 6-character base62 CRC32 of everything before it, 44 characters in all. The checksum lets a
 * mistyped or truncated key be refused without any lookup (GitHub's token scheme).
 */
public final class KeyFormat {

  public static final String PREFIX = "sk-tg-";
  static final int RANDOM_CHARS = 32;
  static final int CHECKSUM_CHARS = 6;
  public static final int LENGTH = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private KeyFormat() {}

  /** What a presented string turned out to be. */
  public sealed interface Parsed permits Wellformed, Malformed {}

  /** Prefix, length, alphabet and checksum all right. */
  public record Wellformed(ApiKeySecret secret) implements Parsed {}

  /** Refused before any lookup; {@code why} is safe to show the client. */
  public record Malformed(String why) implements Parsed {}

  /**
   * A new key from a cryptographically strong generator (the caller passes
   * {@code SecureRandom}; tests pass a seeded one).
   */
  public static ApiKeySecret mint(RandomGenerator random) {
    StringBuilder sb = new StringBuilder(LENGTH).append(PREFIX);
    for (int i = 0; i < RANDOM_CHARS; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    sb.append(checksum(sb));
    return new ApiKeySecret(sb.toString());
  }

  public static Parsed parse(String presented) {
    if (presented == null || presented.isEmpty()) {
      return new Malformed("no API key was given");
    }
    if (!presented.startsWith(PREFIX)) {
      return new Malformed("API keys start with " + PREFIX);
    }
    if (presented.length() != LENGTH) {
      return new Malformed("API keys are " + LENGTH + " characters long");
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (ALPHABET.indexOf(presented.charAt(i)) < 0) {
        return new Malformed("API key contains a character that is not a letter or digit");
      }
    }
    String body = presented.substring(0, LENGTH - CHECKSUM_CHARS);
    if (!checksum(body).equals(presented.substring(LENGTH - CHECKSUM_CHARS))) {
      return new Malformed("API key checksum does not match (mistyped or truncated key)");
    }
    return new Wellformed(new ApiKeySecret(presented));
  }

  private static String checksum(CharSequence body) {
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_CHARS];
    for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
      value /= ALPHABET.length();
    }
    return new String(out);
  }
}
