package dev.tollgate.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the {@code usage} object of one JSON document, the way both APIs' usage readers need it:
 * a document whose bytes carry no {@code "usage"} member with an object value is answered without
 * parsing (a stream is mostly other events, and OpenAI's repeat {@code "usage":null});
 * otherwise the top-level object is scanned with the streaming parser, skipping every other value,
 * and looks once inside one named nested object (OpenAI Responses' {@code response}, Anthropic's
 * {@code message}); only a usage object is read as a tree and given to the API's own reading of
 * its counts. Malformed JSON is empty: one bad chunk must not end a
 * stream.
 */
public final class UsageScan<T> {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] USAGE_KEY = {'"', 'u', 's', 'a', 'g', 'e', '"'};

  private final String nested;
  private final Function<JsonNode, Optional<T>> fromUsage;

  /**
   * @param nested the top-level field whose object may carry the usage instead
   * @param fromUsage the API's counts from a usage object (empty when it carries none)
   */
  public UsageScan(String nested, Function<JsonNode, Optional<T>> fromUsage) {
    this.nested = nested;
    this.fromUsage = fromUsage;
  }

  /** The usage in {@code json[offset, offset + length)}, if it carries one. */
  public Optional<T> read(byte[] json, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, json.length);
    if (!JsonBytes.hasObjectMember(json, offset, length, USAGE_KEY)) {
      return Optional.empty();
    }
    return parse(json, offset, length);
  }

  /** {@link #read} without the check that spares the parse (kept apart for the tests). */
  Optional<T> parse(byte[] json, int offset, int length) {
    try (JsonParser parser = MAPPER.createParser(json, offset, length)) {
      return parser.nextToken() == JsonToken.START_OBJECT ? scan(parser, true) : Optional.empty();
    } catch (IOException malformed) {
      return Optional.empty();
    }
  }

  /** Scans one object's fields; at the top it also looks inside the nested object, once. */
  private Optional<T> scan(JsonParser parser, boolean top) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT && "usage".equals(name)) {
        Optional<T> usage = fromUsage.apply(MAPPER.readTree(parser));
        if (usage.isPresent()) {
          return usage;
        }
      } else if (value == JsonToken.START_OBJECT && top && nested.equals(name)) {
        Optional<T> usage = scan(parser, false);
        if (usage.isPresent()) {
          return usage;
        }
      } else {
        parser.skipChildren();
      }
    }
    return Optional.empty();
  }
}
