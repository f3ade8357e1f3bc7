package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on loopback written on bare sockets, for what the JDK's server will not do
 * on purpose: close a keep-alive connection while it is idle, close one right after a response
 * without saying so, drop a request unanswered, or send any bytes at all. Each accepted connection
 * runs the test's {@link Script} on its own virtual thread.
 */
final class RawHttpServer implements AutoCloseable {

  /** What the server does with one connection. */
  @FunctionalInterface
  interface Script {
    void run(Connection connection) throws Exception;
  }

  /** One request as read off the wire: the request line, lower-cased head and the body. */
  record Request(String line, String head, String body) {}

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Queue<Socket> open = new ConcurrentLinkedQueue<>();

  private RawHttpServer(Script script) throws IOException {
    listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    threads.submit(() -> {
      while (!listener.isClosed()) {
        Socket socket = listener.accept();
        open.add(socket);
        Connection connection = new Connection(socket, connections.getAndIncrement());
        threads.submit(() -> {
          try (socket) {
            script.run(connection);
          } catch (Exception e) {
            // The client sees the connection end; the test says what it expected.
          }
          return null;
        });
      }
      return null;
    });
  }

  static RawHttpServer start(Script script) throws IOException {
    return new RawHttpServer(script);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Requests read so far, on every connection. */
  int requests() {
    return requests.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    open.forEach(socket -> {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing is all a test server can do.
      }
    });
    threads.shutdownNow();
  }

  /** A JSON answer with a Content-Length; {@code extraHeaders} lines end with CRLF. */
  static String json(String body, String extraHeaders) {
    return "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
        + body.getBytes(UTF_8).length + "\r\n" + extraHeaders + "\r\n" + body;
  }

  final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int index;

    Connection(Socket socket, int index) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
      this.index = index;
    }

    /** The order in which the server accepted this connection, from 0. */
    int index() {
      return index;
    }

    /** The next request, or null if the client closed first or sent nothing within {@code idle}. */
    Request next(Duration idle) throws IOException {
      socket.setSoTimeout((int) idle.toMillis());
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      try {
        while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            return null;
          }
          head.write(b);
          if (head.size() > MAX_HEAD_BYTES) {
            throw new IOException("request head too long");
          }
        }
      } catch (SocketTimeoutException e) {
        return null;
      }
      String text = head.toString(ISO_8859_1);
      String lower = text.toLowerCase(Locale.ROOT);
      int at = lower.indexOf("\r\ncontent-length:");
      int length = at < 0 ? 0
          : Integer.parseInt(lower.substring(at + 17, lower.indexOf("\r\n", at + 2)).trim());
      String body = new String(in.readNBytes(length), UTF_8);
      requests.incrementAndGet();
      return new Request(text.substring(0, text.indexOf("\r\n")), lower, body);
    }

    void send(String raw) throws IOException {
      out.write(raw.getBytes(UTF_8));
      out.flush();
    }

    void close() throws IOException {
      socket.close();
    }
  }
}
