package dev.tollgate.adapter.simulated;

/**
 * One planned reply: the request, the id it is answered under, the prompt as counted, and the
 * words that will be emitted. Usage is read from here, so it always equals what was sent.
 */
record Turn(Call call, String id, Prompts.Prompt prompt, Reply reply, Call.Length length) {

  static Turn plan(Call call, String idPrefix, Prompts.Prompt prompt, Call.Length length) {
    return new Turn(call, Wire.newId(idPrefix), prompt, Reply.to(prompt.text(), length.tokens()), length);
  }

  int promptTokens() {
    return prompt.tokens();
  }

  int completionTokens() {
    return reply.tokens();
  }

  String finishReason() {
    return length.finishReason();
  }
}
