package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** JSON and wire helpers shared by every endpoint: one mapper, built once, no per-request setup. */
final class Wire {

  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  static final byte[] DONE = ascii("data: [DONE]\n\n");
  static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

  private Wire() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The JSON literal of {@code s}, quotes included. */
  static String quote(String s) {
    return MAPPER.getNodeFactory().textNode(s).toString();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree always serializes; this is a programmer error
    }
  }

  static void sendJson(ServerResponse res, int status, JsonNode body) {
    res.status(status);
    res.header(HeaderValues.CONTENT_TYPE_JSON);
    res.send(bytes(body));
  }

  static void startEventStream(ServerResponse res) {
    res.status(200);
    res.header(HeaderNames.CONTENT_TYPE, EVENT_STREAM);
    res.header(HeaderValues.CACHE_NO_CACHE);
  }

  /** An OpenAI-style id: the prefix and 24 random hex digits. Ids are the one non-deterministic part. */
  static String newId(String prefix) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    return prefix + hex.toHexDigits(random.nextLong()) + hex.toHexDigits((int) random.nextLong());
  }
}
