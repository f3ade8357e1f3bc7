package dev.tollgate.domain.tenancy;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The tags of one request: at most {@value #MAX_TAGS}, each once, in their natural order (so one
 * request's tags compare equal however the client ordered or repeated them, and a replayed ledger
 * entry equals the one recorded).
 */
public record Tags(List<Tag> values) {

  public static final int MAX_TAGS = 10;

  public static final Tags NONE = new Tags(List.of());

  public Tags {
    if (values == null) {
      throw new IllegalArgumentException("values may be empty but not null");
    }
    values = List.copyOf(new TreeSet<>(values));
    if (values.size() > MAX_TAGS) {
      throw new IllegalArgumentException("at most " + MAX_TAGS + " tags on a request");
    }
  }

  public static Tags of(Collection<Tag> tags) {
    return tags.isEmpty() ? NONE : new Tags(List.copyOf(tags));
  }

  public static Tags of(String... tags) {
    return of(Arrays.stream(tags).map(Tag::of).toList());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean contains(Tag tag) {
    return values.contains(tag);
  }

  /** The tags joined by commas ({@code ""} for none): the CSV's and the journal's form. */
  public String joined() {
    return String.join(",", values.stream().map(Tag::value).toList());
  }

  /** The inverse of {@link #joined()}. */
  public static Tags parse(String joined) {
    if (joined == null || joined.isEmpty()) {
      return NONE;
    }
    return of(joined.split(",", -1));
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
