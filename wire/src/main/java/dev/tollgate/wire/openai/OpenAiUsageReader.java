package dev.tollgate.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.wire.UsageScan;
import dev.tollgate.wire.openai.RawUsage.Shape;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the {@code usage} object of one JSON document (a whole response body, or the data of one
 * streamed event) in every OpenAI shape:
 *
 * <ul>
 *   <li>chat and legacy completions: {@code usage{prompt_tokens, completion_tokens, total_tokens,
 *       prompt_tokens_details{cached_tokens, cache_write_tokens},
 *       completion_tokens_details{reasoning_tokens}}}, plus Anthropic's top-level
 *       {@code cache_read_input_tokens} / {@code cache_creation_input_tokens} when a translator
 *       adds them;
 *   <li>embeddings: {@code usage{prompt_tokens, total_tokens}};
 *   <li>vLLM's rerank: {@code usage{total_tokens}} alone (newer versions add {@code prompt_tokens}):
 *       a usage that names neither prompt nor completion tokens counts its total as prompt tokens,
 *       so a count the upstream did report is never charged as zero;
 *   <li>the Responses API: {@code usage{input_tokens, output_tokens, input_tokens_details{...},
 *       output_tokens_details{reasoning_tokens}}}, at the top of a response body or under
 *       {@code response} in a streamed event ({@code response.completed} and its siblings).
 * </ul>
 *
 * <p>A stream carries hundreds of chunks and one usage, so a document whose bytes do not contain
 * {@code "usage"} is answered without parsing. Otherwise the top-level object is scanned with the
 * streaming parser, skipping every other value, and only the usage object is read as a tree.
 * {@code "usage": null}, a non-object, malformed JSON or a usage without a single count are all
 * empty: one bad chunk must not end a stream, and the caller keeps the last usage it saw.
 */
public final class OpenAiUsageReader {

  private static final UsageScan<RawUsage> SCAN = new UsageScan<>("response", OpenAiUsageReader::fromUsage);

  private OpenAiUsageReader() {}

  /** The usage in {@code json[offset, offset + length)}, if it carries one. */
  public static Optional<RawUsage> read(byte[] json, int offset, int length) {
    return SCAN.read(json, offset, length);
  }

  /** The usage in the whole of {@code json}, if it carries one. */
  public static Optional<RawUsage> read(byte[] json) {
    return read(json, 0, json.length);
  }

  private static Optional<RawUsage> fromUsage(JsonNode usage) {
    boolean inputOutput = !usage.has("prompt_tokens") && usage.has("input_tokens");
    JsonNode in = usage.path(inputOutput ? "input_tokens_details" : "prompt_tokens_details");
    JsonNode out = usage.path(inputOutput ? "output_tokens_details" : "completion_tokens_details");
    OptionalLong prompt = count(usage, inputOutput ? "input_tokens" : "prompt_tokens");
    OptionalLong completion = count(usage, inputOutput ? "output_tokens" : "completion_tokens");
    OptionalLong total = count(usage, "total_tokens");
    if (prompt.isEmpty() && completion.isEmpty()) {
      prompt = total; // vLLM's rerank: {"total_tokens": n} alone, every one of them read, none written
    }
    RawUsage raw =
        new RawUsage(
            inputOutput ? Shape.INPUT_OUTPUT : Shape.PROMPT_COMPLETION,
            prompt,
            completion,
            total,
            count(in, "cached_tokens"),
            count(in, "cache_write_tokens"),
            count(in, "cache_creation_input_tokens"),
            count(out, "reasoning_tokens"),
            count(usage, "cache_read_input_tokens"),
            count(usage, "cache_creation_input_tokens"));
    return raw.isEmpty() ? Optional.empty() : Optional.of(raw);
  }

  private static OptionalLong count(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return OptionalLong.empty();
    }
    long value = node.longValue();
    return value < 0 || value > RawUsage.MAX_COUNT ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
