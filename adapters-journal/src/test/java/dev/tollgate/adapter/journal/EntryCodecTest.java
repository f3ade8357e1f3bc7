package dev.tollgate.adapter.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.usage.TokenUsage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

  @Test
  void the_hand_written_record_is_the_generators_byte_for_byte() throws Exception {
    List<SpendEntry> entries = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // teams, end users, 1-hour writes, overage, estimated usage
      SpendEntry e = Entries.entry("plain-" + i, i);
      if (i % 5 == 0) {
        e = e.withSession(Optional.of(SessionId.of("sess/" + i + "~{}[]:,'")));
      }
      if (i % 7 == 0) {
        e = e.withTags(Tags.of("team:search", "env=prod", "t" + i));
      }
      entries.add(e);
    }
    entries.add(withTimes(Entries.entry("far", 1), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("-0001-12-31T23:59:59.5Z"))); // toString's other shapes
    entries.add(withTimes(Entries.entry("edges", 2), Instant.parse("0000-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z")));
    entries.add(withUsage(Entries.entry("big", 3),
        new TokenUsage(Long.MAX_VALUE, 0, 9, 10, 99, 100), Money.ofNanoUsd(Long.MAX_VALUE)));

    for (SpendEntry e : entries) {
      byte[] record = EntryCodec.encode(e);
      assertThat(new String(record, UTF_8)).as(e.requestId().value())
          .isEqualTo(new String(EntryCodec.withGenerator(e), UTF_8));
      assertThat(EntryCodec.decode(record)).isEqualTo(e);
    }
  }

  @Test
  void a_string_that_needs_escaping_goes_to_the_generator_and_reads_back() throws Exception {
    for (String model : new String[] {"caf\u00e9", "say \"hi\"", "back\\slash", "tab\there",
        "\u007f", "emoji \ud83d\ude00"}) {
      SpendEntry e = withModel(Entries.entry("escaped", 4), model);

      byte[] record = EntryCodec.encode(e);

      assertThat(record).as(model).isEqualTo(EntryCodec.withGenerator(e));
      assertThat(EntryCodec.decode(record)).as(model).isEqualTo(e);
    }
  }

  private static SpendEntry withTimes(SpendEntry e, Instant started, Instant recorded) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), e.model(), e.endUser(), e.usage(),
        e.source(), e.cost(), e.priceEffectiveFrom(), started, recorded, e.overage(), e.session(),
        e.tags());
  }

  private static SpendEntry withUsage(SpendEntry e, TokenUsage usage, Money cost) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), e.model(), e.endUser(), usage,
        e.source(), cost, e.priceEffectiveFrom(), e.startedAt(), e.recordedAt(), e.overage(),
        e.session(), e.tags());
  }

  private static SpendEntry withModel(SpendEntry e, String model) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), ModelName.of(model), e.endUser(),
        e.usage(), e.source(), e.cost(), e.priceEffectiveFrom(), e.startedAt(), e.recordedAt(),
        e.overage(), e.session(), e.tags());
  }

  @Test
  void both_cache_write_lifetimes_survive_the_journal() throws Exception {
    SpendEntry entry = Entries.entry("codec", 5); // 1-hour writes: 5 % 6 = 5

    SpendEntry back = EntryCodec.decode(EntryCodec.encode(entry));

    assertThat(back).isEqualTo(entry);
    assertThat(back.usage().cacheWrite1hInputTokens()).isEqualTo(5);
  }

  @Test
  void a_record_written_before_the_one_hour_split_reads_as_none() throws Exception {
    SpendEntry entry = Entries.entry("old", 6); // 6 % 6 = 0: the field is not written
    String json = new String(EntryCodec.encode(entry), UTF_8);

    SpendEntry back = EntryCodec.decode(json.getBytes(UTF_8));

    assertThat(json).doesNotContain("write1h");
    assertThat(back.usage()).isEqualTo(new TokenUsage(16, 1, 6, 26, 0));
  }

  @Test
  void audio_read_survives_the_journal_both_ways_it_is_written_and_is_absent_when_none()
      throws Exception {
    SpendEntry plain = Entries.entry("codec-audio", 5);
    SpendEntry entry = new SpendEntry(plain.requestId(), plain.owner(), plain.key(), plain.model(),
        plain.endUser(), plain.usage().withAudioMillis(61_234), plain.source(), plain.cost(),
        plain.priceEffectiveFrom(), plain.startedAt(), plain.recordedAt(), plain.overage(),
        plain.session(), plain.tags());

    assertThat(EntryCodec.decode(EntryCodec.encode(entry))).isEqualTo(entry);
    assertThat(EntryCodec.decode(EntryCodec.withGenerator(entry))).isEqualTo(entry);
    assertThat(new String(EntryCodec.encode(entry), UTF_8)).contains("\"audio_ms\":61234");
    assertThat(new String(EntryCodec.encode(plain), UTF_8)).doesNotContain("audio_ms");
  }

  @Test
  void a_session_survives_the_journal() throws Exception {
    SpendEntry entry = Entries.entry("codec-session", 3)
        .withSession(Optional.of(SessionId.of("0b9e7f0c-claude-code-session")));

    SpendEntry back = EntryCodec.decode(EntryCodec.encode(entry));

    assertThat(back).isEqualTo(entry);
    assertThat(back.session()).contains(SessionId.of("0b9e7f0c-claude-code-session"));
  }

  @Test
  void tags_survive_the_journal_and_an_untagged_record_writes_none() throws Exception {
    SpendEntry entry = Entries.entry("codec-tags", 4).withTags(Tags.of("team:search", "env=prod"));

    SpendEntry back = EntryCodec.decode(EntryCodec.encode(entry));

    assertThat(back).isEqualTo(entry);
    assertThat(back.tags()).isEqualTo(Tags.of("env=prod", "team:search"));
    assertThat(new String(EntryCodec.encode(Entries.entry("codec-tags", 5)), UTF_8))
        .doesNotContain("\"tags\"");
  }

  @Test
  void a_record_with_a_bad_tag_or_tags_not_in_an_array_is_refused() {
    String head = "{\"req\":\"r-tag\",\"tenant\":\"acme\",\"key\":\"key_1\",\"model\":\"m\","
        + "\"in\":1,\"cached\":0,\"write\":0,\"out\":2,\"reason\":0,\"source\":\"REPORTED\","
        + "\"cost\":7,\"price\":\"2026-01-01T00:00:00Z\",\"started\":\"2026-01-02T00:00:00Z\","
        + "\"recorded\":\"2026-01-02T00:00:01Z\",\"overage\":false,\"tags\":";
    for (String tags : new String[] {"\"a,b\"}", "[\"a b\"]}", "[{}]}"}) {
      assertThatThrownBy(() -> EntryCodec.decode((head + tags).getBytes(UTF_8)))
          .as(tags).isInstanceOf(IOException.class);
    }
  }

  @Test
  void a_record_written_before_sessions_reads_as_no_session() throws Exception {
    // A record exactly as the codec wrote it before sessions were recorded.
    String before = "{\"req\":\"r-old\",\"tenant\":\"acme\",\"key\":\"key_1\",\"model\":\"m\","
        + "\"in\":1,\"cached\":0,\"write\":0,\"out\":2,\"reason\":0,\"source\":\"REPORTED\","
        + "\"cost\":7,\"price\":\"2026-01-01T00:00:00Z\",\"started\":\"2026-01-02T00:00:00Z\","
        + "\"recorded\":\"2026-01-02T00:00:01Z\",\"overage\":false}";

    SpendEntry back = EntryCodec.decode(before.getBytes(UTF_8));

    assertThat(back.session()).isEmpty();
    assertThat(new String(EntryCodec.encode(back), UTF_8)).isEqualTo(before);
  }

  @Test
  void a_field_this_version_does_not_know_is_skipped_whatever_its_shape() throws Exception {
    SpendEntry entry = Entries.entry("newer", 3);
    String json = new String(EntryCodec.encode(entry), UTF_8);
    String newer = json.replace("{\"req\"",
        "{\"later\":{\"a\":[1,{\"b\":null}]},\"flag\":true,\"req\"");

    assertThat(EntryCodec.decode(newer.getBytes(UTF_8))).isEqualTo(entry);
  }

  @Test
  void a_record_missing_a_count_or_the_cost_is_refused() throws Exception {
    String json = new String(EntryCodec.encode(Entries.entry("short", 1)), UTF_8);

    for (String field : new String[] {"in", "cached", "write", "out", "reason", "cost"}) {
      String without = json.replaceFirst(",\"" + field + "\":\\d+", "");
      assertThatThrownBy(() -> EntryCodec.decode(without.getBytes(UTF_8))).as(field)
          .isInstanceOf(IOException.class);
    }
  }
}
