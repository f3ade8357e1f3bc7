package dev.tollgate.domain.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SealingTest {

  private static final String MATERIAL = "k6QJ1hG9i2c2oQ8wVnE0y2x1cXH4rM3u8m4JH0p7a1E=";
  private static final String OTHER_MATERIAL = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg=";
  private static final SecretName NAME = SecretName.of("data-plane-api-key");
  private static final SecretValue VALUE = SecretValue.of("sk-upstream-0123456789abcdef");

  private final SplittableRandom random = new SplittableRandom(7);
  private final SaltKey key = SaltKey.of(MATERIAL);

  @Test
  void aSealedSecretOpensUnderTheSameKeyAndName() {
    SealedSecret sealed = key.seal(NAME, VALUE, random);

    assertThat(sealed.keyId()).isEqualTo(key.id());
    assertThat(key.open(NAME, sealed)).isEqualTo(new OpenResult.Opened(VALUE));
    assertThat(SaltKey.of(MATERIAL).open(NAME, SealedSecret.parse(sealed.encode())))
        .isEqualTo(new OpenResult.Opened(VALUE));
  }

  @Test
  void anotherKeyIsTurnedAwayByIdBeforeAnyDecryption() {
    SaltKey other = SaltKey.of(OTHER_MATERIAL);
    SealedSecret sealed = key.seal(NAME, VALUE, random);

    assertThat(other.open(NAME, sealed)).isEqualTo(new OpenResult.WrongKey(key.id(), other.id()));
  }

  @Test
  void aCiphertextClaimingTheRightKeyIdButSealedByAnotherKeyIsTampered() {
    SaltKey other = SaltKey.of(OTHER_MATERIAL);
    SealedSecret forged = relabel(other.seal(NAME, VALUE, random), key.id());

    assertThat(key.open(NAME, forged)).isEqualTo(new OpenResult.Tampered(NAME));
  }

  @Test
  void aFlippedBitInTheCiphertextOrNonceIsTampered() {
    SealedSecret sealed = key.seal(NAME, VALUE, random);
    byte[] ciphertext = sealed.ciphertext();
    ciphertext[0] ^= 1;
    byte[] nonce = sealed.nonce();
    nonce[11] ^= (byte) 0x80;

    assertThat(key.open(NAME, new SealedSecret(key.id(), sealed.nonce(), ciphertext)))
        .isInstanceOf(OpenResult.Tampered.class);
    assertThat(key.open(NAME, new SealedSecret(key.id(), nonce, sealed.ciphertext())))
        .isInstanceOf(OpenResult.Tampered.class);
  }

  @Test
  void aCiphertextMovedToAnotherNameDoesNotOpen() {
    SealedSecret sealed = key.seal(NAME, VALUE, random);
    SecretName other = SecretName.of("webhook-secret");

    assertThat(key.open(other, sealed)).isEqualTo(new OpenResult.Tampered(other));
  }

  @Test
  void eachSealDrawsAFreshNonce() {
    SealedSecret first = key.seal(NAME, VALUE, random);
    SealedSecret second = key.seal(NAME, VALUE, random);

    assertThat(first).isNotEqualTo(second);
    assertThat(first.encode()).isNotEqualTo(second.encode());
  }

  /** Pinned (checked against an independent HKDF-SHA256): a change to the derivation would orphan every secret already stored. */
  @Test
  void theKeyIdIsStableAndDiffersPerKey() {
    assertThat(SaltKey.of(MATERIAL).id()).isEqualTo(key.id());
    assertThat(key.id()).isEqualTo(SaltKeyId.of(PINNED_ID));
    assertThat(SaltKey.of(OTHER_MATERIAL).id()).isNotEqualTo(key.id());
    assertThat(key.id().value()).doesNotContain(MATERIAL.substring(0, 8));
  }

  static final String PINNED_ID = "5c78fe03a8ebc278";

  @Test
  void shortKeyMaterialIsRefusedWithoutEchoingIt() {
    String shortMaterial = "hunter2-is-not-a-salt-key";

    assertThatThrownBy(() -> SaltKey.of(shortMaterial))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes")
        .message().doesNotContain(shortMaterial);
  }

  @Test
  void noToStringShowsTheSecretOrTheKey() {
    SealedSecret sealed = key.seal(NAME, VALUE, random);

    assertThat(VALUE.toString()).doesNotContain(VALUE.reveal());
    assertThat(key.toString()).doesNotContain(MATERIAL).contains(key.id().value());
    assertThat(sealed.toString()).doesNotContain(sealed.encode().split("\\.")[3]);
    assertThat(new OpenResult.Opened(VALUE).toString()).doesNotContain(VALUE.reveal());
  }

  @Test
  void malformedEncodingsAreRefusedWithoutEchoingThem() {
    String sealed = key.seal(NAME, VALUE, random).encode();

    assertThatThrownBy(() -> SealedSecret.parse("v2" + sealed.substring(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SealedSecret.parse(sealed + ".x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SealedSecret.parse(sealed.replace('.', ':')))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain(sealed);
  }

  @Test
  void reservedNamesAreTollgatesOwn() {
    assertThat(SecretName.KEY_CHECK.isReserved()).isTrue();
    assertThat(NAME.isReserved()).isFalse();
    assertThatThrownBy(() -> SecretName.of("Upper")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretName.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  private static SealedSecret relabel(SealedSecret sealed, SaltKeyId id) {
    return new SealedSecret(id, sealed.nonce(), sealed.ciphertext());
  }
}
