package dev.tollgate.adapter.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/audio/transcriptions} and {@code /v1/audio/translations}, as vLLM answers them
 * for a Whisper model: a multipart form ({@link AudioForm}) whose {@code file} is a WAV (the only
 * container the simulator decodes: anything else is refused as vLLM refuses audio it cannot
 * read). The transcript is made up, a word per second begun; what matters is the audio's length,
 * read from the WAV's header: {@code json} answers {@code usage: {"type": "duration", "seconds":
 * n}} with the seconds rounded up, as vLLM does; {@code verbose_json} gives the exact
 * {@code duration} and no usage; {@code text}, {@code srt} and {@code vtt} give the text alone;
 * {@code stream=true} answers vLLM's {@code transcription.chunk} events ({@link #stream}).
 */
final class TranscriptionEndpoint implements Endpoint {

  /** OpenAI's limit on an audio file, and a little for the form around it. */
  static final int MAX_FORM_BYTES = 26 * 1024 * 1024;

  private final Intake intake;
  private final boolean translation;
  private final StreamGauge streams;

  TranscriptionEndpoint(Intake intake, boolean translation, StreamGauge streams) {
    this.intake = intake;
    this.translation = translation;
    this.streams = streams;
  }

  @Override
  public void serve(ServerRequest req, ServerResponse res) {
    AudioForm form = intake.readForm(req);
    long millis = wavMillis(form.file());
    String text = transcript(millis);
    if (form.field("stream").map(Boolean::parseBoolean).orElse(false)) {
      stream(res, form, text);
      return;
    }
    String format = form.field("response_format").orElse("json");
    switch (format) {
      case "json" -> {
        ObjectNode answer = Wire.object().put("text", text);
        answer.putObject("usage").put("type", "duration")
            .put("seconds", Math.ceilDiv(millis, 1000));
        Wire.sendJson(res, 200, answer);
      }
      case "verbose_json" -> {
        BigDecimal seconds = BigDecimal.valueOf(millis, 3);
        ObjectNode answer = Wire.object().put("task", translation ? "translate" : "transcribe")
            .put("language", "en").put("duration", seconds).put("text", text);
        answer.putArray("segments").addObject().put("id", 0).put("start", 0)
            .put("end", seconds).put("text", text);
        Wire.sendJson(res, 200, answer);
      }
      case "text" -> plain(res, text + "\n");
      case "srt" -> plain(res, "1\n00:00:00,000 --> " + clock(millis, ',') + "\n" + text + "\n\n");
      case "vtt" -> plain(res, "WEBVTT\n\n00:00:00.000 --> " + clock(millis, '.') + "\n" + text
          + "\n\n");
      default -> throw Prompts.reject(ErrorReply.invalidValue("response_format",
          "unsupported response_format: " + format));
    }
  }

  /**
   * vLLM's streamed transcription: a {@code transcription.chunk} per word, its {@code delta.content}
   * the word; the last with {@code finish_reason: "stop"}; then, when the form asked with
   * {@code stream_include_usage}, a chunk with no choices and the usage (the prompt's words plus
   * Whisper's four start tokens, the words written); then {@code [DONE]}.
   */
  private void stream(ServerResponse res, AudioForm form, String text) {
    String id = Wire.newId("trsc-");
    String model = form.field("model").orElseThrow();
    String head = "{\"id\":\"" + id + "\",\"object\":\"transcription.chunk\",\"created\":"
        + (System.currentTimeMillis() / 1000) + ",\"model\":" + Wire.quote(model) + ",";
    String[] words = text.split(" ");
    try (SseOut sse = SseOut.start(res, streams)) {
      for (int i = 0; i < words.length && sse.isOpen(); i++) {
        boolean last = i == words.length - 1;
        ObjectNode delta = Wire.object().put("content", (i == 0 ? "" : " ") + words[i]);
        sse.send(Wire.utf8("data: " + head + "\"choices\":[{\"delta\":" + delta
            + ",\"finish_reason\":" + (last ? "\"stop\"" : "null") + ",\"stop_reason\":null}]}"
            + "\n\n"));
      }
      if (form.field("stream_include_usage").map(Boolean::parseBoolean).orElse(false)) {
        int prompt = 4 + Prompts.words(form.field("prompt").orElse(""));
        sse.send(Wire.utf8("data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":"
            + prompt + ",\"total_tokens\":" + (prompt + words.length)
            + ",\"completion_tokens\":" + words.length + "}}\n\n"));
      }
      sse.send(Wire.DONE);
    }
  }

  private static void plain(ServerResponse res, String body) {
    res.status(200);
    res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    res.send(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String clock(long millis, char separator) {
    return String.format("%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, separator, millis % 1000);
  }

  /** A word per second begun: "one two three …" cycling through ten words. */
  static String transcript(long millis) {
    String[] words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    long count = Math.max(1, Math.ceilDiv(millis, 1000));
    StringBuilder text = new StringBuilder();
    for (long i = 0; i < count && i < 100_000; i++) {
      text.append(i == 0 ? "" : " ").append(words[(int) (i % words.length)]);
    }
    return text.append('.').toString();
  }

  /** A RIFF/WAVE file's length: its data chunk over its byte rate, to the millisecond up. */
  static long wavMillis(byte[] wav) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // RIFF, WAVE
      throw Prompts.reject(ErrorReply.invalidValue("file",
          "Invalid or unsupported audio file (the simulator decodes WAV only)."));
    }
    long byteRate = 0;
    int at = 12;
    while (at + 8 <= wav.length) {
      int id = b.getInt(at);
      long size = Integer.toUnsignedLong(b.getInt(at + 4));
      if (id == 0x20746d66 && at + 20 <= wav.length) { // "fmt "
        byteRate = Integer.toUnsignedLong(b.getInt(at + 16));
      } else if (id == 0x61746164 && byteRate > 0) { // "data"
        return Math.ceilDiv(Math.min(size, wav.length - at - 8L) * 1000, byteRate);
      }
      at += (int) (8 + size + (size & 1));
    }
    throw Prompts.reject(ErrorReply.invalidValue("file", "the WAV file has no data chunk"));
  }
}
