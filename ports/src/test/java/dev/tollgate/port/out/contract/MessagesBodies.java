package dev.tollgate.port.out.contract;

/**
 * Anthropic Messages answers around usage objects, laid out like the recorded ones: a whole message
 * (anthropic__basic.json) and the event stream {@code message_start}, {@code content_block_*},
 * {@code ping}, {@code message_delta}, {@code message_stop} (anthropic__stream_basic.json).
 */
final class MessagesBodies {

  private MessagesBodies() {}

  static String message(String usage) {
    return "{\"id\":\"msg_012JYtNYb8sv6Hb67TcGT7xW\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"test-model\",\"content\":[{\"type\":\"text\",\"text\":\"Hi there!\"}],"
        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":" + usage + "}";
  }

  static String stream(String startUsage, String deltaUsage) {
    return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
            + "\"msg_016wbjv5k86nxxd8CEZwSQnA\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"test-model\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":" + startUsage + "}}")
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event("ping", "{\"type\": \"ping\"}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi there!\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
            + "\"end_turn\",\"stop_sequence\":null},\"usage\":" + deltaUsage + "}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
