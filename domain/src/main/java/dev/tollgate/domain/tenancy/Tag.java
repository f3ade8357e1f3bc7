package dev.tollgate.domain.tenancy;

/**
 * A request tag (LiteLLM's {@code metadata.tags}): a label a client puts on a request so its spend
 * can be reported and budgeted by it. Never used for authorization: a tenant may restrict which
 * tags its keys may send ({@link TenantPolicy#allowedTags()}), and a tag budget bounds what the
 * tenant spends under a tag. 1..{@value #MAX_LENGTH} characters of letters, digits and
 * {@code - _ . : @ =}: no comma (the header's separator), no space, no {@code /} (a tag is a path
 * segment of {@code /admin/v1/tenants/{t}/tags/{tag}/limits}), no {@code +} (a space in a query).
 */
public record Tag(String value) implements Comparable<Tag> {

  public static final int MAX_LENGTH = 64;

  public Tag {
    if (!valid(value)) {
      throw new IllegalArgumentException("a tag is 1.." + MAX_LENGTH
          + " characters of letters, digits and - _ . : @ =");
    }
  }

  public static Tag of(String value) {
    return new Tag(value);
  }

  /** Whether {@code value} may be a tag; a client's input is checked with this before {@link #of}. */
  public static boolean valid(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-_.:@=".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Tag other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
