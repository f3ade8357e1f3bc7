package dev.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, as a hostile client writes it: any bytes, in any pieces, stopping
 * anywhere. Every read is bounded by a socket timeout.
 */
final class RawConnection implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  /** A response as read off the wire. */
  record Response(int status, Map<String, String> headers, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawConnection send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  RawConnection send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  void readTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
  }

  /** One response: status line, headers, and a Content-Length body. */
  Response readResponse() throws IOException {
    Response head = readResponseToHead();
    int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
  }

  /** The status line and headers of one response, and no body: a response to {@code HEAD}. */
  Response readResponseToHead() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    return new Response(status, headers, "");
  }

  /** Whether the server closed the connection (end of stream or reset) before the read timeout. */
  boolean closedByServer() throws IOException {
    try {
      byte[] buf = new byte[4096];
      while (in.read(buf) != -1) {
        // a response before the close is allowed; keep reading until the close
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new IOException("connection closed in a response line");
      }
      if (b != '\r') {
        buf.write(b);
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
