package dev.tollgate.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Alert;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.PayloadFormat;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import dev.tollgate.port.out.webhook.WebhookStores;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every webhook backend promises: subscriptions per tenant (bounded), one outbox row per
 * subscription and event key whoever enqueues it, due rows claimed by one claimant at a time (a
 * lapsed claim is due again), and the attempt's outcome recorded.
 */
public abstract class WebhookStoresContract {

  /** Far from the other tests' times: rows left by them are never due here, nor theirs here. */
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  /** The stores for this test; they may hold other tests' rows. */
  protected abstract WebhookStores newStores();

  private WebhookSubscriptions subscriptions;
  private WebhookOutbox outbox;
  private final SplittableRandom random = new SplittableRandom();
  private Instant t0;

  @BeforeEach
  void open() {
    WebhookStores stores = newStores();
    subscriptions = stores.subscriptions();
    outbox = stores.outbox();
    // each test its own hour a century ahead, after draining whatever an earlier test left due
    t0 = FAR.plus(Duration.ofHours(random.nextInt(1, 100_000)));
    List<Delivery> left;
    do {
      left = outbox.claimDue(FAR.plus(Duration.ofDays(36_500)), FAR.plus(Duration.ofDays(36_501)),
          WebhookOutbox.MAX_CLAIM);
      left.forEach(d -> outbox.failed(d.id(), OptionalInt.empty(), "drained", t0));
    } while (!left.isEmpty());
  }

  private static TenantId tenant() {
    return TenantId.of("t-" + UUID.randomUUID());
  }

  private WebhookSubscription subscription(TenantId tenant) {
    return new WebhookSubscription(SubscriptionId.next(random), tenant,
        URI.create("http://127.0.0.1:9/hook"), Set.of(WebhookEvent.BUDGET_EXHAUSTED),
        PayloadFormat.STANDARD, "", t0);
  }

  private Delivery delivery(WebhookSubscription s, String period) {
    Alert alert = new Alert(WebhookEvent.BUDGET_EXHAUSTED, s.tenant(),
        "tenant:" + s.tenant().value(), period, t0, Map.of("limit_usd", "1"));
    return Delivery.of(s, alert, "{\"period\":\"" + period + "\"}", t0);
  }

  @Test
  void subscriptions_are_found_listed_per_tenant_and_deleted() {
    TenantId a = tenant();
    TenantId b = tenant();
    WebhookSubscription first = subscription(a);
    WebhookSubscription other = subscription(b);
    assertThat(subscriptions.create(first)).isTrue();
    assertThat(subscriptions.create(other)).isTrue();

    assertThat(subscriptions.find(first.id())).contains(first);
    assertThat(subscriptions.list(Optional.of(a), 0, 10)).containsExactly(first);
    assertThat(subscriptions.delete(first.id())).isTrue();
    assertThat(subscriptions.find(first.id())).isEmpty();
    assertThat(subscriptions.delete(first.id())).isFalse();
    assertThat(subscriptions.list(Optional.of(b), 0, 10)).containsExactly(other);
  }

  @Test
  void a_tenant_has_at_most_its_bound_of_subscriptions() {
    TenantId a = tenant();
    for (int i = 0; i < WebhookSubscription.MAX_PER_TENANT; i++) {
      assertThat(subscriptions.create(subscription(a))).isTrue();
    }
    assertThat(subscriptions.create(subscription(a))).isFalse();
    assertThat(subscriptions.create(subscription(tenant()))).isTrue();
    assertThat(subscriptions.list(Optional.of(a), 0, 100)).hasSize(WebhookSubscription.MAX_PER_TENANT);
  }

  @Test
  void the_same_event_for_the_same_subscription_is_one_row_however_often_it_is_enqueued() {
    WebhookSubscription s = subscription(tenant());
    subscriptions.create(s);
    Delivery d = delivery(s, "2026-12-01T00:00:00Z");

    assertThat(outbox.enqueue(List.of(d))).isEqualTo(1);
    assertThat(outbox.enqueue(List.of(d, d))).isZero();
    assertThat(outbox.enqueue(List.of(delivery(s, "2027-01-01T00:00:00Z")))).isEqualTo(1);
    assertThat(outbox.list(Optional.empty(), Optional.of(s.id()), Optional.empty(), 0, 10))
        .hasSize(2);
    assertThat(outbox.find(d.id())).contains(d);
  }

  @Test
  void a_claimed_row_is_not_claimed_again_until_its_claim_lapses() {
    WebhookSubscription s = subscription(tenant());
    subscriptions.create(s);
    Delivery d = delivery(s, "p1");
    outbox.enqueue(List.of(d));

    List<Delivery> first = outbox.claimDue(t0, t0.plusSeconds(30), 10);
    assertThat(first).extracting(Delivery::id).containsExactly(d.id());
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(outbox.claimDue(t0.plusSeconds(29), t0.plusSeconds(60), 10)).isEmpty();

    List<Delivery> again = outbox.claimDue(t0.plusSeconds(30), t0.plusSeconds(60), 10);
    assertThat(again).extracting(Delivery::id).containsExactly(d.id()); // its sender died
    assertThat(again.get(0).attempts()).isEqualTo(2);
  }

  @Test
  void a_retry_is_due_at_its_time_and_a_finished_row_never_again() {
    WebhookSubscription s = subscription(tenant());
    subscriptions.create(s);
    Delivery retried = delivery(s, "retried");
    Delivery done = delivery(s, "done");
    Delivery gaveUp = delivery(s, "gave-up");
    outbox.enqueue(List.of(retried, done, gaveUp));
    assertThat(outbox.claimDue(t0, t0.plusSeconds(30), 10)).hasSize(3);

    outbox.retry(retried.id(), OptionalInt.of(500), "the receiver answered 500", t0.plusSeconds(10));
    outbox.delivered(done.id(), 204, t0);
    outbox.failed(gaveUp.id(), OptionalInt.empty(), "connection refused", t0);

    assertThat(outbox.claimDue(t0.plusSeconds(9), t0.plusSeconds(60), 10)).isEmpty();
    assertThat(outbox.claimDue(t0.plusSeconds(10), t0.plusSeconds(60), 10))
        .extracting(Delivery::id).containsExactly(retried.id());
    Delivery failed = outbox.find(gaveUp.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.lastError()).contains("connection refused");
    assertThat(outbox.find(done.id()).orElseThrow().lastStatus()).hasValue(204);
    assertThat(outbox.list(Optional.of(s.tenant()), Optional.empty(),
        Optional.of(DeliveryStatus.FAILED), 0, 10)).extracting(Delivery::id)
        .containsExactly(gaveUp.id());
  }

  @Test
  void claimants_at_the_same_time_get_disjoint_rows() {
    WebhookSubscription s = subscription(tenant());
    subscriptions.create(s);
    List<Delivery> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(delivery(s, "p" + i));
    }
    outbox.enqueue(rows);

    List<List<Delivery>> claims = Parallel.run(6, i -> {
      List<Delivery> mine = new ArrayList<>();
      List<Delivery> batch;
      do {
        batch = outbox.claimDue(t0, t0.plusSeconds(300), 5);
        mine.addAll(batch);
      } while (!batch.isEmpty());
      return mine;
    });

    Set<String> seen = new HashSet<>();
    int total = 0;
    for (List<Delivery> claim : claims) {
      for (Delivery d : claim) {
        assertThat(seen.add(d.id().value())).as("claimed twice: " + d.id()).isTrue();
        total++;
      }
    }
    assertThat(total).isEqualTo(60);
  }

  @Test
  void a_deleted_subscription_takes_its_rows_with_it_and_gets_no_new_ones() {
    WebhookSubscription s = subscription(tenant());
    subscriptions.create(s);
    outbox.enqueue(List.of(delivery(s, "before")));
    subscriptions.delete(s.id());

    assertThat(outbox.list(Optional.empty(), Optional.of(s.id()), Optional.empty(), 0, 10)).isEmpty();
    assertThat(outbox.enqueue(List.of(delivery(s, "after")))).isZero();
    assertThat(outbox.claimDue(t0, t0.plusSeconds(30), 10)).isEmpty();
  }
}
