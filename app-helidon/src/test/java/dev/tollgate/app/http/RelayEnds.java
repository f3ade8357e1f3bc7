package dev.tollgate.app.http;

import dev.tollgate.domain.usage.MessagesUsage;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.DataPlane;
import dev.tollgate.port.out.UpstreamError;
import dev.tollgate.port.out.UpstreamRequest;
import dev.tollgate.port.out.UpstreamResponse;
import dev.tollgate.port.out.UpstreamResponseHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The two ends of a stream relay in a test: a data plane's reads and a client's flushes. */
public final class RelayEnds {

  private RelayEnds() {}

  /** Answers each read with the next of its parts (as much as the read asks for), then the end of the stream. */
  public static final class Upstream extends InputStream {
    private final Deque<byte[]> parts = new ArrayDeque<>();
    public final List<String> sentBeforeEachRead = new ArrayList<>();
    public Client client;
    public int reads;

    public Upstream(List<String> parts) {
      parts.forEach(p -> this.parts.add(p.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      reads++;
      if (client != null) {
        sentBeforeEachRead.add(client.sent());
      }
      byte[] next = parts.poll();
      if (next == null) {
        return -1;
      }
      int n = Math.min(len, next.length);
      System.arraycopy(next, 0, b, off, n);
      if (n < next.length) {
        parts.addFirst(java.util.Arrays.copyOfRange(next, n, next.length)); // the rest, next read
      }
      return n;
    }
  }

  /** Keeps what was written and, apart, what each flush sent. */
  public static final class Client extends OutputStream {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ByteArrayOutputStream flushed = new ByteArrayOutputStream();
    public final List<String> flushes = new ArrayList<>();
    public boolean failFlush;
    private int sentUpTo;

    @Override
    public void write(int b) {
      written.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      written.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (failFlush) {
        throw new IOException("the client left");
      }
      byte[] all = written.toByteArray();
      flushes.add(new String(all, sentUpTo, all.length - sentUpTo, StandardCharsets.UTF_8));
      flushed.write(all, sentUpTo, all.length - sentUpTo);
      sentUpTo = all.length;
    }

    public String sent() {
      return flushed.toString(StandardCharsets.UTF_8);
    }
  }

  public static class NoUsagePlane implements DataPlane {
    @Override
    public String name() {
      return "test";
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenUsage> usageIn(byte[] json, int offset, int length) {
      return Optional.empty();
    }

    @Override
    public Optional<MessagesUsage> messagesUsageIn(byte[] json, int offset, int length) {
      return Optional.empty();
    }

    @Override
    public UpstreamError errorOf(UpstreamResponseHead head, byte[] body) {
      throw new UnsupportedOperationException();
    }
  }
}
