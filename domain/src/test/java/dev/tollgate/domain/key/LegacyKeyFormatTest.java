package dev.tollgate.domain.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LegacyKeyFormatTest {

  @Test
  void aLitellmKeyIsLegacyShapedAndHashesAsLitellmStoresIt() throws Exception {
    String secret = "sk-Qm3vX9LrT2bHcW8eNpJ5aQ"; // "sk-" + secrets.token_urlsafe(16)
    String litellmToken = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(secret.getBytes(StandardCharsets.UTF_8)));

    assertThat(LegacyKeyFormat.parse(secret)).hasValueSatisfying(
        s -> assertThat(s.hash().hex()).isEqualTo(litellmToken));
  }

  @Test
  void anythingElseIsRefusedBeforeAnyLookup() {
    assertThat(LegacyKeyFormat.parse(null)).isEmpty();
    assertThat(LegacyKeyFormat.parse("sk-short")).isPresent();
    assertThat(LegacyKeyFormat.parse("sk-shor")).isEmpty();
    assertThat(LegacyKeyFormat.parse("pk-Qm3vX9LrT2bHcW8eNpJ5aQ")).isEmpty();
    assertThat(LegacyKeyFormat.parse("sk-Qm3vX9LrT2b HcW8eNpJ5aQ")).isEmpty();
    assertThat(LegacyKeyFormat.parse("sk-Qm3vX9LrT2b+cW8eNpJ5aQ")).isEmpty();
    assertThat(LegacyKeyFormat.parse("sk-" + "a".repeat(LegacyKeyFormat.MAX_LENGTH))).isEmpty();
  }

  @Test
  void aNativeKeyIsNeverReadAsALegacyOneNotEvenWithAWrongChecksum() {
    String nativeKey = KeyFormat.mint(new SplittableRandom(3)).reveal();
    String typo = nativeKey.substring(0, nativeKey.length() - 1) + "0";

    assertThat(LegacyKeyFormat.parse(nativeKey)).isEmpty();
    assertThat(LegacyKeyFormat.parse(typo)).isEmpty();
  }
}
