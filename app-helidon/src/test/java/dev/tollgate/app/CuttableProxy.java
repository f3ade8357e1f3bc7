package dev.tollgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback in front of the test's PostgreSQL that a test can cut (every open
 * connection closed, new ones closed on accept: what a database outage looks like to the driver),
 * blackhole (every open connection and every new one stays open and swallows what is sent either
 * way: packets dropped, the silent failure only a timeout notices), and restore. A connection
 * that was blackholed stays silent for good; new ones after restore work.
 */
final class CuttableProxy implements AutoCloseable {

  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/(.*)");
  private static final int MAX_CONNECTIONS = 64;

  private final InetSocketAddress target;
  private final String rest;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService pumps = Executors.newFixedThreadPool(2 * MAX_CONNECTIONS + 1, r -> {
    Thread t = new Thread(r, "cuttable-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<AtomicBoolean> silenced = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean blackholed;

  /** A proxy to the database of {@code jdbcUrl}. */
  CuttableProxy(String jdbcUrl) throws IOException {
    Matcher m = JDBC.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    this.target = new InetSocketAddress(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    this.rest = m.group(3);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pumps.execute(this::acceptLoop);
  }

  /** A proxy to any TCP service (Redis): {@link #port()} is where to reach it. */
  CuttableProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.rest = "";
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pumps.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The same database's URL, through this proxy. */
  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/" + rest;
  }

  void cut() {
    cut = true;
    for (Socket s : open) {
      closeQuietly(s);
    }
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
        // closed, or the database refused: the client sees its connection end
      }
    }
  }

  /** Copies {@code from} to {@code to} until either closes; swallows it all once {@code silent}. */
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
