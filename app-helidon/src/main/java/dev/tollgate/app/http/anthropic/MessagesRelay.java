package dev.tollgate.app.http.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.http.ClientSink;
import dev.tollgate.app.http.RelayBuffer;
import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.port.out.DataPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Relays Anthropic's event stream ({@code message_start}, {@code content_block_start/delta/stop},
 * {@code ping}, {@code message_delta}, {@code message_stop}, {@code error}) byte for byte, each
 * event written as soon as it is complete and flushed before the relay waits for the data plane
 * again (the events one read brought go out together; none waits on the next). On the way it reads every usage report
 * ({@code message_start}'s input side, each {@code message_delta}'s cumulative counts) and overlays
 * them, the last report of a field winning, and keeps the generated text, so a stream cut before
 * its final {@code message_delta} can still be charged.
 */
final class MessagesRelay {

  /**
   * How the relay ended.
   *
   * @param usage every report seen, overlaid (empty if none)
   * @param finalUsage whether a {@code message_delta} reported usage: the counts are then final
   */
  record Result(
      Optional<MessagesUsage> usage, boolean finalUsage, String producedText, int eventsRelayed,
      boolean clientGone, boolean upstreamBroken) {}

  private static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;
  private static final byte[] MESSAGE_DELTA = ascii("\"message_delta\"");
  private static final byte[] CONTENT_DELTA = ascii("\"content_block_delta\"");

  private final DataPlane plane;
  private final ObjectMapper mapper;
  private final StringBuilder produced = new StringBuilder();
  private Optional<MessagesUsage> usage = Optional.empty();
  private boolean finalUsage;
  private int relayed;

  MessagesRelay(DataPlane plane, ObjectMapper mapper) {
    this.plane = plane;
    this.mapper = mapper;
  }

  Result relay(InputStream upstream, OutputStream out) {
    RelayBuffer.Ending ending = RelayBuffer.pump(upstream, out, this::relayComplete);
    return result(ending == RelayBuffer.Ending.CLIENT_GONE, ending == RelayBuffer.Ending.UPSTREAM_BROKEN);
  }

  /** Inspects every complete event in buf[0, filled) and writes them, unchanged, in one write. */
  private int relayComplete(byte[] buf, int filled, ClientSink client) {
    int start = 0;
    for (int i = 0; i < filled; i++) {
      int end = eventEnd(buf, i, filled);
      if (end < 0) {
        continue;
      }
      inspect(buf, start, end);
      relayed++;
      start = end;
      i = end - 1;
    }
    return start == 0 || client.write(buf, 0, start) ? start : -1;
  }

  /** If an event delimiter (blank line) ends at position i, the index just after it. */
  private static int eventEnd(byte[] b, int i, int filled) {
    if (b[i] != '\n') {
      return -1;
    }
    if (i + 1 < filled && b[i + 1] == '\n') {
      return i + 2;
    }
    if (i + 2 < filled && b[i + 1] == '\r' && b[i + 2] == '\n') {
      return i + 3;
    }
    return -1;
  }

  private void inspect(byte[] b, int start, int end) {
    int payload = dataStart(b, start, end);
    if (payload < 0) {
      return;
    }
    int payloadEnd = lineEnd(b, payload, end);
    Optional<MessagesUsage> report = plane.messagesUsageIn(b, payload, payloadEnd - payload);
    if (report.isPresent()) {
      usage = Optional.of(usage.map(u -> u.then(report.get())).orElse(report.get()));
      finalUsage |= contains(b, payload, payloadEnd, MESSAGE_DELTA);
    } else if (produced.length() <= MAX_TEXT_CHARS && contains(b, payload, payloadEnd, CONTENT_DELTA)) {
      produced.append(deltaText(b, payload, payloadEnd));
    }
  }

  /** The text a content_block_delta adds: text, thinking, or a tool call's partial JSON. */
  private String deltaText(byte[] b, int from, int to) {
    try {
      JsonNode delta = mapper.readTree(b, from, to - from).path("delta");
      return delta.path("text").asText("") + delta.path("thinking").asText("")
          + delta.path("partial_json").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static int dataStart(byte[] b, int start, int end) {
    int line = start;
    while (line < end) {
      if (end - line >= 5 && b[line] == 'd' && b[line + 1] == 'a' && b[line + 2] == 't'
          && b[line + 3] == 'a' && b[line + 4] == ':') {
        int p = line + 5;
        return p < end && b[p] == ' ' ? p + 1 : p;
      }
      line = lineEnd(b, line, end) + 1;
    }
    return -1;
  }

  private static int lineEnd(byte[] b, int from, int end) {
    int i = from;
    while (i < end && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }

  private static boolean contains(byte[] b, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private Result result(boolean clientGone, boolean upstreamBroken) {
    return new Result(usage, finalUsage, produced.toString(), relayed, clientGone, upstreamBroken);
  }
}
