package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.wire.anthropic.MessagesUsageObjects;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/messages}, Anthropic's Messages API: {@code max_tokens} is required, the reply is
 * one {@code text} block, and usage reports the prompt cache ({@link PromptCache}) the way Anthropic
 * does: {@code input_tokens} without the cache, {@code cache_read_input_tokens},
 * {@code cache_creation_input_tokens} with its {@code cache_creation} split by lifetime. A stream is
 * {@code message_start} (the input side, output 1), {@code content_block_start}, {@code ping}, one
 * paced {@code content_block_delta} per token, {@code content_block_stop}, {@code message_delta}
 * with cumulative usage (as claude-haiku-4-5 sends it: the input side again, no split) and
 * {@code message_stop}.
 */
final class MessagesEndpoint implements Endpoint {

  private static final byte[] DELTA_OPEN = Wire.ascii("event: content_block_delta\ndata: "
      + "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"");
  private static final byte[] DELTA_CLOSE = Wire.ascii("\"}}\n\n");

  private final Intake intake;
  private final SimulatorSettings settings;
  private final StreamGauge streams;
  private final PromptCache cache;

  MessagesEndpoint(Intake intake, SimulatorSettings settings, StreamGauge streams, PromptCache cache) {
    this.intake = intake;
    this.settings = settings;
    this.streams = streams;
    this.cache = cache;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    JsonNode maxTokens = call.body().get("max_tokens");
    if (maxTokens == null || maxTokens.isNull()) {
      throw new RejectedRequest(ErrorReply.missingParameter("max_tokens"));
    }
    MessagesPrompt prompt = MessagesPrompt.of(call.body());
    Call.Length length = call.length(settings.defaultMaxTokens(), "max_tokens");
    Turn turn = Turn.plan(call, "msg_sim", prompt.asPrompt(), length);
    PromptCache.Use use = cache.use(prompt);
    Pacer pacer = new Pacer(settings.firstByteDelay(), settings.interTokenDelay());
    if (call.stream()) {
      stream(res, turn, use, pacer);
    } else if (pacer.wholeReply(turn.completionTokens())) {
      Wire.sendJson(res, 200, message(turn, use));
    }
  }

  private static String stopReason(Turn turn) {
    return turn.length().truncated() ? "max_tokens" : "end_turn";
  }

  private static ObjectNode message(Turn turn, PromptCache.Use use) {
    ObjectNode body = head(turn);
    body.putArray("content").addObject().put("type", "text").put("text", turn.reply().text());
    body.put("stop_reason", stopReason(turn));
    body.putNull("stop_sequence");
    body.set("usage", usage(use, turn.completionTokens(), true));
    return body;
  }

  private static ObjectNode head(Turn turn) {
    return Wire.object().put("id", turn.id()).put("type", "message").put("role", "assistant")
        .put("model", turn.call().model());
  }

  /** Anthropic's usage; {@code split} adds the {@code cache_creation} object and the tier. */
  static ObjectNode usage(PromptCache.Use use, int outputTokens, boolean split) {
    return MessagesUsageObjects.of(use.fresh(), use.read(), use.written5m(), use.written1h(),
        outputTokens, split);
  }

  private void stream(ServerResponse res, Turn turn, PromptCache.Use use, Pacer pacer) {
    if (!pacer.beforeFirstByte()) {
      return;
    }
    ObjectNode start = head(turn);
    start.putArray("content");
    start.putNull("stop_reason").putNull("stop_sequence");
    start.set("usage", usage(use, 1, true));
    ObjectNode delta = Wire.object().put("type", "message_delta");
    delta.putObject("delta").put("stop_reason", stopReason(turn)).putNull("stop_sequence");
    delta.set("usage", usage(use, turn.completionTokens(), false));
    try (SseOut out = SseOut.start(res, streams)) {
      boolean open = out.send(event("message_start",
              Wire.object().put("type", "message_start").set("message", start)))
          && out.send(Wire.ascii("event: content_block_start\ndata: {\"type\":\"content_block_start\","
              + "\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"))
          && out.send(Wire.ascii("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
      Reply reply = turn.reply();
      for (int i = 0; open && i < reply.tokens(); i++) {
        open = (i == 0 || pacer.betweenTokens())
            && out.send(DELTA_OPEN, reply.tokenBytes(i), DELTA_CLOSE);
      }
      if (open && out.send(Wire.ascii("event: content_block_stop\ndata: "
          + "{\"type\":\"content_block_stop\",\"index\":0}\n\n"))
          && out.send(event("message_delta", delta))) {
        out.send(Wire.ascii("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
      }
    }
  }

  private static byte[] event(String name, JsonNode data) {
    return Wire.utf8("event: " + name + "\ndata: " + data + "\n\n");
  }
}
