package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's audio API answers WAV forms as vLLM does, in every format it asks for. */
class TranscriptionTest {

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  private static final String TYPE = "multipart/form-data; boundary=xyz";

  /**
   * 2.5 seconds of 8 kHz 8-bit mono silence: every header byte is below 0x80, so the form travels
   * as ASCII text.
   */
  private static String wav() {
    String le16 = "" + (char) 0x40 + (char) 0x1f; // 8,000
    String header = "RIFF" + (char) 0x44 + (char) 0x4e + "\0\0WAVEfmt " + (char) 16 + "\0\0\0"
        + (char) 1 + "\0" + (char) 1 + "\0" + le16 + "\0\0" + le16 + "\0\0" + (char) 1 + "\0"
        + (char) 8 + "\0" + "data" + (char) 0x20 + (char) 0x4e + "\0\0";
    return header + "\0".repeat(20_000);
  }

  private static String form(String... fields) {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      form.append("--xyz\r\nContent-Disposition: form-data; name=\"").append(fields[i])
          .append("\"\r\n\r\n").append(fields[i + 1]).append("\r\n");
    }
    return form.append("--xyz\r\nContent-Disposition: form-data; name=\"file\";"
        + " filename=\"a.wav\"\r\n\r\n").append(wav()).append("\r\n--xyz--\r\n").toString();
  }

  private static HttpResponse<String> post(String path, String form) {
    return SIM.client().post(path, form, "Content-Type", TYPE);
  }

  @Test
  void json_reports_the_whole_seconds_and_verbose_the_exact_duration() {
    HttpResponse<String> json = post("v1/audio/transcriptions", form("model", "sim-small"));
    HttpResponse<String> verbose = post("v1/audio/translations",
        form("model", "sim-small", "response_format", "verbose_json"));

    assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
    assertThat(json.body()).isEqualTo("{\"text\":\"one two three.\",\"usage\":{\"type\":\"duration\","
        + "\"seconds\":3}}");
    JsonNode v = SimClient.parse(verbose.body());
    assertThat(v.get("task").asText()).isEqualTo("translate");
    assertThat(v.get("duration").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(v.has("usage")).isFalse();
  }

  @Test
  void text_srt_and_vtt_are_the_text_alone() {
    assertThat(post("v1/audio/transcriptions", form("model", "sim-small", "response_format",
        "text")).body()).isEqualTo("one two three.\n");
    assertThat(post("v1/audio/transcriptions", form("model", "sim-small", "response_format",
        "srt")).body()).isEqualTo("1\n00:00:00,000 --> 00:00:02,500\none two three.\n\n");
    assertThat(post("v1/audio/transcriptions", form("model", "sim-small", "response_format",
        "vtt")).body()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n");
  }

  @Test
  void a_stream_is_a_chunk_a_word_and_the_usage_when_asked() {
    String plain = post("v1/audio/transcriptions", form("model", "sim-small", "stream", "true"))
        .body();
    String usage = post("v1/audio/transcriptions", form("model", "sim-small", "stream", "true",
        "stream_include_usage", "true", "prompt", "two words")).body();

    assertThat(plain.lines().filter(l -> l.startsWith("data: "))).hasSize(4);
    assertThat(plain).contains("\"object\":\"transcription.chunk\"").doesNotContain("usage")
        .endsWith("data: [DONE]\n\n");
    assertThat(usage).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":6,\"total_tokens\":9,"
        + "\"completion_tokens\":3}");
  }

  @Test
  void what_it_cannot_read_is_a_400_and_an_unknown_model_a_404() {
    assertThat(SIM.client().post("v1/audio/transcriptions", "--xyz\r\nContent-Disposition:"
        + " form-data; name=\"model\"\r\n\r\nsim-small\r\n--xyz\r\nContent-Disposition: form-data;"
        + " name=\"file\"\r\n\r\nOggS\r\n--xyz--\r\n", "Content-Type", TYPE).statusCode())
        .isEqualTo(400);
    assertThat(post("v1/audio/transcriptions", form("model", "nope")).statusCode()).isEqualTo(404);
    assertThat(SIM.client().post("v1/audio/transcriptions", "{}", "Content-Type",
        "application/json").statusCode()).isEqualTo(400);
  }
}
