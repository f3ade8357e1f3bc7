package dev.tollgate.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on loopback in front of the test's Redis that a test can cut (open connections
 * closed, new ones closed on accept: an outage as the client sees it), blackhole (connections
 * stay open and swallow everything: the silent failure only a timeout notices) and restore.
 */
final class TcpProxy implements AutoCloseable {

  private static final int MAX_CONNECTIONS = 16;

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<AtomicBoolean> silenced = ConcurrentHashMap.newKeySet();
  private final ExecutorService pumps = Executors.newFixedThreadPool(2 * MAX_CONNECTIONS + 1, r -> {
    Thread t = new Thread(r, "tcp-proxy");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean cut;
  private volatile boolean blackholed;

  /** A proxy to the Redis of {@code redisUrl} ({@code redis://host:port}). */
  TcpProxy(String redisUrl) throws IOException {
    URI uri = URI.create(redisUrl);
    this.target = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pumps.execute(this::acceptLoop);
  }

  /** The same Redis, through this proxy. */
  String url() {
    return "redis://127.0.0.1:" + server.getLocalPort();
  }

  void cut() {
    cut = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  void blackhole() {
    blackholed = true;
    silenced.forEach(s -> s.set(true));
  }

  void restore() {
    cut = false;
    blackholed = false;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (cut || open.size() >= 2 * MAX_CONNECTIONS) {
          closeQuietly(client);
          continue;
        }
        AtomicBoolean silent = new AtomicBoolean(blackholed);
        open.add(client);
        if (silent.get()) {
          pumps.execute(() -> pump(client, null, silent));
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(target, 2_000);
        open.add(upstream);
        silenced.add(silent);
        pumps.execute(() -> pump(client, upstream, silent));
        pumps.execute(() -> pump(upstream, client, silent));
      } catch (IOException e) {
        // closed, or Redis refused: the client sees its connection end
      }
    }
  }

  /** Copies {@code from} to {@code to} until either closes; swallows it all once silent. */
  private void pump(Socket from, Socket to, AtomicBoolean silent) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to == null ? OutputStream.nullOutputStream() : to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!silent.get()) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      open.remove(from);
      if (to != null) {
        closeQuietly(to);
        open.remove(to);
      }
      silenced.remove(silent);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
    pumps.shutdownNow();
  }
}
