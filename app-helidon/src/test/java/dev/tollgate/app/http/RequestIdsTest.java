package dev.tollgate.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  /** A clock a millisecond further on every third read. */
  private static final class Ticking extends Clock {
    private long reads;

    @Override
    public long millis() {
      return 1_796_608_800_000L + reads++ / 3;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void one_instance_issues_unique_ids_in_ascending_order() {
    RequestIds ids = new RequestIds(new Ticking(), new Random(7));
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      issued.add(ids.next().value());
    }
    List<String> sorted = new ArrayList<>(issued);
    sorted.sort(String::compareTo);
    assertThat(sorted).isEqualTo(issued);
    assertThat(new HashSet<>(issued)).hasSize(issued.size());
    assertThat(issued).allSatisfy(id -> assertThat(id).startsWith("req_").hasSize(30));
  }

  @Test
  void two_instances_in_the_same_millisecond_never_issue_the_same_id() {
    Clock frozen = Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC);
    RequestIds a = new RequestIds(frozen, new Random(1));
    RequestIds b = new RequestIds(frozen, new Random(2));
    HashSet<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      assertThat(seen.add(a.next().value())).isTrue();
      assertThat(seen.add(b.next().value())).isTrue();
    }
  }

  @Test
  void a_clock_set_before_1970_still_issues_ids() {
    RequestIds ids = new RequestIds(Clock.fixed(Instant.parse("1969-07-20T20:17:40Z"), ZoneOffset.UTC),
        new Random(3));

    assertThat(ids.next().value()).isNotEqualTo(ids.next().value());
  }
}
