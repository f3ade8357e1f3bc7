package dev.tollgate.wire.openai;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tollgate.port.out.Endpoint;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A validated audio request ({@link Endpoint#isAudio}): the form as the client sent it and what
 * admission needs from it. The body goes to the data plane byte for byte but for the model's
 * value ({@link #bodyFor}).
 *
 * @param prompt the {@code prompt} field's text ("" without one), counted as input tokens
 * @param responseFormat {@code json} unless the form says otherwise
 * @param audioMillis how long the audio plays, as its header says or estimated
 *     ({@link AudioDuration})
 * @param estimate how {@code audioMillis} was found: {@code wav}, {@code flac}, {@code mp3_frames},
 *     {@code mp3_bit_rate}, {@code ogg}, {@code mp4} or {@code size}
 * @param contentType the client's {@code Content-Type}, with its boundary: the data plane gets it
 * @param stream the client asked for server-sent events ({@code stream=true}, vLLM's streamed
 *     transcription)
 */
public record AudioRequest(
    Endpoint endpoint,
    String model,
    String prompt,
    String responseFormat,
    long audioMillis,
    String estimate,
    byte[] body,
    String contentType,
    int modelStart,
    int modelEnd,
    boolean stream) {

  /** What Whisper decodes at most per window: 448 tokens per 30 seconds of audio. */
  public static final long TOKENS_PER_WINDOW = 448;
  public static final long WINDOW_MILLIS = 30_000;

  /** OpenAI's formats and gpt-4o-transcribe-diarize's. */
  static final Set<String> FORMATS =
      Set.of("json", "text", "srt", "verbose_json", "vtt", "diarized_json");

  /**
   * Reads and validates an audio form.
   *
   * @throws RequestParser.BadRequest what is wrong, naming the field
   */
  public static AudioRequest parse(Endpoint endpoint, byte[] body, String contentType)
      throws RequestParser.BadRequest {
    Optional<String> boundary = MultipartForm.boundary(contentType);
    if (boundary.isEmpty()) {
      throw new RequestParser.BadRequest("An audio request's body must be multipart/form-data"
          + " with a boundary (the audio in a part named 'file'), as OpenAI's SDKs send it.",
          null);
    }
    MultipartForm form;
    try {
      form = MultipartForm.parse(body, boundary.get());
    } catch (IllegalArgumentException e) {
      throw new RequestParser.BadRequest("The form could not be read: " + e.getMessage() + ".",
          null);
    }
    MultipartForm.Part model = one(form, "model", "you must provide a model parameter");
    String modelName = form.text(model).trim();
    if (modelName.isEmpty()) {
      throw new RequestParser.BadRequest("you must provide a model parameter", "model");
    }
    RequestParser.checkedModel(modelName);
    MultipartForm.Part file = one(form, "file",
        "'file' is required: the audio, as a file part of the form.");
    // No file name is required: OpenAI's Java SDK sends a byte array's part without one.
    if (file.length() == 0) {
      throw new RequestParser.BadRequest("The audio file is empty.", "file");
    }
    boolean stream = flag(form, "stream");
    flag(form, "stream_include_usage"); // vLLM's: checked, and passed on as the client sent it
    String format = optionalText(form, "response_format").orElse("json");
    if (!FORMATS.contains(format)) {
      String shown = format.length() > 64 ? format.substring(0, 64) + "…" : format;
      throw new RequestParser.BadRequest("'" + shown + "' is not one of " + List.of("json",
          "text", "srt", "verbose_json", "vtt", "diarized_json") + " - 'response_format'",
          "response_format");
    }
    String prompt = optionalText(form, "prompt").orElse("");
    AudioDuration.Estimate audio = AudioDuration.of(body, file.start(), file.end());
    return new AudioRequest(endpoint, modelName, prompt, format, audio.millis(),
        audio.source().name().toLowerCase(Locale.ROOT), body, contentType, model.start(),
        model.end(), stream);
  }

  /** A boolean form field: absent is false; anything but true or false is a 400 naming it. */
  private static boolean flag(MultipartForm form, String name) throws RequestParser.BadRequest {
    Optional<String> value = optionalText(form, name);
    if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.get().equalsIgnoreCase("true")) {
      return true;
    }
    throw new RequestParser.BadRequest("'" + name + "' must be true or false.", name);
  }

  private static MultipartForm.Part one(MultipartForm form, String name, String missing)
      throws RequestParser.BadRequest {
    List<MultipartForm.Part> named = form.named(name);
    if (named.isEmpty()) {
      throw new RequestParser.BadRequest(missing, name);
    }
    if (named.size() > 1) {
      throw new RequestParser.BadRequest("'" + name + "' is given more than once.", name);
    }
    return named.get(0);
  }

  private static Optional<String> optionalText(MultipartForm form, String name)
      throws RequestParser.BadRequest {
    List<MultipartForm.Part> named = form.named(name);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(form.text(one(form, name, "")).trim());
  }

  /**
   * The audio a hold covers: its length rounded up to the whole second, as vLLM reports it
   * ({@code usage.seconds}, an integer rounded up); a hold of the exact length would fall short of
   * the charge by up to a second, and every such answer would be an overage.
   */
  public long holdMillis() {
    return Math.ceilDiv(audioMillis, 1000) * 1000;
  }

  /**
   * The most tokens the model may write: Whisper's window bound for every 30 seconds begun (at
   * least one window), what a hold covers for a model priced by its output tokens.
   */
  public long maxOutputTokens() {
    return Math.max(1, Math.ceilDiv(audioMillis, WINDOW_MILLIS)) * TOKENS_PER_WINDOW;
  }

  /**
   * The body the data plane gets: the client's, with {@code upstreamModel} as the model's value.
   * Nothing is added: a field vLLM takes (its {@code stream_include_usage}) OpenAI's API refuses,
   * and the data plane may reach either.
   */
  public byte[] bodyFor(String upstreamModel) {
    byte[] name = upstreamModel.getBytes(UTF_8);
    if (Arrays.equals(body, modelStart, modelEnd, name, 0, name.length)) {
      return body;
    }
    byte[] out = new byte[body.length - (modelEnd - modelStart) + name.length];
    System.arraycopy(body, 0, out, 0, modelStart);
    System.arraycopy(name, 0, out, modelStart, name.length);
    System.arraycopy(body, modelEnd, out, modelStart + name.length, body.length - modelEnd);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "AudioRequest[" + endpoint + ", model=" + model + ", audioMillis=" + audioMillis
        + " (" + estimate + "), bytes=" + body.length + "]";
  }
}
