package dev.tollgate.port.out.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a data plane's response body the way the gateway does: as it arrives, bounded, handing
 * each {@code data:} payload of a stream to {@link DataPlane#usageIn} in place (offset and length
 * into one buffer) and keeping the last usage reported.
 */
public final class StreamReader {

  /** What was read before the body ended or broke. */
  public record Read(byte[] bytes, Optional<IOException> failure) {
    public String text() {
      return new String(bytes, UTF_8);
    }
  }

  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final byte[] DATA = "data:".getBytes(UTF_8);

  private StreamReader() {}

  /** Everything up to {@link #MAX_BODY_BYTES}, or up to the failure that ended the read. */
  public static Read readAll(InputStream body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while (out.size() < MAX_BODY_BYTES && (n = body.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
      return new Read(out.toByteArray(), Optional.empty());
    } catch (IOException broken) {
      return new Read(out.toByteArray(), Optional.of(broken));
    }
  }

  /** The last usage any {@code data:} payload of the stream carried. */
  public static Optional<TokenUsage> lastUsage(DataPlane plane, byte[] sse) {
    Optional<TokenUsage> last = Optional.empty();
    int lineStart = 0;
    while (lineStart < sse.length) {
      int lineEnd = indexOf(sse, (byte) '\n', lineStart);
      if (startsWith(sse, lineStart, DATA)) {
        int payload = lineStart + DATA.length;
        payload += payload < lineEnd && sse[payload] == ' ' ? 1 : 0;
        Optional<TokenUsage> usage = plane.usageIn(sse, payload, lineEnd - payload);
        last = usage.isPresent() ? usage : last;
      }
      lineStart = lineEnd + 1;
    }
    return last;
  }

  /** Every Messages usage report of the stream, overlaid in order (the last of each field wins). */
  public static Optional<TokenUsage> messagesUsage(DataPlane plane, byte[] sse) {
    Optional<MessagesUsage> seen = Optional.empty();
    int lineStart = 0;
    while (lineStart < sse.length) {
      int lineEnd = indexOf(sse, (byte) '\n', lineStart);
      if (startsWith(sse, lineStart, DATA)) {
        int payload = lineStart + DATA.length;
        payload += payload < lineEnd && sse[payload] == ' ' ? 1 : 0;
        Optional<MessagesUsage> report = plane.messagesUsageIn(sse, payload, lineEnd - payload);
        if (report.isPresent()) {
          seen = Optional.of(seen.map(s -> s.then(report.get())).orElse(report.get()));
        }
      }
      lineStart = lineEnd + 1;
    }
    return seen.map(MessagesUsage::toTokenUsage);
  }

  /** The usage of one whole JSON document placed in the middle of a larger buffer. */
  public static Optional<TokenUsage> usageInSlice(DataPlane plane, String json) {
    byte[] doc = json.getBytes(UTF_8);
    byte[] buffer = new byte[doc.length + 16];
    byte[] junk = "{\"usage\":{\"prompt_tokens\":999999}}".getBytes(UTF_8);
    System.arraycopy(junk, 0, buffer, 0, Math.min(8, junk.length));
    System.arraycopy(doc, 0, buffer, 8, doc.length);
    System.arraycopy(junk, 0, buffer, 8 + doc.length, 8);
    return plane.usageIn(buffer, 8, doc.length);
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return bytes.length;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at + prefix.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
