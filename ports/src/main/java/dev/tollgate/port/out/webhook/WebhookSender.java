package dev.tollgate.port.out.webhook;

import java.net.URI;
import java.util.Map;

/** POSTs one delivery and says what came back; bounded by its own timeout, never throws. */
public interface WebhookSender {

  SendResult send(URI url, Map<String, String> headers, String body);

  /** The receiver's answer, or why there was none. */
  sealed interface SendResult {

    record Answered(int status) implements SendResult {
      public boolean accepted() {
        return status >= 200 && status < 300;
      }
    }

    record Unreachable(String reason) implements SendResult {}
  }
}
