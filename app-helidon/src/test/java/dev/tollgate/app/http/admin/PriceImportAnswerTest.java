package dev.tollgate.app.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** However many models a price file speaks of, the import's answer lists a bounded number. */
class PriceImportAnswerTest {

  @Test
  void eachListIsBoundedAndTheCountsAreComplete() {
    PriceImportAnswer answer = new PriceImportAnswer(new ObjectMapper().createObjectNode());
    for (int i = 0; i < 10_000; i++) {
      answer.list("problems", TextNode.valueOf("problem " + i));
    }
    answer.list("unpriced", TextNode.valueOf("m"));

    ObjectNode out = answer.out();
    assertThat(out.get("problems")).hasSize(PriceImportAnswer.MAX_LISTED_PER_KIND);
    assertThat(out.get("counts").get("problems").asInt()).isEqualTo(10_000);
    assertThat(out.get("unpriced")).hasSize(1);
    assertThat(out.get("counts").get("added").asInt()).isZero();
    assertThat(out.get("truncated").asBoolean()).isTrue();
  }
}
