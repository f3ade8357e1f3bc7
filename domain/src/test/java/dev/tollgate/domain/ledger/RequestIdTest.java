package dev.tollgate.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestIdTest {

  private static final long DEC_2026 = 1_796_601_600_000L; // 2026-12-07T00:00:00Z

  @Test
  void an_ordered_id_is_the_time_the_instance_and_the_counter_in_base_32() {
    assertThat(RequestId.ordered(0, 0, 1).value()).isEqualTo("req_" + "0".repeat(25) + "1");
    assertThat(RequestId.ordered(32, 0x1f, 32 * 32 + 31).value())
        .isEqualTo("req_0000000010" + "0000000z" + "0000010z");
    assertThat(RequestId.ordered(DEC_2026, -1L, 7).value()).hasSize(30).startsWith("req_01m96wsp00")
        .contains("zzzzzzzz"); // only the instance's low 40 bits
  }

  @Test
  void ids_ascend_with_the_time_across_instances_and_with_the_counter_within_one() {
    Random random = new Random(29);
    List<String> issued = new ArrayList<>();
    long counter = 0;
    for (long ms = DEC_2026; ms < DEC_2026 + 2_000; ms += 1 + random.nextInt(3)) {
      long instance = random.nextLong();
      for (int i = 0; i < 3; i++) {
        issued.add(RequestId.ordered(ms, instance, ++counter).value());
      }
    }
    List<String> sorted = new ArrayList<>(issued);
    sorted.sort(String::compareTo); // bytewise for ASCII: PostgreSQL's "C" collation
    assertThat(sorted).isEqualTo(issued);
    assertThat(new HashSet<>(issued)).hasSameSizeAs(issued);
  }

  @Test
  void a_counter_past_40_bits_gets_more_digits_and_never_wraps() {
    long last = (1L << 40) - 1;
    assertThat(RequestId.ordered(DEC_2026, 5, last).value()).hasSize(30).endsWith("zzzzzzzz");
    assertThat(RequestId.ordered(DEC_2026, 5, last + 1).value()).hasSize(31).endsWith("100000000");
    assertThat(RequestId.ordered(DEC_2026, 5, Long.MAX_VALUE).value()).hasSize(35);
  }

  @Test
  void a_negative_time_or_counter_is_refused() {
    assertThatThrownBy(() -> RequestId.ordered(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestId.ordered(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
