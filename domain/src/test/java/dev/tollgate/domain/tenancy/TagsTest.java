package dev.tollgate.domain.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagsTest {

  @Test
  void aTagIsOneTo64SafeCharacters() {
    assertThat(Tag.valid("team:search")).isTrue();
    assertThat(Tag.valid("a.b-c_d@e=f")).isTrue();
    assertThat(Tag.valid("x".repeat(64))).isTrue();
    for (String bad : new String[] {"", "x".repeat(65), "a b", "a,b", "a/b", "a+b", "é", "a\u0000"}) {
      assertThat(Tag.valid(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> Tag.of(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRequestsTagsAreSortedEachOnceAndAtMostTen() {
    assertThat(Tags.of("b", "a", "b").values()).extracting(Tag::value).containsExactly("a", "b");
    assertThat(Tags.of("b", "a")).isEqualTo(Tags.of("a", "b"));
    assertThat(Tags.parse(Tags.of("b", "a").joined())).isEqualTo(Tags.of("a", "b"));
    assertThat(Tags.parse("")).isEqualTo(Tags.NONE);
    assertThatThrownBy(() -> Tags.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Tags.problemWith(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "10")))
        .as("ten once repeats are folded").isEmpty();
    assertThat(Tags.problemWith(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")))
        .hasValueSatisfying(p -> assertThat(p).contains("at most 10"));
    assertThat(Tags.problemWith(List.of("ok", "not ok"))).hasValueSatisfying(
        p -> assertThat(p).startsWith("tag 2 "));
    assertThat(Tags.of("a").and(Tags.of("b", "a"))).isEqualTo(Tags.of("a", "b"));
  }
}
