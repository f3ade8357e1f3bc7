package dev.tollgate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.translations.TranslationCreateParams;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.pricing.TokenPrices;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.IssuedKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's audio API through Tollgate, driven by OpenAI's official Java SDK: {@code whisper-1}
 * (served upstream as {@code sim-whisper}, so the form's model is rewritten on the way) priced at
 * $0.0001 a second of audio, as OpenAI lists Whisper. The simulator answers as vLLM does, from the
 * WAV's own header. A 61.5-second file is held at 61.5 seconds (the header read at admission),
 * charged 62 seconds when the answer reports vLLM's whole seconds, 61.5 when it reports the exact
 * duration, and 61.5 as estimated when it reports nothing (text, SRT, VTT); a stream, relayed
 * event by event, is charged the header's length beside the tokens it reports or the text's.
 */
class AudioSdkTest {

  private static final Money PER_SECOND = Money.usd("0.0001");
  private static final byte[] WAV_61_5 = wav(61_500);

  private static GatewayHarness gateway;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(StoreSettings.memory(), AudioSdkTest::withWhisper);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static GatewayConfig withWhisper(GatewayConfig c) {
    List<ModelSpec> models = new ArrayList<>(c.models());
    models.add(new ModelSpec(ModelName.of("whisper-1"), ModelName.of("sim-whisper"), 448));
    List<PriceVersion> prices = new ArrayList<>(c.prices());
    prices.add(new PriceVersion(ModelName.of("whisper-1"), Instant.EPOCH,
        TokenPrices.free().withAudioPerSecond(PER_SECOND)));
    return new GatewayConfig(c.server(), c.dataPlane(), c.admission(), models, prices,
        c.tenants(), c.masterKey(), c.dataPlaneApiKey(), c.store(), c.databasePassword(),
        c.saltKey(), c.metrics(), c.webhooks(), c.observability());
  }

  /** A mono 16-bit 16 kHz WAV of {@code millis} of silence: 32,000 bytes a second. */
  static byte[] wav(long millis) {
    int data = (int) (millis * 32);
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(UTF_8)).putInt(36 + data).put("WAVE".getBytes(UTF_8));
    b.put("fmt ".getBytes(UTF_8)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(UTF_8)).putInt(data);
    return b.array();
  }

  private static OpenAIClient openAi(IssuedKey key) {
    return OpenAIOkHttpClient.builder().apiKey(key.secret().reveal())
        .baseUrl(gateway.base() + "/v1").maxRetries(0).build();
  }

  private static Money seconds(String s) {
    return Money.usd(new java.math.BigDecimal(s).multiply(new java.math.BigDecimal("0.0001")));
  }

  @Test
  void a_json_transcription_is_charged_the_whole_seconds_the_answer_reports() {
    IssuedKey key = gateway.key();

    TranscriptionCreateResponse answer = openAi(key).audio().transcriptions().create(
        TranscriptionCreateParams.builder().file(WAV_61_5).model("whisper-1").build());

    assertThat(answer.asTranscription().text()).startsWith("one two three").endsWith(".");
    SpendEntry entry = gateway.awaitLedger(key, 1).getFirst();
    assertThat(entry.model().value()).isEqualTo("whisper-1");
    assertThat(entry.usage().audioMillis()).isEqualTo(62_000); // vLLM's whole seconds, rounded up
    assertThat(entry.source()).isEqualTo(UsageSource.REPORTED);
    assertThat(entry.overage()).as("held at 62 s, the whole seconds vLLM reports").isFalse();
    assertThat(entry.cost()).isEqualTo(seconds("62"));
  }

  @Test
  void a_verbose_transcription_is_charged_its_exact_duration() {
    IssuedKey key = gateway.key();

    TranscriptionCreateResponse answer = openAi(key).audio().transcriptions().create(
        TranscriptionCreateParams.builder().file(WAV_61_5).model("whisper-1")
            .responseFormat(AudioResponseFormat.VERBOSE_JSON).build());

    assertThat(answer.asVerbose().duration()).isEqualTo(61.5);
    SpendEntry entry = gateway.awaitLedger(key, 1).getFirst();
    assertThat(entry.usage().audioMillis()).isEqualTo(61_500);
    assertThat(entry.cost()).isEqualTo(seconds("61.5"));
  }

  @Test
  void a_translation_goes_the_same_way() {
    IssuedKey key = gateway.key();

    String text = openAi(key).audio().translations().create(TranslationCreateParams.builder()
        .file(wav(2_000)).model("whisper-1").build()).asTranslation().text();

    assertThat(text).isEqualTo("one two.");
    assertThat(gateway.awaitLedger(key, 1).getFirst().cost()).isEqualTo(seconds("2"));
  }

  @Test
  void text_srt_and_vtt_answers_go_back_as_written_and_are_charged_the_headers_length() throws Exception {
    IssuedKey key = gateway.key();

    HttpResponse<String> text = post("/v1/audio/transcriptions", key,
        form("whisper-1", WAV_61_5, "text", null));
    HttpResponse<String> srt = post("/v1/audio/transcriptions", key,
        form("whisper-1", wav(1_250), "srt", null));
    HttpResponse<String> vtt = post("/audio/transcriptions", key, // LiteLLM's spelling
        form("whisper-1", wav(1_250), "vtt", null));

    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/plain"));
    assertThat(text.body()).startsWith("one two three").endsWith(".\n");
    assertThat(srt.body()).isEqualTo("1\n00:00:00,000 --> 00:00:01,250\none two.\n\n");
    assertThat(vtt.body()).isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.250\none two.\n\n");
    List<SpendEntry> entries = gateway.awaitLedger(key, 3);
    assertThat(entries).allSatisfy(e -> assertThat(e.source()).isEqualTo(UsageSource.ESTIMATED));
    assertThat(entries).extracting(e -> e.usage().audioMillis())
        .containsExactlyInAnyOrder(61_500L, 1_250L, 1_250L);
    assertThat(text.headers().firstValue("x-tollgate-cost-usd"))
        .contains(seconds("61.5").toPlainUsd());
  }

  @Test
  void the_hold_is_the_audios_length_at_the_price_so_a_budget_short_of_it_refuses() throws Exception {
    IssuedKey key = gateway.key(Money.usd("0.005"), null, null, null); // 50 seconds' worth

    HttpResponse<String> tooLong = post("/v1/audio/transcriptions", key,
        form("whisper-1", WAV_61_5, null, null));
    HttpResponse<String> fits = post("/v1/audio/transcriptions", key,
        form("whisper-1", wav(40_000), null, null));

    assertThat(tooLong.statusCode()).isEqualTo(429);
    assertThat(json(tooLong).path("error").path("code").asText()).isEqualTo("insufficient_quota");
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(gateway.awaitLedger(key, 1)).singleElement()
        .satisfies(e -> assertThat(e.cost()).isEqualTo(seconds("40")));
  }

  @Test
  void client_mistakes_are_openai_400s_naming_the_field_and_nothing_is_charged() throws Exception {
    IssuedKey key = gateway.key();

    HttpResponse<String> notAForm = HTTP.send(HttpRequest.newBuilder(
            URI.create(gateway.base() + "/v1/audio/transcriptions"))
        .header("Authorization", "Bearer " + key.secret().reveal())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"whisper-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noFile = post("/v1/audio/transcriptions", key,
        form("whisper-1", null, null, null));
    HttpResponse<String> noModel = post("/v1/audio/transcriptions", key,
        form(null, wav(1_000), null, null));
    HttpResponse<String> streamed = post("/v1/audio/transcriptions", key,
        form("whisper-1", wav(1_000), null, "yes"));
    HttpResponse<String> badFormat = post("/v1/audio/transcriptions", key,
        form("whisper-1", wav(1_000), "mp4", null));

    assertThat(List.of(notAForm, noFile, noModel, streamed, badFormat))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
    assertThat(json(notAForm).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
    assertThat(json(noFile).path("error").path("param").asText()).isEqualTo("file");
    assertThat(json(noModel).path("error").path("param").asText()).isEqualTo("model");
    assertThat(json(streamed).path("error").path("param").asText()).isEqualTo("stream");
    assertThat(json(badFormat).path("error").path("param").asText()).isEqualTo("response_format");
    assertThatThrownBy(() -> openAi(key).audio().transcriptions().create(
        TranscriptionCreateParams.builder().file("not audio".getBytes(UTF_8)).model("whisper-1")
            .build())).isInstanceOf(BadRequestException.class); // the upstream's own refusal
    assertThat(gateway.ledgerOf(key)).isEmpty();
  }

  @Test
  void a_model_priced_by_the_second_through_the_admin_api_is_charged_so() throws Exception {
    AdminClient admin = new AdminClient(gateway.base());
    AdminClient.Reply added = admin.post("/admin/v1/models", GatewayHarness.MASTER_KEY,
        "{\"name\":\"whisper-rt\",\"upstream\":\"sim-whisper\","
            + "\"price\":{\"audio_usd_per_second\":\"0.0002\"}}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    assertThat(added.json().path("price").path("audio_usd_per_second").asText()).isEqualTo("0.0002");
    assertThat(added.json().path("price").path("input_usd_per_mtok").asText()).isEqualTo("0.00");
    AdminClient.Reply bad = admin.post("/admin/v1/prices", GatewayHarness.MASTER_KEY,
        "{\"model\":\"whisper-rt\",\"audio_usd_per_second\":\"-1\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("param").asText()).isEqualTo("audio_usd_per_second");
    IssuedKey key = gateway.key();

    openAi(key).audio().transcriptions().create(TranscriptionCreateParams.builder()
        .file(wav(10_000)).model("whisper-rt").build());

    SpendEntry entry = gateway.awaitLedger(key, 1).getFirst();
    assertThat(entry.cost()).isEqualTo(Money.usd("0.002"));
    AdminClient.Reply listed = admin.get("/admin/v1/spend/entries?key=" + key.key().id().value(),
        GatewayHarness.MASTER_KEY);
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    assertThat(listed.json().path("data").get(0).path("usage").path("audio_seconds").decimalValue())
        .isEqualByComparingTo("10");
  }

  @Test
  void a_streamed_transcription_is_relayed_event_by_event_and_charged_its_audio() throws Exception {
    IssuedKey key = gateway.key();

    HttpResponse<String> plain = post("/v1/audio/transcriptions", key,
        form("whisper-1", wav(2_500), null, "true"));
    HttpResponse<String> withUsage = post("/v1/audio/transcriptions", key,
        form("whisper-1", wav(2_500), null, "true", "stream_include_usage", "true"));

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/event-stream"));
    List<String> events = plain.body().lines().filter(l -> l.startsWith("data: ")).toList();
    assertThat(events).hasSize(4).last().isEqualTo("data: [DONE]");
    assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(e)
        .contains("\"object\":\"transcription.chunk\"", "\"model\":\"whisper-1\"")
        .doesNotContain("usage", "sim-whisper"));
    assertThat(plain.body()).doesNotContain("usage"); // none was asked for, none is added
    assertThat(events.get(2)).contains("\"content\":\" three.\"", "\"finish_reason\":\"stop\"");
    assertThat(withUsage.body()).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":4,"
        + "\"total_tokens\":7,\"completion_tokens\":3}");
    List<SpendEntry> entries = gateway.awaitLedger(key, 2);
    // Asked for, the usage is vLLM's (4 prompt tokens, 3 written); not asked for, nothing was added
    // to the form on the client's behalf and the text relayed is counted. The audio is the
    // header's either way, and it alone has a price.
    assertThat(entries).extracting(SpendEntry::source)
        .containsExactlyInAnyOrder(UsageSource.REPORTED, UsageSource.ESTIMATED);
    assertThat(entries).allSatisfy(e -> {
      assertThat(e.usage().audioMillis()).isEqualTo(2_500);
      assertThat(e.cost()).isEqualTo(seconds("2.5"));
    });
    assertThat(entries).filteredOn(e -> e.source() == UsageSource.REPORTED).singleElement()
        .satisfies(e -> assertThat(e.usage()).isEqualTo(
            dev.tollgate.domain.usage.TokenUsage.of(4, 3).withAudioMillis(2_500)));
  }

  @Test
  void without_a_key_it_is_401_before_the_form_is_read() throws Exception {
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
            URI.create(gateway.base() + "/v1/audio/translations"))
        .header("Content-Type", "multipart/form-data; boundary=x")
        .POST(HttpRequest.BodyPublishers.ofByteArray(form("whisper-1", wav(1_000), null, null)))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return AdminClient.JSON.readTree(r.body());
  }

  private static final String BOUNDARY = "tollgate-test-boundary";

  /** A form as OpenAI's SDKs send it; a null field is left out; then more fields, name and value. */
  static byte[] form(String model, byte[] audio, String format, String stream, String... more) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (model != null) {
      field(out, "model", model);
    }
    for (int i = 0; i < more.length; i += 2) {
      field(out, more[i], more[i + 1]);
    }
    if (format != null) {
      field(out, "response_format", format);
    }
    if (stream != null) {
      field(out, "stream", stream);
    }
    if (audio != null) {
      out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\";"
          + " filename=\"speech.wav\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(UTF_8));
      out.writeBytes(audio);
      out.writeBytes("\r\n".getBytes(UTF_8));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, String name, String value) {
    out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(UTF_8));
  }

  private static HttpResponse<String> post(String path, IssuedKey key, byte[] form)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.base() + path))
        .header("Authorization", "Bearer " + key.secret().reveal())
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
