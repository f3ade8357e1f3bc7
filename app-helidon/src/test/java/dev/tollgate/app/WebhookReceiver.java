package dev.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): records every POST as it came, answers
 * the scripted statuses in turn (then the default), and verifies a Standard Webhooks signature
 * independently of Tollgate's code, as a receiver's library would.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One POST as received. */
  record Received(String id, String timestamp, String signature, String contentType, String body) {
    JsonNode json() {
      try {
        return AdminClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String type() {
      return json().path("type").asText();
    }

    /** The spec's check: HMAC-SHA256 over id.timestamp.body with the base64 part of the secret. */
    boolean verifiesWith(String secret) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body)
            .getBytes(StandardCharsets.UTF_8));
        for (String candidate : signature.split(" ")) {
          if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
              Base64.getDecoder().decode(candidate.substring(3)))) {
            return true;
          }
        }
        return false;
      } catch (java.security.GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> script = new ArrayDeque<>();
  private volatile int defaultStatus = 204;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      var h = exchange.getRequestHeaders();
      int status;
      synchronized (this) {
        received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
            h.getFirst("webhook-signature"), h.getFirst("content-type"),
            new String(body, StandardCharsets.UTF_8)));
        status = script.isEmpty() ? defaultStatus : script.poll();
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next answers, in order; afterwards {@link #answerByDefault}'s. */
  synchronized WebhookReceiver thenAnswer(int... statuses) {
    for (int s : statuses) {
      script.add(s);
    }
    return this;
  }

  WebhookReceiver answerByDefault(int status) {
    defaultStatus = status;
    return this;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
