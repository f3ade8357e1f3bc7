package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.out.DataPlaneException;
import dev.tollgate.port.out.DataPlaneException.Kind;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive reuse against a server that closes connections whenever it likes: a closed idle
 * connection, or one closed right after a response, must never fail a call; and only a request
 * that got no byte of an answer on a reused connection is ever sent twice.
 */
class HttpTransportReuseTest {

  private static final Duration GENEROUS = Duration.ofSeconds(10);
  private static final String ANSWER = "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}";
  /** Longer than any wait in these tests: only the server's behaviour can end a connection. */
  private static final Duration KEEP = Duration.ofSeconds(30);

  private final HttpTransport transport =
      new HttpTransport(Duration.ofSeconds(2), GENEROUS, KEEP, 64);
  private RawHttpServer server;

  @AfterEach
  void stop() throws Exception {
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsNotUsedAgain() throws Exception {
    server = RawHttpServer.start(connection -> {
      for (RawHttpServer.Request r; (r = connection.next(Duration.ofMillis(50))) != null; ) {
        connection.send(RawHttpServer.json(ANSWER, ""));
      }
    });

    for (int i = 0; i < 3; i++) {
      assertThat(call(GENEROUS)).isEqualTo(ANSWER);
      Thread.sleep(200);
    }
    assertThat(server.requests()).as("no request was sent twice").isEqualTo(3);
    assertThat(server.connections()).isEqualTo(3);
  }

  @Test
  void unaskedBytesOnAConnectionIdleForTheCheckAreFoundBeforeItIsReused() throws Exception {
    server = RawHttpServer.start(connection -> {
      if (connection.next(GENEROUS) != null) {
        connection.send(RawHttpServer.json(ANSWER, ""));
        Thread.sleep(50); // then, unasked, what some servers send before closing an idle connection
        connection.send("HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\n\r\n");
        connection.next(GENEROUS); // and keep it open: only a read finds the bytes
      }
    });

    assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    Thread.sleep(ConnectionPool.CHECK_AFTER.plusMillis(200).toMillis());
    assertThat(call(GENEROUS)).as("not the unasked 408").isEqualTo(ANSWER);
    assertThat(server.connections()).as("the first connection was not reused").isEqualTo(2);
  }

  @Test
  void aConnectionKeepsServingAfterItsEarlierReadsDeadlinesHavePassed() throws Exception {
    server = RawHttpServer.start(connection -> {
      for (RawHttpServer.Request r; (r = connection.next(KEEP)) != null; ) {
        connection.send(RawHttpServer.json(ANSWER, ""));
      }
    });
    Duration timeout = Duration.ofMillis(300);

    // Each pause outlasts the last call's read deadline by far (but not the pool's idle bound):
    // a deadline left on the connection would have it closed while idle, or fail the next read.
    for (int i = 0; i < 3; i++) {
      assertThat(call(timeout)).isEqualTo(ANSWER);
      Thread.sleep(timeout.multipliedBy(2).plus(Duration.ofMillis(100)).toMillis());
    }
    assertThat(server.requests()).isEqualTo(3);
    assertThat(server.connections()).as("one connection, reused").isEqualTo(1);
  }

  @Test
  void aConnectionClosedRightAfterAResponseWithoutNoticeNeverFailsACall() throws Exception {
    server = RawHttpServer.start(connection -> {
      if (connection.next(GENEROUS) != null) {
        connection.send(RawHttpServer.json(ANSWER, ""));
      }
    });

    for (int i = 0; i < 300; i++) {
      assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    }
    assertThat(server.requests()).isEqualTo(300);
  }

  @Test
  void underConcurrencyNoCallFailsWhateverTheServerClosesAndWhen() throws Exception {
    server = RawHttpServer.start(connection -> {
      for (int served = 0; ; served++) {
        if (connection.index() % 3 == 0 && served == 2) {
          return; // closed right after a response, without a word
        }
        if (connection.next(Duration.ofMillis(20)) == null) {
          return; // closed while idle
        }
        connection.send(RawHttpServer.json(ANSWER, ""));
      }
    });
    AtomicInteger failures = new AtomicInteger();
    List<Future<?>> callers = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        Random random = new Random(t);
        callers.add(threads.submit(() -> {
          for (int i = 0; i < 150; i++) {
            try {
              if (!call(GENEROUS).equals(ANSWER)) {
                failures.incrementAndGet();
              }
              if (random.nextInt(10) == 0) {
                Thread.sleep(random.nextInt(40));
              }
            } catch (DataPlaneException e) {
              failures.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> caller : callers) {
        caller.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(failures).hasValue(0);
  }

  @Test
  void aRequestTheServerDroppedUnansweredOnAReusedConnectionIsSentOnceMoreOnANewOne()
      throws Exception {
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send(RawHttpServer.json(ANSWER, ""));
      if (connection.index() == 0) {
        connection.next(GENEROUS); // read, then closed without a byte of an answer
        return;
      }
      while (connection.next(GENEROUS) != null) {
        connection.send(RawHttpServer.json(ANSWER, ""));
      }
    });

    assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    assertThat(server.requests()).isEqualTo(3);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aRequestDroppedOnANewConnectionIsNotSentAgain() throws Exception {
    server = RawHttpServer.start(connection -> connection.next(GENEROUS));

    assertThatThrownBy(() -> call(GENEROUS))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void aReusedConnectionThatTimesOutIsNotRetried() throws Exception {
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send(RawHttpServer.json(ANSWER, ""));
      connection.next(GENEROUS);
      Thread.sleep(GENEROUS.toMillis()); // the second request is never answered
    });

    assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    assertThatThrownBy(() -> call(Duration.ofMillis(200)))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    assertThat(server.requests()).isEqualTo(2);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aResponseThatBrokeOffAfterItBeganIsNotRetried() throws Exception {
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send(RawHttpServer.json(ANSWER, ""));
      connection.next(GENEROUS);
      connection.send("HTTP/1.1 20");
    });

    assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    assertThatThrownBy(() -> call(GENEROUS))
        .isInstanceOfSatisfying(DataPlaneException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    assertThat(server.requests()).isEqualTo(2);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void connectionCloseIsHonouredEvenIfTheServerWouldListenOn() throws Exception {
    AtomicInteger reusedAfterClose = new AtomicInteger();
    server = RawHttpServer.start(connection -> {
      connection.next(GENEROUS);
      connection.send(RawHttpServer.json(ANSWER, "connection: close\r\n"));
      if (connection.next(Duration.ofSeconds(1)) != null) {
        reusedAfterClose.incrementAndGet();
      }
    });

    for (int i = 0; i < 3; i++) {
      assertThat(call(GENEROUS)).isEqualTo(ANSWER);
    }
    assertThat(server.connections()).isEqualTo(3);
    assertThat(reusedAfterClose).hasValue(0);
  }

  @Test
  void aConnectionIdleLongerThanTheBoundIsClosedRatherThanReused() throws Exception {
    server = RawHttpServer.start(connection -> {
      while (connection.next(GENEROUS) != null) {
        connection.send(RawHttpServer.json(ANSWER, ""));
      }
    });

    try (HttpTransport brief =
        new HttpTransport(Duration.ofSeconds(2), GENEROUS, Duration.ofMillis(100), 64)) {
      assertThat(call(brief, GENEROUS)).isEqualTo(ANSWER);
      assertThat(call(brief, GENEROUS)).isEqualTo(ANSWER);
      assertThat(server.connections()).as("reused while fresh").isEqualTo(1);
      Thread.sleep(300);
      assertThat(call(brief, GENEROUS)).isEqualTo(ANSWER);
    }
    assertThat(server.connections()).isEqualTo(2);
  }

  private String call(Duration timeout) throws Exception {
    return call(transport, timeout);
  }

  private String call(HttpTransport through, Duration timeout) throws Exception {
    try (UpstreamResponse response = through.send(server.base(), LoopbackServer.request(
        Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\"}", false, Optional.empty(), Optional.empty(),
        timeout), Map.of())) {
      return new String(response.body().readAllBytes(), UTF_8);
    }
  }
}
