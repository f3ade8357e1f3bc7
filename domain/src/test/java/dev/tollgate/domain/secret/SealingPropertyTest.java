package dev.tollgate.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.tollgate.domain.Theories;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SealingPropertyTest {

  private static final SaltKey KEY = SaltKey.of("a-test-salt-key-with-at-least-32-bytes-of-material");
  private static final SecretName NAME = SecretName.of("a-secret");

  @Test
  void everyValueOpensToItselfThroughTheTextForm() {
    Theories.theory()
        .forAll(strings().allPossible().ofLengthBetween(1, 300), longs().all())
        .checkAssert((text, seed) -> {
          SecretValue value = SecretValue.of(text);
          SealedSecret sealed = KEY.seal(NAME, value, new SplittableRandom(seed));
          assertThat(KEY.open(NAME, SealedSecret.parse(sealed.encode())))
              .isEqualTo(new OpenResult.Opened(value));
        });
  }
}
