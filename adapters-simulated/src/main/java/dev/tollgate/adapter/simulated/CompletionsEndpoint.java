package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.wire.openai.UsageObjects;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/completions}, the legacy text shape. A stream is one {@code text_completion}
 * chunk per token, a finish chunk with empty text, the {@code choices:[]} usage chunk when
 * {@code stream_options.include_usage} is true, then {@code data: [DONE]}. An array prompt is read
 * as one prompt and answered with one choice; {@code n} is ignored.
 */
final class CompletionsEndpoint implements Endpoint {

  private static final byte[] TEXT_OPEN = Wire.ascii("\"choices\":[{\"text\":\"");
  private static final byte[] TEXT_CLOSE = Wire.ascii("\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]");
  private static final byte[] END = Wire.ascii("}\n\n");
  private static final byte[] END_WITH_NULL_USAGE = Wire.ascii(",\"usage\":null}\n\n");

  private final Intake intake;
  private final SimulatorSettings settings;
  private final StreamGauge streams;

  CompletionsEndpoint(Intake intake, SimulatorSettings settings, StreamGauge streams) {
    this.intake = intake;
    this.settings = settings;
    this.streams = streams;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    Prompts.Prompt prompt = Prompts.completion(call.body().get("prompt"));
    Call.Length length = call.length(settings.defaultMaxTokens(), "max_tokens");
    Turn turn = Turn.plan(call, "cmpl-sim", prompt, length);
    Pacer pacer = new Pacer(settings.firstByteDelay(), settings.interTokenDelay());
    if (call.stream()) {
      stream(res, turn, pacer, streams);
    } else if (pacer.wholeReply(turn.completionTokens())) {
      Wire.sendJson(res, 200, completion(turn));
    }
  }

  private static ObjectNode completion(Turn turn) {
    ObjectNode body = Wire.object()
        .put("id", turn.id())
        .put("object", "text_completion")
        .put("created", turn.call().createdEpochSeconds())
        .put("model", turn.call().model());
    ObjectNode choice = body.putArray("choices").addObject()
        .put("text", turn.reply().text())
        .put("index", 0);
    choice.putNull("logprobs");
    choice.put("finish_reason", turn.finishReason());
    body.set("usage", UsageObjects.legacy(turn.promptTokens(), turn.completionTokens()));
    return body;
  }

  private static void stream(ServerResponse res, Turn turn, Pacer pacer, StreamGauge streams) {
    Call call = turn.call();
    byte[] head = Wire.utf8("data: {\"id\":\"" + turn.id() + "\",\"object\":\"text_completion\","
        + "\"created\":" + call.createdEpochSeconds() + ",\"model\":" + call.modelJson() + ",");
    byte[] end = call.includeUsage() ? END_WITH_NULL_USAGE : END;
    if (!pacer.beforeFirstByte()) {
      return;
    }
    try (SseOut out = SseOut.start(res, streams)) {
      boolean open = true;
      Reply reply = turn.reply();
      for (int i = 0; open && i < reply.tokens(); i++) {
        open = (i == 0 || pacer.betweenTokens())
            && out.send(head, TEXT_OPEN, reply.tokenBytes(i), TEXT_CLOSE, end);
      }
      if (open && out.send(head, finish(turn), end)) {
        if (call.includeUsage()) {
          out.send(head, usage(turn), END);
        }
        out.send(Wire.DONE);
      }
    }
  }

  private static byte[] finish(Turn turn) {
    return Wire.ascii("\"choices\":[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\""
        + turn.finishReason() + "\"}]");
  }

  private static byte[] usage(Turn turn) {
    return Wire.utf8("\"choices\":[],\"usage\":" + UsageObjects.legacy(turn.promptTokens(), turn.completionTokens()));
  }
}
