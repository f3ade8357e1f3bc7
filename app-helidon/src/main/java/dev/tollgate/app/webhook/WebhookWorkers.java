package dev.tollgate.app.webhook;

import dev.tollgate.app.config.WebhookSettings;
import dev.tollgate.service.AlertDetector;
import dev.tollgate.service.AlertSweep;
import dev.tollgate.service.WebhookDeliveryService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Two daemon threads: one judges what the request path reported ({@link AlertDetector#drain}) every
 * {@link #DETECT_EVERY} and sweeps the keys for what traffic would miss ({@link AlertSweep}) every
 * sweep interval, one sends what is due ({@link WebhookDeliveryService#deliverDue}) every
 * poll interval, round after round while rounds come back full (at most {@link #MAX_ROUNDS}).
 */
public final class WebhookWorkers implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WebhookWorkers.class.getName());
  static final Duration DETECT_EVERY = Duration.ofMillis(250);
  static final int MAX_ROUNDS = 20;

  private final ScheduledExecutorService detect;
  private final ScheduledExecutorService send;

  private WebhookWorkers(ScheduledExecutorService detect, ScheduledExecutorService send) {
    this.detect = detect;
    this.send = send;
  }

  public static WebhookWorkers start(AlertDetector detector, WebhookDeliveryService delivery,
      WebhookSettings settings) {
    return start(detector, Optional.empty(), delivery, settings);
  }

  /** With the sweep for events traffic alone would miss, run on the detecting thread. */
  public static WebhookWorkers start(AlertDetector detector, Optional<AlertSweep> sweep,
      WebhookDeliveryService delivery, WebhookSettings settings) {
    ScheduledExecutorService detect = thread("tollgate-webhook-detect");
    ScheduledExecutorService send = thread("tollgate-webhook-send");
    long every = DETECT_EVERY.toMillis();
    detect.scheduleWithFixedDelay(guarded("judging alerts", detector::drain), every, every,
        TimeUnit.MILLISECONDS);
    sweep.ifPresent(s -> detect.scheduleWithFixedDelay(() -> {
      try {
        s.sweep();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "sweeping keys for alerts failed; retrying next sweep: "
            + e.getMessage());
      }
    }, 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS));
    long poll = settings.pollInterval().toMillis();
    send.scheduleWithFixedDelay(guarded("sending webhooks", delivery::deliverDue), poll, poll, TimeUnit.MILLISECONDS);
    return new WebhookWorkers(detect, send);
  }

  /**
   * Rounds while they find work, at most {@link #MAX_ROUNDS}; a failing round (the database away)
   * is logged and the next period runs as usual.
   */
  private static Runnable guarded(String what, IntSupplier round) {
    return () -> {
      try {
        for (int i = 0; i < MAX_ROUNDS; i++) {
          if (round.getAsInt() == 0) {
            return;
          }
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, what + " failed; retrying next round: " + e.getMessage());
      }
    };
  }

  private static ScheduledExecutorService thread(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void close() {
    detect.shutdownNow();
    send.shutdownNow();
  }
}
