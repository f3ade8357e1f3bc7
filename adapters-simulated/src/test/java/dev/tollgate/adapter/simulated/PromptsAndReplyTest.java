package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptsAndReplyTest {

  @Test
  void wordsAreRunsOfNonWhitespace() {
    assertThat(Prompts.words("")).isZero();
    assertThat(Prompts.words("   \n\t ")).isZero();
    assertThat(Prompts.words("one")).isEqualTo(1);
    assertThat(Prompts.words("  one,two\tthree\n\nfour  ")).isEqualTo(3);
  }

  @Test
  void chatPromptsAddThreePlusOnePerMessage() throws Exception {
    var messages = SimClient.JSON.readTree("[{\"role\":\"user\",\"content\":\"a b c\"},{\"role\":\"assistant\"}]");

    assertThat(Prompts.chat(messages).tokens()).isEqualTo(3 + (1 + 3) + (1 + 0));
  }

  @Test
  void aReplyIsAFunctionOfThePromptWithOneTokenPerWord() {
    Reply reply = Reply.to("hello", 12);

    assertThat(reply.tokens()).isEqualTo(12);
    assertThat(reply.text()).isEqualTo(Reply.to("hello", 12).text());
    assertThat(Reply.to("hello", 5).text()).isEqualTo(Reply.to("hello", 12).text().substring(0,
        Reply.to("hello", 5).text().length()));
    assertThat(reply.token(0)).doesNotStartWith(" ");
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < reply.tokens(); i++) {
      joined.append(reply.token(i));
      assertThat(reply.token(i).trim()).matches("[a-z]+");
    }
    assertThat(joined.toString()).isEqualTo(reply.text());
    assertThat(Reply.to("goodbye", 12).text()).isNotEqualTo(reply.text());
  }
}
