package dev.tollgate.domain.tenancy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.StringJoiner;

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

  /**
   * Why {@code raw} values a client sent cannot be a request's tags (a message for a 400), or empty
   * when {@link #of(String...)} takes them: each a valid {@link Tag}, at most {@value #MAX_TAGS}
   * once repeats are folded.
   */
  public static Optional<String> problemWith(Collection<String> raw) {
    int i = 0;
    for (String value : raw) {
      if (!Tag.valid(value)) {
        return Optional.of("tag " + (i + 1) + " is not a tag: a tag is 1.." + Tag.MAX_LENGTH
            + " characters of letters, digits and - _ . : @ =");
      }
      i++;
    }
    if (new TreeSet<>(raw).size() > MAX_TAGS) {
      return Optional.of("at most " + MAX_TAGS + " tags on a request");
    }
    return Optional.empty();
  }

  /** These tags and {@code more}, each once (bounded like any request's: may throw). */
  public Tags and(Tags more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Tag> all = new ArrayList<>(values);
    all.addAll(more.values);
    return new Tags(all);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean contains(Tag tag) {
    return values.contains(tag);
  }

  /** The tags joined by commas ({@code ""} for none): the CSV's and the journal's form. */
  public String joined() {
    StringJoiner joined = new StringJoiner(",");
    for (Tag tag : values) {
      joined.add(tag.value());
    }
    return joined.toString();
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
