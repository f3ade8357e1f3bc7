package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerResponse;

/**
 * A Responses API stream: named events {@code response.created}, {@code response.in_progress},
 * {@code response.output_item.added}, {@code response.content_part.added}, one
 * {@code response.output_text.delta} per token, {@code response.output_text.done},
 * {@code response.content_part.done}, {@code response.output_item.done}, and
 * {@code response.completed} carrying the whole response with usage. Every event has a
 * {@code sequence_number} from 0. There is no {@code [DONE]} line in this API.
 */
final class ResponsesStream {

  private static final byte[] DELTA_CLOSE = Wire.ascii("\",\"logprobs\":[],\"sequence_number\":");
  private static final byte[] END = Wire.ascii("}\n\n");

  private final Turn turn;
  private final String messageId;
  private final Pacer pacer;
  private int sequence;

  ResponsesStream(Turn turn, String messageId, Pacer pacer) {
    this.turn = turn;
    this.messageId = messageId;
    this.pacer = pacer;
  }

  void write(ServerResponse res, StreamGauge streams) {
    if (!pacer.beforeFirstByte()) {
      return;
    }
    try (SseOut out = SseOut.start(res, streams)) {
      boolean open = out.send(withResponse("response.created", false))
          && out.send(withResponse("response.in_progress", false))
          && out.send(itemEvent("response.output_item.added", false))
          && out.send(partEvent("response.content_part.added", ""))
          && deltas(out);
      if (open) {
        finish(out);
      }
    }
  }

  private void finish(SseOut out) {
    String text = turn.reply().text();
    ObjectNode textDone = itemRef("response.output_text.done").put("text", text);
    textDone.putArray("logprobs");
    if (out.send(event(textDone))
        && out.send(partEvent("response.content_part.done", text))
        && out.send(itemEvent("response.output_item.done", true))) {
      out.send(withResponse("response.completed", true));
    }
  }

  private boolean deltas(SseOut out) {
    byte[] head = Wire.ascii("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
        + "\"item_id\":\"" + messageId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"");
    Reply reply = turn.reply();
    boolean open = true;
    for (int i = 0; open && i < reply.tokens(); i++) {
      open = (i == 0 || pacer.betweenTokens())
          && out.send(head, reply.tokenBytes(i), DELTA_CLOSE, Wire.ascii(Integer.toString(sequence++)), END);
    }
    return open;
  }

  private byte[] withResponse(String type, boolean completed) {
    ObjectNode event = start(type);
    event.set("response", ResponsesEndpoint.response(turn, messageId, completed));
    return event(event);
  }

  private byte[] itemEvent(String type, boolean completed) {
    ObjectNode event = start(type).put("output_index", 0);
    event.set("item", ResponsesEndpoint.message(messageId, turn.reply().text(), completed));
    return event(event);
  }

  private byte[] partEvent(String type, String text) {
    ObjectNode event = itemRef(type);
    event.set("part", ResponsesEndpoint.outputText(text));
    return event(event);
  }

  private ObjectNode itemRef(String type) {
    return start(type).put("item_id", messageId).put("output_index", 0).put("content_index", 0);
  }

  private ObjectNode start(String type) {
    return Wire.object().put("type", type).put("sequence_number", sequence++);
  }

  private static byte[] event(ObjectNode event) {
    return Wire.utf8("event: " + event.get("type").asText() + "\ndata: " + event + "\n\n");
  }
}
