package dev.tollgate.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.wire.openai.AnswerEdit;
import dev.tollgate.wire.openai.EventText;
import dev.tollgate.wire.openai.UpstreamBody;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Relays a server-sent-event stream from the data plane to the client event by event, as bytes
 * arrive: each event is written as soon as it is complete, byte for byte, and what was written is
 * flushed before the relay waits for the data plane again, so no event waits on the next one (the
 * events one read brought go out in one write, as a proxy without buffering sends them), with two
 * exceptions. When the client did not ask for usage, the usage-only chunk ({@code "choices":[]}
 * with usage) that Tollgate asked for on its behalf is dropped, and the {@code usage} member
 * ({@code null} on every other chunk) is cut out; and the {@code model} is the name the client
 * asked for ({@link AnswerEdit}). Only an event that needs one of these is rewritten. Along the
 * way it keeps the last usage the upstream reported and the text produced, so a disconnect can
 * still be charged.
 */
final class SseRelay {

  /** How the relay ended. */
  record Result(
      Optional<TokenUsage> usage, String producedText, int eventsRelayed, boolean clientGone,
      boolean upstreamBroken) {}

  /** {@link #event}'s answer for an event the client does not get. */
  private static final byte[] DROPPED = new byte[0];
  private static final int MAX_TEXT_CHARS = 4 * 1024 * 1024;

  private final DataPlane plane;
  private final ObjectMapper mapper;
  private final boolean clientWantsUsage;
  private final AnswerEdit edit;
  private final StringBuilder produced = new StringBuilder();
  private Optional<TokenUsage> usage = Optional.empty();
  private int relayed;

  SseRelay(DataPlane plane, ObjectMapper mapper, boolean clientWantsUsage, AnswerEdit edit) {
    this.plane = plane;
    this.mapper = mapper;
    this.clientWantsUsage = clientWantsUsage;
    this.edit = edit;
  }

  Result relay(InputStream upstream, OutputStream out) {
    RelayBuffer.Ending ending = RelayBuffer.pump(upstream, out, this::relayComplete);
    return result(ending == RelayBuffer.Ending.CLIENT_GONE, ending == RelayBuffer.Ending.UPSTREAM_BROKEN);
  }

  /**
   * Relays every complete event in buf[0, filled); answers bytes consumed, or -1 if the client
   * left. Events passed on unchanged go out as one write per run, not one each.
   */
  private int relayComplete(byte[] buf, int filled, ClientSink client) {
    int start = 0;
    int unwritten = 0; // [unwritten, start): relayed unchanged, not yet written
    for (int i = 0; i < filled; i++) {
      int end = eventEnd(buf, i, filled);
      if (end < 0) {
        continue;
      }
      byte[] replaced = event(buf, start, end);
      if (replaced != null) {
        if (!writeRun(client, buf, unwritten, start)
            || (replaced != DROPPED && !client.write(replaced, 0, replaced.length))) {
          return -1;
        }
        unwritten = end;
      }
      start = end;
      i = end - 1;
    }
    return writeRun(client, buf, unwritten, start) ? start : -1;
  }

  private static boolean writeRun(ClientSink client, byte[] buf, int from, int to) {
    return from == to || client.write(buf, from, to - from);
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

  /**
   * The event as the client gets it: null when unchanged, {@link #DROPPED} when not at all, else
   * the rewritten event.
   */
  private byte[] event(byte[] b, int start, int end) {
    int payload = dataStart(b, start, end);
    if (payload < 0 || (end - payload >= 6 && b[payload] == '[')) {
      relayed++;
      return null;
    }
    int payloadEnd = lineEnd(b, payload, end);
    EventText.Scan scan = inspect(b, payload, payloadEnd);
    if (scan == null) {
      return DROPPED; // the usage chunk the client did not ask for
    }
    relayed++;
    byte[] edited = edit.edit(b, payload, payloadEnd, scan);
    if (edited == null) {
      return null;
    }
    byte[] event = new byte[payload - start + edited.length + end - payloadEnd];
    System.arraycopy(b, start, event, 0, payload - start);
    System.arraycopy(edited, 0, event, payload - start, edited.length);
    System.arraycopy(b, payloadEnd, event, payload - start + edited.length, end - payloadEnd);
    return event;
  }

  /** Reads usage and produced text; null when this event is the usage chunk to drop. */
  private EventText.Scan inspect(byte[] b, int from, int to) {
    Optional<TokenUsage> found = plane.usageIn(b, from, to - from);
    if (found.isPresent()) {
      usage = found;
    }
    EventText.Scan scan = EventText.scan(mapper.getFactory(), b, from, to - from);
    if (produced.length() <= MAX_TEXT_CHARS) {
      produced.append(scan.text());
    }
    return UpstreamBody.isUsageChunkToDrop(clientWantsUsage, found.isPresent(), scan) ? null : scan;
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

  private Result result(boolean clientGone, boolean upstreamBroken) {
    return new Result(usage, produced.toString(), relayed, clientGone, upstreamBroken);
  }
}
