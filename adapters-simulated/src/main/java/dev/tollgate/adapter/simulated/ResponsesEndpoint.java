package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.wire.openai.UsageObjects;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/responses}, the Responses API. The reply is one assistant {@code message} item
 * with one {@code output_text} part; {@code status} is always {@code completed}, also when
 * {@code max_output_tokens} cut the text short. Streaming is in {@link ResponsesStream}.
 */
final class ResponsesEndpoint implements Endpoint {

  private final Intake intake;
  private final SimulatorSettings settings;
  private final StreamGauge streams;

  ResponsesEndpoint(Intake intake, SimulatorSettings settings, StreamGauge streams) {
    this.intake = intake;
    this.settings = settings;
    this.streams = streams;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    Call call = intake.read(req);
    Prompts.Prompt prompt = Prompts.responses(call.body().get("input"), call.body().get("instructions"));
    Call.Length length = call.length(settings.defaultMaxTokens(), "max_output_tokens");
    Turn turn = Turn.plan(call, "resp_sim", prompt, length);
    String messageId = Wire.newId("msg_sim");
    Pacer pacer = new Pacer(settings.firstByteDelay(), settings.interTokenDelay());
    if (call.stream()) {
      new ResponsesStream(turn, messageId, pacer).write(res, streams);
    } else if (pacer.wholeReply(turn.completionTokens())) {
      Wire.sendJson(res, 200, response(turn, messageId, true));
    }
  }

  /** The response object; before completion it is {@code in_progress} with no output or usage. */
  static ObjectNode response(Turn turn, String messageId, boolean completed) {
    Call call = turn.call();
    ObjectNode response = Wire.object()
        .put("id", turn.id())
        .put("object", "response")
        .put("created_at", call.createdEpochSeconds())
        .put("status", completed ? "completed" : "in_progress");
    response.putNull("error");
    response.putNull("incomplete_details");
    response.set("instructions", echo(call.body().get("instructions")));
    response.set("max_output_tokens", echo(call.body().get("max_output_tokens")));
    response.put("model", call.model());
    if (completed) {
      response.putArray("output").add(message(messageId, turn.reply().text(), true));
    } else {
      response.putArray("output");
    }
    response.put("parallel_tool_calls", true);
    response.putNull("previous_response_id");
    response.put("temperature", 1.0).put("top_p", 1.0).put("tool_choice", "auto");
    response.putArray("tools");
    response.putObject("text").putObject("format").put("type", "text");
    response.put("truncation", "disabled");
    response.set("usage", completed
        ? UsageObjects.responses(turn.promptTokens(), turn.completionTokens())
        : Wire.MAPPER.nullNode());
    response.putObject("metadata");
    return response;
  }

  /** The assistant message item; in progress it has no content parts yet. */
  static ObjectNode message(String messageId, String text, boolean completed) {
    ObjectNode item = Wire.object()
        .put("id", messageId)
        .put("type", "message")
        .put("status", completed ? "completed" : "in_progress")
        .put("role", "assistant");
    if (completed) {
      item.putArray("content").add(outputText(text));
    } else {
      item.putArray("content");
    }
    return item;
  }

  static ObjectNode outputText(String text) {
    ObjectNode part = Wire.object().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  private static JsonNode echo(JsonNode value) {
    return value == null ? Wire.MAPPER.nullNode() : value;
  }
}
