package dev.tollgate.domain.key;

import java.util.Optional;

/**
 * The shape of a key imported from LiteLLM: {@code sk-} and then URL-safe base64 characters
 * ({@code secrets.token_urlsafe}), 8 to {@value #MAX_LENGTH} characters in all. It carries no
 * checksum, so a typo costs a lookup; that is why only keys flagged as imported
 * ({@link VirtualKey#legacyFormat()}) accept a secret of this shape, and why the shape is checked
 * here first: anything else is refused before any lookup.
 *
 * <p>A string in Tollgate's own format ({@code sk-tg-…}) is never read as a legacy key: a native
 * key with a wrong checksum is a typo, and is told so. (A LiteLLM key that happens to begin with
 * {@code sk-tg-}, about one in 260,000, therefore stops working after an import; docs/migrate-from-
 * litellm.md says so.)
 */
public final class LegacyKeyFormat {

  public static final String PREFIX = "sk-";
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 256;

  private LegacyKeyFormat() {}

  /** The presented string as a secret, if it has the legacy shape (and is not a native key). */
  public static Optional<ApiKeySecret> parse(String presented) {
    if (presented == null || presented.length() < MIN_LENGTH || presented.length() > MAX_LENGTH
        || !presented.startsWith(PREFIX) || presented.startsWith(KeyFormat.PREFIX)) {
      return Optional.empty();
    }
    for (int i = PREFIX.length(); i < presented.length(); i++) {
      if (!isUrlSafe(presented.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(new ApiKeySecret(presented));
  }

  private static boolean isUrlSafe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_';
  }
}
