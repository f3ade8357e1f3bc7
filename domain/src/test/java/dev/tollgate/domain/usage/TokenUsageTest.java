package dev.tollgate.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenUsageTest {

  @Test
  void totals_are_computed_from_the_disjoint_parts() {
    TokenUsage usage = new TokenUsage(100, 20, 5, 30, 7);

    assertThat(usage.promptTokens()).isEqualTo(125);
    assertThat(usage.completionTokens()).isEqualTo(37);
    assertThat(usage.totalTokens()).isEqualTo(162);
  }

  @Test
  void plain_prompt_and_completion_counts_have_no_cache_or_reasoning_split() {
    TokenUsage usage = TokenUsage.of(10, 4);

    assertThat(usage).isEqualTo(new TokenUsage(10, 0, 0, 4, 0));
    assertThat(usage.totalTokens()).isEqualTo(14);
    assertThat(TokenUsage.NONE.totalTokens()).isZero();
  }

  @Test
  void a_negative_count_in_any_part_is_refused() {
    assertThatThrownBy(() -> new TokenUsage(-1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputTokens");
    assertThatThrownBy(() -> new TokenUsage(0, -1, 0, 0, 0))
        .hasMessageContaining("cachedInputTokens");
    assertThatThrownBy(() -> new TokenUsage(0, 0, -1, 0, 0))
        .hasMessageContaining("cacheWriteInputTokens");
    assertThatThrownBy(() -> new TokenUsage(0, 0, 0, -1, 0))
        .hasMessageContaining("outputTokens");
    assertThatThrownBy(() -> new TokenUsage(0, 0, 0, 0, -1))
        .hasMessageContaining("reasoningTokens");
  }

  @Test
  void usages_add_part_by_part() {
    TokenUsage sum = new TokenUsage(1, 2, 3, 4, 5).plus(new TokenUsage(10, 20, 30, 40, 50));

    assertThat(sum).isEqualTo(new TokenUsage(11, 22, 33, 44, 55));
  }

  @Test
  void totals_that_would_overflow_throw_instead_of_wrapping() {
    TokenUsage huge = new TokenUsage(Long.MAX_VALUE, 1, 0, 0, 0);

    assertThatThrownBy(huge::promptTokens).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> huge.plus(huge)).isInstanceOf(ArithmeticException.class);
  }
}
