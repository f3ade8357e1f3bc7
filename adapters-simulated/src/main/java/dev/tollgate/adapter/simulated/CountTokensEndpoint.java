package dev.tollgate.adapter.simulated;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/messages/count_tokens}: {@code {"input_tokens": N}}, every prompt token of the
 * request as {@link MessagesPrompt} counts it (cache or not, as Anthropic's counter answers); no
 * {@code max_tokens} needed, no reply generated, the cache untouched.
 */
final class CountTokensEndpoint implements Endpoint {

  private final Intake intake;

  CountTokensEndpoint(Intake intake) {
    this.intake = intake;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    MessagesPrompt prompt = MessagesPrompt.of(call.body());
    Wire.sendJson(res, 200, Wire.object().put("input_tokens", prompt.tokens()));
  }
}
