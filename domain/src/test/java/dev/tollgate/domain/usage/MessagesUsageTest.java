package dev.tollgate.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MessagesUsageTest {

  private static OptionalLong n(long v) {
    return OptionalLong.of(v);
  }

  private static final OptionalLong NONE = OptionalLong.empty();

  @Test
  void the_cache_write_split_gives_each_lifetime_its_own_part() {
    MessagesUsage usage = new MessagesUsage(n(12), n(3000), n(1500), n(500), n(1000), n(40));

    assertThat(usage.toTokenUsage()).isEqualTo(new TokenUsage(12, 3000, 500, 40, 0, 1000));
    assertThat(usage.toTokenUsage().promptTokens()).isEqualTo(12 + 3000 + 1500);
  }

  @Test
  void without_the_split_every_write_is_at_the_default_lifetime() {
    MessagesUsage usage = new MessagesUsage(n(15), n(12), n(13), NONE, NONE, n(21));

    assertThat(usage.toTokenUsage()).isEqualTo(new TokenUsage(15, 12, 13, 21, 0));
  }

  @Test
  void a_split_that_disagrees_with_the_total_is_never_charged_below_either() {
    MessagesUsage zeroSplit = new MessagesUsage(n(1), NONE, n(100), n(0), n(0), n(1));
    MessagesUsage biggerSplit = new MessagesUsage(n(1), NONE, n(100), n(80), n(40), n(1));

    assertThat(zeroSplit.toTokenUsage().allCacheWriteInputTokens()).isEqualTo(100);
    assertThat(biggerSplit.toTokenUsage()).isEqualTo(new TokenUsage(1, 0, 80, 1, 0, 40));
  }

  @Test
  void a_stream_takes_the_input_side_from_the_start_and_the_last_cumulative_delta() {
    MessagesUsage start = new MessagesUsage(n(472), n(30464), n(0), n(0), n(0), n(1));
    MessagesUsage firstDelta = new MessagesUsage(NONE, NONE, NONE, NONE, NONE, n(20));
    MessagesUsage lastDelta = new MessagesUsage(n(472), n(30464), n(0), NONE, NONE, n(49));

    TokenUsage total = start.then(firstDelta).then(lastDelta).toTokenUsage();

    assertThat(total).isEqualTo(new TokenUsage(472, 30464, 0, 49, 0));
  }

  @Test
  void empty_and_out_of_range_reports() {
    assertThat(MessagesUsage.EMPTY.isEmpty()).isTrue();
    assertThat(MessagesUsage.EMPTY.toTokenUsage()).isEqualTo(TokenUsage.NONE);
    assertThatThrownBy(() -> new MessagesUsage(n(-1), NONE, NONE, NONE, NONE, NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
