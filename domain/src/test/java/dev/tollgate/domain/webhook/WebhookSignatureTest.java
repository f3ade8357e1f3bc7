package dev.tollgate.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  /** The Standard Webhooks specification's published test vector (its reference libraries test it). */
  @Test
  void the_specifications_test_vector_signs_exactly() {
    assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void a_new_secret_is_whsec_and_24_random_bytes_in_base64() {
    String a = WebhookSignature.newSecret(new SplittableRandom(1));
    String b = WebhookSignature.newSecret(new SplittableRandom(2));

    assertThat(a).startsWith("whsec_").isNotEqualTo(b);
    assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(24);
  }

  @Test
  void a_secret_without_its_prefix_is_a_programmer_error() {
    assertThatThrownBy(() -> WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_message_id_depends_on_subscription_and_event_key_only() {
    SubscriptionId s = SubscriptionId.next(new SplittableRandom(3));
    SubscriptionId other = SubscriptionId.next(new SplittableRandom(4));

    assertThat(MessageId.of(s, "budget.exhausted|tenant:a|2026-12-01T00:00:00Z"))
        .isEqualTo(MessageId.of(s, "budget.exhausted|tenant:a|2026-12-01T00:00:00Z"))
        .isNotEqualTo(MessageId.of(s, "budget.exhausted|tenant:a|2027-01-01T00:00:00Z"))
        .isNotEqualTo(MessageId.of(other, "budget.exhausted|tenant:a|2026-12-01T00:00:00Z"));
  }
}
