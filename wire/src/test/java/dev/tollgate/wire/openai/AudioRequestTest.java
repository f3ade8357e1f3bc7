package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.Endpoint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** An audio form read in place, the audio's length from its header, and the answer's usage. */
class AudioRequestTest {

  private static final String TYPE = "multipart/form-data; boundary=\"b-1\"";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] form(String model, byte[] audio, String... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("preamble\r\n".getBytes(ISO_8859_1));
    out.writeBytes(("--b-1\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model
        + "\r\n").getBytes(UTF_8));
    for (int i = 0; i < fields.length; i += 2) {
      out.writeBytes(("--b-1  \r\ncontent-disposition: form-data; name=" + fields[i]
          + "\r\n\r\n" + fields[i + 1] + "\r\n").getBytes(UTF_8));
    }
    out.writeBytes(("--b-1\r\nContent-Disposition: form-data; name=\"file\";"
        + " filename=\"a \\\"b\\\".wav\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(UTF_8));
    out.writeBytes(audio);
    out.writeBytes("\r\n--b-1--\r\nepilogue".getBytes(ISO_8859_1));
    return out.toByteArray();
  }

  static byte[] wav(int byteRate, int dataBytes, int declared) {
    ByteBuffer b = ByteBuffer.allocate(44 + 26 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(ISO_8859_1)).putInt(0).put("WAVE".getBytes(ISO_8859_1));
    b.put("fmt ".getBytes(ISO_8859_1)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(byteRate / 2).putInt(byteRate).putShort((short) 2).putShort((short) 16);
    b.put("LIST".getBytes(ISO_8859_1)).putInt(17).put(new byte[18]); // odd: one pad byte
    b.put("data".getBytes(ISO_8859_1)).putInt(declared);
    return b.array();
  }

  private static AudioDuration.Estimate duration(byte[] audio) {
    return AudioDuration.of(audio, 0, audio.length);
  }

  @Test
  void the_form_is_read_in_place_and_its_model_replaced_byte_for_byte() throws Exception {
    byte[] audio = wav(32_000, 48_000, 48_000);
    byte[] body = form("whisper-1", audio, "prompt", "Tollgate, PostgreSQL", "response_format",
        "srt");

    AudioRequest request = AudioRequest.parse(Endpoint.AUDIO_TRANSCRIPTIONS, body, TYPE);

    assertThat(request.model()).isEqualTo("whisper-1");
    assertThat(request.prompt()).isEqualTo("Tollgate, PostgreSQL");
    assertThat(request.responseFormat()).isEqualTo("srt");
    assertThat(request.audioMillis()).isEqualTo(1_500);
    assertThat(request.estimate()).isEqualTo("wav");
    assertThat(request.maxOutputTokens()).isEqualTo(448);
    assertThat(request.holdMillis()).isEqualTo(2_000);
    assertThat(request.bodyFor("whisper-1")).isSameAs(body);
    String rewritten = new String(request.bodyFor("openai/whisper-large-v3"), ISO_8859_1);
    assertThat(rewritten).isEqualTo(new String(body, ISO_8859_1)
        .replace("\r\n\r\nwhisper-1\r\n", "\r\n\r\nopenai/whisper-large-v3\r\n"));
  }

  @Test
  void a_stream_is_passed_on_as_asked_with_nothing_added() throws Exception {
    byte[] audio = wav(32_000, 320, 320);
    byte[] body = form("whisper-1", audio, "stream", "true");

    AudioRequest request = AudioRequest.parse(Endpoint.AUDIO_TRANSCRIPTIONS, body, TYPE);

    assertThat(request.stream()).isTrue();
    assertThat(request.bodyFor("whisper-1")).isSameAs(body); // no stream_include_usage added
    assertThat(AudioRequest.parse(Endpoint.AUDIO_TRANSCRIPTIONS,
        form("w", audio, "stream", "false", "stream_include_usage", "true"), TYPE).stream())
        .isFalse();
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSCRIPTIONS,
        form("w", audio, "stream_include_usage", "1"), TYPE))
        .satisfies(e -> assertThat(((RequestParser.BadRequest) e).param())
            .isEqualTo("stream_include_usage"));
  }

  @Test
  void mistakes_name_their_field() {
    byte[] audio = wav(32_000, 100, 100);
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS, form("m", audio),
        "application/json")).hasMessageContaining("multipart/form-data");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS,
        "--b-1\r\nno end".getBytes(ISO_8859_1), TYPE)).hasMessageContaining("form could not be read");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS, form(" ", audio), TYPE))
        .satisfies(e -> assertThat(((RequestParser.BadRequest) e).param()).isEqualTo("model"));
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS,
        form("m", audio, "model", "n"), TYPE)).hasMessageContaining("more than once");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS,
        form("m".repeat(257), audio), TYPE)).hasMessageContaining("at most 256");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS,
        form("a\u0001b", audio), TYPE)).hasMessageContaining("control characters");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS, form("m", new byte[0]),
        TYPE)).hasMessageContaining("empty");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS,
        form("m", audio, "stream", "yes"), TYPE)).hasMessageContaining("true or false");
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSLATIONS,
        form("m", audio, "response_format", "ogg"), TYPE))
        .satisfies(e -> assertThat(((RequestParser.BadRequest) e).param())
            .isEqualTo("response_format"));
  }

  @Test
  void a_form_of_too_many_parts_is_refused_without_walking_it() {
    String[] fields = new String[2 * MultipartForm.MAX_PARTS];
    for (int i = 0; i < fields.length; i += 2) {
      fields[i] = "f" + i;
      fields[i + 1] = "v";
    }
    assertThatThrownBy(() -> AudioRequest.parse(Endpoint.AUDIO_TRANSCRIPTIONS,
        form("m", wav(32_000, 10, 10), fields), TYPE)).hasMessageContaining("more than 64 parts");
  }

  @Test
  void the_boundary_search_finds_every_delimiter_and_takes_rfc_2046_boundaries_only() {
    byte[] dashes = new byte[25 * 1024 * 1024];
    java.util.Arrays.fill(dashes, (byte) '-');
    byte[] needle = ("x" + "-".repeat(69)).getBytes(ISO_8859_1);
    byte[] found = "ab\r\n--b-1\r\n--b".getBytes(ISO_8859_1);

    assertThat(MultipartForm.indexOf(dashes, needle, 0)).isEqualTo(-1); // one pass (KMP)
    assertThat(MultipartForm.indexOf(found, "\r\n--b".getBytes(ISO_8859_1), 0)).isEqualTo(2);
    assertThat(MultipartForm.indexOf(found, "\r\n--b".getBytes(ISO_8859_1), 3)).isEqualTo(9);
    assertThat(MultipartForm.indexOf("aaab".getBytes(ISO_8859_1), "aab".getBytes(ISO_8859_1), 0))
        .isEqualTo(1);
    assertThat(MultipartForm.boundary("multipart/form-data; boundary=a\tb")).isEmpty();
    assertThat(MultipartForm.boundary("Multipart/Form-Data;boundary=\"a b\"")).contains("a b");
  }

  @Test
  void wav_plays_its_data_chunk_over_its_byte_rate_and_a_streamed_header_what_is_there() {
    assertThat(duration(wav(32_000, 32_001, 32_001)).millis()).isEqualTo(1_001); // rounded up
    assertThat(duration(wav(32_000, 64_000, 0)).millis()).isEqualTo(2_000);
    assertThat(duration(wav(32_000, 64_000, -1)).millis()).isEqualTo(2_000); // 0xFFFFFFFF
    assertThat(duration(wav(0, 64_000, 64_000)).source()).isEqualTo(AudioDuration.Source.SIZE);
  }

  @Test
  void flac_plays_its_samples_over_its_rate() {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put("fLaC".getBytes(ISO_8859_1)).put((byte) 0x80).put(new byte[] {0, 0, 34});
    b.put(new byte[10]);
    long rate = 44_100;
    long samples = 44_100L * 90 + 1; // 90 s and a sample
    b.put((byte) (rate >> 12)).put((byte) (rate >> 4)).put((byte) ((rate & 0xf) << 4 | 0x1));
    b.put((byte) (0xf0 | (samples >> 32))).putInt((int) samples);

    AudioDuration.Estimate estimate = duration(b.array());

    assertThat(estimate.source()).isEqualTo(AudioDuration.Source.FLAC);
    assertThat(estimate.millis()).isEqualTo(90_001);
  }

  @Test
  void mp3_is_its_frame_count_when_a_xing_header_says_else_its_bit_rate() {
    byte[] cbr = new byte[16_000 + 13];
    byte[] id3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 3}; // a 3-byte tag
    System.arraycopy(id3, 0, cbr, 0, id3.length);
    int frame = 13;
    cbr[frame] = (byte) 0xff;
    cbr[frame + 1] = (byte) 0xfb; // MPEG-1 Layer III
    cbr[frame + 2] = (byte) 0x90; // 128 kbit/s, 44.1 kHz
    assertThat(duration(cbr)).isEqualTo(new AudioDuration.Estimate(1_000,
        AudioDuration.Source.MP3_BIT_RATE)); // 16,000 bytes at 16,000 bytes a second

    byte[] vbr = cbr.clone();
    int xing = frame + 4 + 32; // stereo MPEG-1: 32 bytes of side information
    System.arraycopy("Xing".getBytes(ISO_8859_1), 0, vbr, xing, 4);
    vbr[xing + 7] = 1; // the frames field is present
    ByteBuffer.wrap(vbr, xing + 8, 4).putInt(2_297); // 2,297 x 1152 / 44,100 = 60.00327 s
    assertThat(duration(vbr)).isEqualTo(new AudioDuration.Estimate(60_004,
        AudioDuration.Source.MP3_FRAMES));
  }

  /** An Ogg page: capture pattern, version, type, the granule, serial, sequence, CRC, one segment. */
  private static byte[] oggPage(long granule, byte[] packet) {
    ByteBuffer b = ByteBuffer.allocate(28 + packet.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("OggS".getBytes(ISO_8859_1)).put((byte) 0).put((byte) 0).putLong(granule).putInt(7)
        .putInt(0).putInt(0).put((byte) 1).put((byte) packet.length).put(packet);
    return b.array();
  }

  @Test
  void ogg_plays_its_last_granule_over_its_rate_and_opus_less_its_pre_skip() {
    ByteBuffer opusHead = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
    opusHead.put("OpusHead".getBytes(ISO_8859_1)).put((byte) 1).put((byte) 1).putShort((short) 312)
        .putInt(16_000).putShort((short) 0).put((byte) 0);
    ByteArrayOutputStream opus = new ByteArrayOutputStream();
    opus.writeBytes(oggPage(0, opusHead.array()));
    opus.writeBytes(new byte[5_000]); // audio pages
    opus.writeBytes(oggPage(48_000L * 75 + 312, new byte[40])); // 75 s after the pre-skip
    assertThat(duration(opus.toByteArray())).isEqualTo(new AudioDuration.Estimate(75_000,
        AudioDuration.Source.OGG));

    ByteBuffer vorbisId = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    vorbisId.put((byte) 1).put("vorbis".getBytes(ISO_8859_1)).putInt(0).put((byte) 2)
        .putInt(44_100);
    ByteArrayOutputStream vorbis = new ByteArrayOutputStream();
    vorbis.writeBytes(oggPage(0, vorbisId.array()));
    vorbis.writeBytes(oggPage(44_101, new byte[10]));
    assertThat(duration(vorbis.toByteArray()).millis()).isEqualTo(1_001);

    ByteArrayOutputStream unknown = new ByteArrayOutputStream(); // a granule of -1: no duration
    unknown.writeBytes(oggPage(0, opusHead.array()));
    unknown.writeBytes(oggPage(-1, new byte[40]));
    assertThat(duration(unknown.toByteArray()).source()).isEqualTo(AudioDuration.Source.SIZE);
  }

  private static byte[] box(String type, byte[]... content) {
    int size = 8;
    for (byte[] c : content) {
      size += c.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).putInt(size).put(type.getBytes(ISO_8859_1));
    for (byte[] c : content) {
      b.put(c);
    }
    return b.array();
  }

  @Test
  void mp4_plays_its_movie_headers_duration_over_its_time_scale_wherever_its_moov_is() {
    byte[] ftyp = box("ftyp", "M4A \0\0\0\0".getBytes(ISO_8859_1));
    byte[] mvhd0 = box("mvhd", ByteBuffer.allocate(100).putInt(0).putInt(1).putInt(2)
        .putInt(44_100).putInt(44_100 * 30 + 1).array()); // version 0: 30 s and a sample
    byte[] mvhd1 = box("mvhd", ByteBuffer.allocate(112).putInt(1 << 24).putLong(1).putLong(2)
        .putInt(1_000).putLong(90_000).array()); // version 1: 90 s
    ByteArrayOutputStream atTheEnd = new ByteArrayOutputStream();
    atTheEnd.writeBytes(ftyp);
    atTheEnd.writeBytes(box("mdat", new byte[3_000]));
    atTheEnd.writeBytes(box("moov", box("udta", new byte[4]), mvhd0));
    ByteArrayOutputStream fastStart = new ByteArrayOutputStream();
    fastStart.writeBytes(ftyp);
    fastStart.writeBytes(box("moov", mvhd1));
    fastStart.writeBytes(box("mdat", new byte[3_000]));

    assertThat(duration(atTheEnd.toByteArray())).isEqualTo(new AudioDuration.Estimate(30_001,
        AudioDuration.Source.MP4));
    assertThat(duration(fastStart.toByteArray()).millis()).isEqualTo(90_000);
    byte[] cut = java.util.Arrays.copyOf(atTheEnd.toByteArray(), 1_000); // moov not in the file
    assertThat(duration(cut).source()).isEqualTo(AudioDuration.Source.SIZE);
  }

  @Test
  void anything_else_is_its_size_at_sixteen_kilobits() {
    byte[] webm = new byte[20_001];
    System.arraycopy(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3}, 0, webm, 0, 4); // EBML

    assertThat(duration(webm)).isEqualTo(new AudioDuration.Estimate(10_001,
        AudioDuration.Source.SIZE));
  }

  @Test
  void usage_is_read_as_seconds_tokens_or_a_verbose_duration() {
    assertThat(usage("{\"text\":\"x\",\"usage\":{\"type\":\"duration\",\"seconds\":62}}"))
        .isEqualTo(TokenUsage.NONE.withAudioMillis(62_000));
    assertThat(usage("{\"usage\":{\"type\":\"duration\",\"seconds\":3.0001}}"))
        .isEqualTo(TokenUsage.NONE.withAudioMillis(3_001));
    assertThat(usage("{\"text\":\"x\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,"
        + "\"input_token_details\":{\"text_tokens\":0,\"audio_tokens\":14},\"output_tokens\":45,"
        + "\"total_tokens\":59}}")).isEqualTo(TokenUsage.of(14, 45));
    assertThat(usage("{\"task\":\"transcribe\",\"duration\":\"61.5\",\"text\":\"x\"}"))
        .isEqualTo(TokenUsage.NONE.withAudioMillis(61_500));
    assertThat(TranscriptionUsage.read(JSON, "one two.\n".getBytes(UTF_8))).isEmpty();
    assertThat(TranscriptionUsage.read(JSON, "{\"duration\":-1}".getBytes(UTF_8))).isEmpty();
    assertThat(TranscriptionUsage.read(JSON, "{\"usage\":{\"seconds\":\"x\"}}".getBytes(UTF_8)))
        .isEmpty();
  }

  private static TokenUsage usage(String json) {
    return TranscriptionUsage.read(JSON, json.getBytes(UTF_8)).orElseThrow();
  }
}
