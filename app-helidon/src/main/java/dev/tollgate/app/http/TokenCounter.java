package dev.tollgate.app.http;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (JTokkit, o200k_base, GPT-4o's encoding) for the
 * admission estimate: the prompt's size for the hold and the TPM window, and the text already
 * streamed when a client disconnects before the upstream reported usage. Models with other
 * tokenizers are estimated with this one; settlement always uses the upstream's own count when
 * there is one.
 */
public final class TokenCounter {

  /** Framing per message or input part, as in OpenAI's counting guide (3) plus 1 for the role. */
  static final int TOKENS_PER_PART = 4;

  private final Encoding encoding =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  public long count(String text) {
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }

  public long promptTokens(ClientRequest request) {
    return count(request.promptText()) + (long) TOKENS_PER_PART * request.promptParts();
  }
}
