package dev.tollgate.domain.key;

import static dev.tollgate.domain.Theories.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tollgate.domain.key.KeyFormat.Malformed;
import dev.tollgate.domain.key.KeyFormat.Wellformed;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class KeyChecksumPropertyTest {

  @Test
  void every_minted_key_is_wellformed() {
    theory()
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              ApiKeySecret secret = KeyFormat.mint(new SplittableRandom(seed));

              assertThat(KeyFormat.parse(secret.reveal())).isEqualTo(new Wellformed(secret));
            });
  }

  @Test
  void any_single_changed_character_after_the_prefix_fails_the_checksum() {
    theory()
        .forAll(longs().all(), integers().between(6, 43), base62())
        .assuming((seed, position, replacement) -> minted(seed).charAt(position) != replacement)
        .checkAssert(
            (seed, position, replacement) -> {
              String key = minted(seed);
              String changed =
                  key.substring(0, position) + replacement + key.substring(position + 1);

              assertThat(KeyFormat.parse(changed))
                  .isInstanceOfSatisfying(
                      Malformed.class, m -> assertThat(m.why()).contains("checksum"));
            });
  }

  private static String minted(long seed) {
    return KeyFormat.mint(new SplittableRandom(seed)).reveal();
  }

  /** Base62: [0-9A-Za-z]. */
  private static Gen<Character> base62() {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
    return Generate.pick(chars);
  }
}
