package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection, used by one exchange at a time on the caller's (virtual) thread: no
 * selector, no executor, no hand-off. It writes a request, reads the response through its own
 * buffer, and can tell without blocking whether the server closed it while it sat in the pool.
 *
 * <p>Plain connections are a {@link SocketChannel} read through its socket adaptor; TLS layers an
 * {@link SSLSocket} over the same channel, so the idle check works for both. Reads wait without
 * {@code SO_TIMEOUT}: each marks the connection with its deadline and {@link ReadDeadlines} closes
 * the channel under a read that outlives it, which the read reports as a
 * {@link SocketTimeoutException} (why: {@link ReadDeadlines}).
 */
final class Http1Connection implements AutoCloseable {

  /** The longest status, header or chunk-size line accepted. */
  static final int MAX_LINE_BYTES = 16 * 1024;

  /** {@link #deadline} when no read waits. */
  private static final long IDLE = 0;
  /** What {@link #expireIfDue} answers for a connection no read waits on. */
  static final long NO_DEADLINE = IDLE;
  /** {@link #deadline} once the keeper closed the connection under a read that outlived it. */
  private static final long EXPIRED = 1;
  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE = MethodHandles.lookup().findVarHandle(Http1Connection.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Origin origin;
  private final SocketChannel channel;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream tlsOut;
  private final ReadDeadlines deadlines;
  private final byte[] buffer = new byte[MAX_LINE_BYTES];
  private final ByteBuffer probe = ByteBuffer.allocate(1);
  private int pos;
  private int limit;
  private long bytesSinceRequest;
  private long idleSinceNanos;
  private boolean closed;
  private long readTimeoutNanos = Long.MAX_VALUE / 4;
  /** While a read waits, {@link System#nanoTime()} at which it times out; else a mark above. */
  @SuppressWarnings("unused") // through DEADLINE
  private volatile long deadline = IDLE;

  private Http1Connection(Origin origin, SocketChannel channel, Socket socket, OutputStream tlsOut,
      ReadDeadlines deadlines) throws IOException {
    this.origin = origin;
    this.deadlines = deadlines;
    this.channel = channel;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.tlsOut = tlsOut;
    channel.socket().setSoTimeout(0); // reads time out through the deadlines, not the socket
    deadlines.watch(this);
  }

  /**
   * Connects (and for https, shakes hands) within {@code connectTimeout}; {@code tls} may be
   * null for an http origin.
   */
  static Http1Connection open(Origin origin, Duration connectTimeout, SSLSocketFactory tls,
      ReadDeadlines deadlines) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      Socket plain = channel.socket();
      plain.setTcpNoDelay(true);
      plain.setKeepAlive(true);
      plain.setSoTimeout(timeoutMillis(connectTimeout));
      plain.connect(origin.address(), timeoutMillis(connectTimeout));
      if (!origin.tls()) {
        return new Http1Connection(origin, channel, plain, null, deadlines);
      }
      SSLSocket secure = (SSLSocket) tls.createSocket(plain, origin.host(), origin.port(), true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return new Http1Connection(origin, channel, secure, secure.getOutputStream(), deadlines);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  Origin origin() {
    return origin;
  }

  /** Whether any byte arrived since the current request was written. */
  boolean answered() {
    return bytesSinceRequest > 0;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  void idleSince(long nanos) {
    idleSinceNanos = nanos;
  }

  /** Closed, or holding bytes past the last response (read with it, nobody asked for them). */
  boolean holdsUnread() {
    return closed || pos < limit;
  }

  /**
   * True when the connection must not carry another request: the server closed it (EOF), reset
   * it, or sent bytes nobody asked for. One non-blocking read; nothing is consumed from a healthy
   * connection.
   */
  boolean isStale() {
    if (holdsUnread()) {
      return true;
    }
    try {
      probe.clear();
      channel.configureBlocking(false);
      try {
        return channel.read(probe) != 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** The longest wait for any read, from now on: the head, then every silence in the body. */
  void readTimeout(Duration timeout) {
    readTimeoutNanos = Math.clamp(timeout.toNanos(), 1_000_000L, Long.MAX_VALUE / 4);
  }

  /** Writes the request head and body, as one gathering write on plain connections. */
  void write(byte[] head, byte[] body) throws IOException {
    bytesSinceRequest = 0;
    if (tlsOut != null) {
      tlsOut.write(head);
      tlsOut.write(body);
      tlsOut.flush();
      return;
    }
    ByteBuffer[] buffers = {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
    long left = head.length + (long) body.length;
    while (left > 0) {
      left -= channel.write(buffers);
    }
  }

  /**
   * One line without its CRLF (a bare LF is accepted), decoded as ISO-8859-1.
   *
   * @throws EOFException when the connection ends before the line does
   */
  String readLine() throws IOException {
    int start = pos;
    while (true) {
      for (int i = start; i < limit; i++) {
        if (buffer[i] == '\n') {
          int end = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, pos, end - pos, ISO_8859_1);
          pos = i + 1;
          return line;
        }
      }
      if (pos > 0) {
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
      }
      if (limit == buffer.length) {
        throw new IOException("a line of the response is longer than " + MAX_LINE_BYTES + " bytes");
      }
      start = limit;
      if (fill() < 0) {
        throw new EOFException("the connection ended inside a line of the response");
      }
    }
  }

  /** Reads what is buffered, else blocks for one read of the socket; -1 at the end. */
  int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (pos == limit) {
      if (length >= buffer.length) {
        int n = timedRead(target, offset, length);
        if (n > 0) {
          bytesSinceRequest += n;
        }
        return n;
      }
      if (fill() < 0) {
        return -1;
      }
    }
    int n = Math.min(length, limit - pos);
    System.arraycopy(buffer, pos, target, offset, n);
    pos += n;
    return n;
  }

  /** Closes the socket; idempotent and quiet. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    deadlines.forget(this);
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing more can be done with a socket that fails to close.
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // As above.
    }
  }

  /** Appends one read to the buffer (whose unread part starts at {@code pos}); -1 at the end. */
  private int fill() throws IOException {
    if (pos == limit) {
      pos = 0;
      limit = 0;
    }
    int n = timedRead(buffer, limit, buffer.length - limit);
    if (n > 0) {
      limit += n;
      bytesSinceRequest += n;
    }
    return n;
  }

  /**
   * One read of the socket under the read timeout: the deadline is set before it waits and taken
   * back after; if the keeper took it first (it closed the channel), the read timed out, whatever
   * it returned or threw.
   */
  private int timedRead(byte[] target, int offset, int length) throws IOException {
    long due = ReadDeadlines.deadline(System.nanoTime() + readTimeoutNanos); // never a mark
    if (!DEADLINE.compareAndSet(this, IDLE, due)) {
      throw timedOut(null);
    }
    deadlines.armed(due);
    int n;
    try {
      n = in.read(target, offset, length);
    } catch (IOException | RuntimeException e) {
      if (!DEADLINE.compareAndSet(this, due, IDLE)) {
        throw timedOut(e);
      }
      throw e;
    }
    if (!DEADLINE.compareAndSet(this, due, IDLE)) {
      throw timedOut(null);
    }
    return n;
  }

  /**
   * Called by the keeper: closes the channel under a read whose deadline has passed.
   *
   * @return the deadline of the read still waiting within it, else {@link #NO_DEADLINE}
   */
  long expireIfDue(long now) {
    long due = (long) DEADLINE.getVolatile(this);
    if (due == IDLE || due == EXPIRED) {
      return NO_DEADLINE;
    }
    if (now - due < 0) {
      return due;
    }
    if (DEADLINE.compareAndSet(this, due, EXPIRED)) {
      try {
        channel.close(); // the waiting read fails at once
      } catch (IOException ignored) {
        // A channel that fails to close has no read left to wake.
      }
    }
    return NO_DEADLINE;
  }

  private SocketTimeoutException timedOut(Exception cause) {
    SocketTimeoutException e = new SocketTimeoutException(
        "Read timed out after " + Duration.ofNanos(readTimeoutNanos).toMillis() + " ms");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static int timeoutMillis(Duration timeout) {
    return Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
  }
}
