package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.wire.openai.UsageObjects;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/chat/completions}. A stream is: a role chunk, one content chunk per token, a
 * finish chunk, the {@code choices:[]} usage chunk when {@code stream_options.include_usage} is
 * true, then {@code data: [DONE]}. Chunks carry {@code "usage":null} only when usage was asked for,
 * as OpenAI does. Content chunks are assembled from prebuilt bytes.
 */
final class ChatEndpoint implements Endpoint {

  private static final byte[] ROLE = Wire.ascii(
      "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
          + "\"finish_reason\":null}]");
  private static final byte[] CONTENT_OPEN = Wire.ascii("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
  private static final byte[] CONTENT_CLOSE = Wire.ascii("\"},\"finish_reason\":null}]");
  private static final byte[] END = Wire.ascii("}\n\n");
  private static final byte[] END_WITH_NULL_USAGE = Wire.ascii(",\"usage\":null}\n\n");

  private final Intake intake;
  private final SimulatorSettings settings;
  private final StreamGauge streams;

  ChatEndpoint(Intake intake, SimulatorSettings settings, StreamGauge streams) {
    this.intake = intake;
    this.settings = settings;
    this.streams = streams;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    Prompts.Prompt prompt = Prompts.chat(call.body().get("messages"));
    Call.Length length = call.length(settings.defaultMaxTokens(), "max_completion_tokens", "max_tokens");
    Turn turn = Turn.plan(call, "chatcmpl-sim", prompt, length);
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
        .put("object", "chat.completion")
        .put("created", turn.call().createdEpochSeconds())
        .put("model", turn.call().model());
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message")
        .put("role", "assistant")
        .put("content", turn.reply().text());
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", turn.finishReason());
    body.set("usage", UsageObjects.chat(turn.promptTokens(), turn.completionTokens()));
    body.put("service_tier", "default");
    body.putNull("system_fingerprint");
    return body;
  }

  private static void stream(ServerResponse res, Turn turn, Pacer pacer, StreamGauge streams) {
    Call call = turn.call();
    byte[] head = Wire.utf8("data: {\"id\":\"" + turn.id() + "\",\"object\":\"chat.completion.chunk\","
        + "\"created\":" + call.createdEpochSeconds() + ",\"model\":" + call.modelJson() + ",");
    byte[] end = call.includeUsage() ? END_WITH_NULL_USAGE : END;
    if (!pacer.beforeFirstByte()) {
      return;
    }
    try (SseOut out = SseOut.start(res, streams)) {
      boolean open = out.send(head, ROLE, end);
      Reply reply = turn.reply();
      for (int i = 0; open && i < reply.tokens(); i++) {
        open = (i == 0 || pacer.betweenTokens())
            && out.send(head, CONTENT_OPEN, reply.tokenBytes(i), CONTENT_CLOSE, end);
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
    return Wire.ascii("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\""
        + turn.finishReason() + "\"}]");
  }

  private static byte[] usage(Turn turn) {
    return Wire.utf8("\"choices\":[],\"usage\":" + UsageObjects.chat(turn.promptTokens(), turn.completionTokens()));
  }
}
