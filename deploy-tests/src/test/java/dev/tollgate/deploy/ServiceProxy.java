package dev.tollgate.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Kubernetes Service on loopback, the way kube-proxy makes one: a layer-4 forwarder that gives
 * each new TCP connection to the next ready endpoint in turn, and leaves established connections
 * alone when an endpoint is removed (a terminating pod leaves the endpoints at once; connections
 * a client already holds to it keep working until one side closes them). Nothing is retried: a
 * connection that finds no ready endpoint is closed, as a Service with no endpoints refuses.
 */
final class ServiceProxy implements AutoCloseable {

  private static final int BUFFER_BYTES = 16 * 1024;

  private final ServerSocket listener;
  private final List<Integer> ready = new CopyOnWriteArrayList<>();
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  ServiceProxy() throws IOException {
    listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("service-accept").start(this::accept);
  }

  String base() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** The endpoints controller adds a pod whose readiness probe passes. */
  void addEndpoint(int port) {
    ready.add(port);
  }

  /** The endpoints controller drops a pod as soon as it is terminating. */
  void removeEndpoint(int port) {
    ready.remove(Integer.valueOf(port));
  }

  /** Connections closed because no endpoint was ready. */
  long refused() {
    return refused.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().start(() -> forward(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void forward(Socket client) {
    List<Integer> endpoints = List.copyOf(ready);
    if (endpoints.isEmpty()) {
      refused.incrementAndGet();
      closeQuietly(client);
      return;
    }
    int port = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
    Socket backend = new Socket();
    try {
      backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    } catch (IOException e) {
      refused.incrementAndGet();
      closeQuietly(client);
      closeQuietly(backend);
      return;
    }
    Thread up = Thread.ofVirtual().start(() -> pipe(client, backend));
    pipe(backend, client);
    try {
      up.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(client);
    closeQuietly(backend);
  }

  /** Copies until end of stream, then half-closes the other side, as a TCP proxy does. */
  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER_BYTES];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
