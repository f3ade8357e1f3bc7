package dev.tollgate.port.in;

import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request to admit.
 *
 * @param secret the client's key, parsed once ({@link AuthenticateKey} answers it): its format
 *     and checksum were right, and its hash is computed at most once per request
 * @param model the model as the client named it: a served model or one of its tenant's aliases
 * @param promptTokens the prompt's size as counted by a tokenizer
 * @param maxCompletionTokens what the request asked for ({@code max_tokens} and the like); empty
 *     means the model's own output cap
 * @param choices how many completions one request asks for ({@code n}, {@code best_of}): each
 *     may produce up to the completion bound, so the hold covers that many
 * @param session the client session a session header named: recorded on the ledger entry, and
 *     counted against the key's per-session budget when it has one
 * @param tags the request's tags: each must be allowed by its tenant's policy; recorded on the
 *     ledger entry, and counted against the tag's budget when its tenant has tag budgets
 * @param audioMillis the audio a transcription will read, as its header says or estimated: the
 *     hold covers it at the model's price per second (0 for every other request)
 */
public record AuthorizeCommand(
    ApiKeySecret secret,
    String model,
    RequestId requestId,
    long promptTokens,
    OptionalLong maxCompletionTokens,
    Optional<EndUserId> endUser,
    int choices,
    Optional<EndUserId> headerEndUser,
    Optional<SessionId> session,
    Tags tags,
    long audioMillis) {

  public AuthorizeCommand {
    if (secret == null || model == null || requestId == null || endUser == null
        || maxCompletionTokens == null || headerEndUser == null || session == null
        || tags == null) {
      throw new IllegalArgumentException(
          "secret, model, requestId, maxCompletionTokens, endUser and headerEndUser are required");
    }
    if (promptTokens < 0 || maxCompletionTokens.orElse(0) < 0 || audioMillis < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
    if (choices < 1) {
      throw new IllegalArgumentException("choices must be at least 1");
    }
  }

  /** A request without tags. */
  public AuthorizeCommand(ApiKeySecret secret, String model, RequestId requestId,
      long promptTokens, OptionalLong maxCompletionTokens, Optional<EndUserId> endUser,
      int choices, Optional<EndUserId> headerEndUser, Optional<SessionId> session) {
    this(secret, model, requestId, promptTokens, maxCompletionTokens, endUser, choices,
        headerEndUser, session, Tags.NONE, 0);
  }

  /** A request that names no session. */
  public AuthorizeCommand(ApiKeySecret secret, String model, RequestId requestId,
      long promptTokens, OptionalLong maxCompletionTokens, Optional<EndUserId> endUser,
      int choices, Optional<EndUserId> headerEndUser) {
    this(secret, model, requestId, promptTokens, maxCompletionTokens, endUser, choices,
        headerEndUser, Optional.empty());
  }

  /** A request whose end user no front-end header names. */
  public AuthorizeCommand(ApiKeySecret secret, String model, RequestId requestId,
      long promptTokens, OptionalLong maxCompletionTokens, Optional<EndUserId> endUser,
      int choices) {
    this(secret, model, requestId, promptTokens, maxCompletionTokens, endUser, choices,
        Optional.empty());
  }

  /** This request with the end user a front end's user header names (used if its tenant trusts it). */
  public AuthorizeCommand withHeaderEndUser(Optional<EndUserId> user) {
    return new AuthorizeCommand(secret, model, requestId, promptTokens, maxCompletionTokens,
        endUser, choices, user, session, tags, audioMillis);
  }

  /** This request in the client session {@code named} (or in none, when empty). */
  public AuthorizeCommand withSession(Optional<SessionId> named) {
    return new AuthorizeCommand(secret, model, requestId, promptTokens, maxCompletionTokens,
        endUser, choices, headerEndUser, named, tags, audioMillis);
  }

  /** This request carrying {@code named} tags. */
  public AuthorizeCommand withTags(Tags named) {
    return new AuthorizeCommand(secret, model, requestId, promptTokens, maxCompletionTokens,
        endUser, choices, headerEndUser, session, named, audioMillis);
  }

  /** This request reading {@code millis} of audio. */
  public AuthorizeCommand withAudioMillis(long millis) {
    return new AuthorizeCommand(secret, model, requestId, promptTokens, maxCompletionTokens,
        endUser, choices, headerEndUser, session, tags, millis);
  }

  /**
   * The end user this request counts for under {@code policy}: a trusted front end's header, else
   * the body's own ({@code user}).
   */
  public Optional<EndUserId> endUserUnder(dev.tollgate.domain.tenancy.TenantPolicy policy) {
    return policy.trustedUserHeaders() && headerEndUser.isPresent() ? headerEndUser : endUser;
  }

  /** One completion per request. */
  public AuthorizeCommand(ApiKeySecret secret, String model, RequestId requestId,
      long promptTokens, OptionalLong maxCompletionTokens, Optional<EndUserId> endUser) {
    this(secret, model, requestId, promptTokens, maxCompletionTokens, endUser, 1);
  }

  /** A request for a served model by its own name, with an explicit completion bound. */
  public static AuthorizeCommand of(
      ApiKeySecret secret, ModelName model, RequestId requestId, long promptTokens,
      long maxCompletionTokens) {
    return new AuthorizeCommand(secret, model.value(), requestId, promptTokens,
        OptionalLong.of(maxCompletionTokens), Optional.empty());
  }

  @Override
  public String toString() {
    return "AuthorizeCommand[model=" + model + ", requestId=" + requestId
        + ", promptTokens=" + promptTokens + ", maxCompletionTokens=" + maxCompletionTokens
        + ", choices=" + choices + "]";
  }
}
