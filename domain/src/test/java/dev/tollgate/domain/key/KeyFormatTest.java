package dev.tollgate.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyFormat.Malformed;
import dev.tollgate.domain.key.KeyFormat.Parsed;
import dev.tollgate.domain.key.KeyFormat.Wellformed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyFormatTest {

  private static ApiKeySecret minted(long seed) {
    return KeyFormat.mint(new SplittableRandom(seed));
  }

  private static String whyRefused(String presented) {
    Parsed parsed = KeyFormat.parse(presented);
    assertThat(parsed).isInstanceOf(Malformed.class);
    return ((Malformed) parsed).why();
  }

  @Test
  void a_minted_key_is_44_characters_starting_with_the_prefix() {
    String key = minted(1).reveal();

    assertThat(key).startsWith("sk-tg-").hasSize(44).hasSize(KeyFormat.LENGTH);
    assertThat(key.substring(6)).matches("[0-9A-Za-z]{38}");
  }

  @Test
  void a_minted_key_parses_back_to_the_same_secret() {
    ApiKeySecret secret = minted(2);

    assertThat(KeyFormat.parse(secret.reveal())).isEqualTo(new Wellformed(secret));
  }

  @Test
  void the_same_seed_mints_the_same_key_and_different_seeds_do_not() {
    assertThat(minted(3)).isEqualTo(minted(3));
    assertThat(minted(3)).isNotEqualTo(minted(4));
  }

  @Test
  void a_single_mistyped_character_is_refused_by_the_checksum() {
    String key = minted(5).reveal();
    char wrong = key.charAt(20) == 'x' ? 'y' : 'x';
    String typo = key.substring(0, 20) + wrong + key.substring(21);

    assertThat(whyRefused(typo)).contains("checksum");
  }

  @Test
  void a_mistyped_checksum_character_is_refused() {
    String key = minted(6).reveal();
    char last = key.charAt(43) == '0' ? '1' : '0';

    assertThat(whyRefused(key.substring(0, 43) + last)).contains("checksum");
  }

  @Test
  void a_key_with_another_prefix_is_refused_with_the_expected_prefix_named() {
    String key = minted(7).reveal();

    assertThat(whyRefused("sk-" + key.substring(3).replaceFirst("tg", "xx")))
        .isEqualTo("API keys start with sk-tg-");
    assertThat(whyRefused("sk-proj-abc")).isEqualTo("API keys start with sk-tg-");
  }

  @Test
  void a_truncated_or_padded_key_is_refused_with_the_expected_length_named() {
    String key = minted(8).reveal();

    assertThat(whyRefused(key.substring(0, 43))).isEqualTo("API keys are 44 characters long");
    assertThat(whyRefused(key + "A")).isEqualTo("API keys are 44 characters long");
  }

  @Test
  void a_key_with_a_character_outside_base62_is_refused() {
    String key = minted(9).reveal();

    assertThat(whyRefused(key.substring(0, 10) + "-" + key.substring(11)))
        .contains("not a letter or digit");
    assertThat(whyRefused(key.substring(0, 43) + "é")).contains("not a letter or digit");
  }

  @Test
  void a_missing_key_is_refused() {
    assertThat(whyRefused(null)).isEqualTo("no API key was given");
    assertThat(whyRefused("")).isEqualTo("no API key was given");
  }

  @Test
  void the_hash_is_the_sha256_of_the_whole_key_in_64_lowercase_hex() throws Exception {
    ApiKeySecret secret = minted(10);
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(secret.reveal().getBytes(StandardCharsets.US_ASCII)));

    assertThat(secret.hash().hex()).isEqualTo(expected).matches("[0-9a-f]{64}");
  }

  @Test
  void the_hash_is_stable_for_a_key_and_differs_between_keys() {
    ApiKeySecret secret = minted(11);
    ApiKeySecret reparsed = ((Wellformed) KeyFormat.parse(secret.reveal())).secret();

    assertThat(reparsed.hash()).isEqualTo(secret.hash());
    assertThat(minted(12).hash()).isNotEqualTo(secret.hash());
  }

  @Test
  void a_parsed_secret_is_hashed_once_however_often_it_is_looked_up() {
    ApiKeySecret parsed = ((Wellformed) KeyFormat.parse(minted(13).reveal())).secret();

    assertThat(parsed.hash()).isSameAs(parsed.hash()).isEqualTo(minted(13).hash());
  }

  @Test
  void a_key_hash_must_be_64_lowercase_hex_digits() {
    String valid = "a".repeat(64);

    assertThat(new KeyHash(valid).hex()).isEqualTo(valid);
    assertThatThrownBy(() -> new KeyHash("A".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyHash("a".repeat(63)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neither_to_string_nor_hint_shows_the_secret() {
    ApiKeySecret secret = minted(13);
    String key = secret.reveal();
    String randomPart = key.substring(6, 38);

    assertThat(secret.toString()).doesNotContain(key).doesNotContain(randomPart);
    assertThat(secret.hint()).doesNotContain(key).doesNotContain(randomPart);
    assertThat(secret.hint()).isEqualTo("sk-tg-…" + key.substring(40));
    assertThat(secret.toString()).isEqualTo("ApiKeySecret[" + secret.hint() + "]");
  }
}
