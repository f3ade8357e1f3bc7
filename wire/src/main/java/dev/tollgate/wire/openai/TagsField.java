package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.tenancy.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request's tags as a body names them: {@code metadata.tags}, LiteLLM's place for them, as an
 * array of strings, or as one comma-separated string (OpenAI's typed {@code metadata} holds only
 * strings, so that is what an SDK's typed field can send). Also the {@code x-tollgate-tags}
 * header's value, which is comma-separated. OpenAI's own {@code metadata} values must be strings,
 * so the tags are taken out of the body the data plane gets ({@link #strip}).
 */
public final class TagsField {

  /** The field's name in a 400's {@code param}. */
  public static final String PARAM = "metadata.tags";

  /** Longer than any valid list of tags: a longer raw value is refused before it is split. */
  private static final int MAX_RAW_CHARS = 2_048;

  private TagsField() {}

  /** The tags in {@code metadata.tags}; none when absent or null. */
  static Tags read(ObjectNode root) throws RequestParser.BadRequest {
    JsonNode metadata = root.get("metadata");
    if (metadata == null || !metadata.isObject()) {
      return Tags.NONE; // not ours to judge: the data plane answers a malformed metadata
    }
    JsonNode tags = metadata.get("tags");
    if (tags == null || tags.isNull()) {
      return Tags.NONE;
    }
    List<String> raw;
    if (tags.isTextual()) {
      raw = split(tags.asText()).orElseThrow(() -> bad("metadata.tags is too long"));
    } else if (tags.isArray()) {
      raw = new ArrayList<>();
      for (JsonNode t : tags) {
        if (!t.isTextual() || raw.size() > Tags.MAX_TAGS * 4) {
          throw bad("metadata.tags must be an array of at most " + Tags.MAX_TAGS + " strings");
        }
        raw.add(t.asText());
      }
    } else {
      throw bad("metadata.tags must be an array of strings or a comma-separated string");
    }
    Optional<String> problem = Tags.problemWith(raw);
    if (problem.isPresent()) {
      throw bad("metadata.tags: " + problem.get());
    }
    return Tags.of(raw.toArray(String[]::new));
  }

  /**
   * The tags a comma-separated value names (a header's, or a string {@code metadata.tags}),
   * blanks around each ignored and empty items skipped; empty when the value is too long to be
   * a valid list. The caller checks them with {@link Tags#problemWith}.
   */
  public static Optional<List<String>> split(String value) {
    if (value.length() > MAX_RAW_CHARS) {
      return Optional.empty();
    }
    return Optional.of(Arrays.stream(value.split(",", -1)).map(String::strip)
        .filter(t -> !t.isEmpty()).toList());
  }

  /** Takes Tollgate's {@code metadata.tags} out of a body for the data plane (and an emptied metadata). */
  static void strip(ObjectNode body) {
    JsonNode metadata = body.get("metadata");
    if (metadata instanceof ObjectNode m && m.has("tags")) {
      m.remove("tags");
      if (m.isEmpty()) {
        body.remove("metadata");
      }
    }
  }

  private static RequestParser.BadRequest bad(String message) {
    return new RequestParser.BadRequest(message, PARAM);
  }
}
