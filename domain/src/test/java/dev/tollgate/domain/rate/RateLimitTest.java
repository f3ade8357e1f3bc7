package dev.tollgate.domain.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final Scope TENANT = Scope.tenant(TenantId.of("t1"));

  @Test
  void a_per_minute_limit_uses_sixty_one_second_buckets() {
    RateLimit limit = RateLimit.perMinute(TENANT, RateKind.REQUESTS, 100);

    assertThat(limit.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(limit.buckets()).isEqualTo(60);
    assertThat(limit.bucketMillis()).isEqualTo(1_000);
  }

  @Test
  void a_window_made_from_a_limit_enforces_that_limit() {
    RateWindow window =
        RateWindow.of(new RateLimit(TENANT, RateKind.TOKENS, 3, Duration.ofSeconds(10), 5));
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    assertThat(window.limit()).isEqualTo(3);
    assertThat(window.tryAcquire(3, now)).isInstanceOf(RateDecision.Acquired.class);
    assertThat(window.tryAcquire(1, now.plusSeconds(7)))
        .isEqualTo(new RateDecision.Limited(Duration.ofSeconds(3), 3, 3));
  }

  @Test
  void a_limit_refuses_bad_shapes() {
    Duration minute = Duration.ofMinutes(1);

    assertThatThrownBy(() -> new RateLimit(TENANT, RateKind.REQUESTS, -1, minute, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(TENANT, RateKind.REQUESTS, 1, minute, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(TENANT, RateKind.REQUESTS, 1, Duration.ofHours(2), 3601))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(TENANT, RateKind.REQUESTS, 1, Duration.ofMillis(100), 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(TENANT, RateKind.REQUESTS, 1, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(null, RateKind.REQUESTS, 1, minute, 60))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_parallel_limit_needs_a_scope_and_a_non_negative_maximum() {
    assertThat(new ParallelLimit(TENANT, 0).maxInFlight()).isZero();
    assertThatThrownBy(() -> new ParallelLimit(TENANT, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParallelLimit(null, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
