package dev.tollgate.dataplane.http;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Where connections go: scheme, host and port of a base URI, and the {@code Host} header that
 * names them. Connections are pooled per origin.
 */
record Origin(boolean tls, String host, int port, String hostHeader) {

  static Origin of(URI uri) {
    String scheme = uri.getScheme();
    boolean tls = "https".equalsIgnoreCase(scheme);
    if (!tls && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("not an http(s) URI: " + uri);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    int defaultPort = tls ? 443 : 80;
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    String hostHeader = port == defaultPort ? host : host + ":" + port;
    // URI keeps an IPv6 literal's brackets in getHost(); the socket address wants it bare.
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return new Origin(tls, bare, port, hostHeader);
  }

  /** Resolved on every call: a new connection follows a DNS change. */
  InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (tls ? "https://" : "http://") + hostHeader;
  }
}
