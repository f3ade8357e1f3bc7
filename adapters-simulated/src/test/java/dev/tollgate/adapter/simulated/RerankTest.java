package dev.tollgate.adapter.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's rerank answers as vLLM's does: best first, usage a total alone. */
class RerankTest {

  @RegisterExtension
  static final RunningSimulator SIM = new RunningSimulator();

  private static final String DOCUMENTS =
      "[\"Berlin is the capital of Germany\",{\"text\":\"Paris is the CAPITAL of France\"},\"Bananas\"]";

  @ParameterizedTest
  @ValueSource(strings = {"v1/rerank", "rerank", "v2/rerank"})
  void theDocumentsComeBackBestFirstWithTheirTextAndTheTokensOfEveryPair(String path) {
    HttpResponse<String> response = SIM.client().post(path,
        "{\"model\":\"sim-embed\",\"query\":\"capital of France\",\"documents\":" + DOCUMENTS + "}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode reply = SimClient.parse(response.body());
    assertThat(reply.get("id").asText()).startsWith("rerank-");
    assertThat(reply.get("model").asText()).isEqualTo("sim-embed");
    assertThat(reply.get("results").findValuesAsText("index")).containsExactly("1", "0", "2");
    assertThat(reply.at("/results/0/relevance_score").asDouble()).isEqualTo(1.0);
    assertThat(reply.at("/results/0/document/text").asText()).isEqualTo("Paris is the CAPITAL of France");
    assertThat(reply.at("/results/2/relevance_score").asDouble()).isZero();
    // 3 query words with each of 3 documents, plus 6 + 6 + 1 of the documents'.
    assertThat(reply.get("usage").toString()).isEqualTo("{\"total_tokens\":22}");
  }

  @Test
  void topNCutsTheListAndTheDocumentsCanBeLeftOut() {
    JsonNode reply = SimClient.parse(SIM.client().post("v1/rerank", "{\"model\":\"sim-embed\","
        + "\"query\":\"capital of France\",\"documents\":" + DOCUMENTS
        + ",\"top_n\":1,\"return_documents\":false}").body());

    assertThat(reply.get("results")).hasSize(1);
    assertThat(reply.at("/results/0/index").asInt()).isEqualTo(1);
    assertThat(reply.at("/results/0").has("document")).isFalse();
    assertThat(reply.at("/usage/total_tokens").asInt()).isEqualTo(22);
  }

  @Test
  void aMissingQueryOrABadDocumentIsAFourHundred() {
    HttpResponse<String> noQuery = SIM.client().post("v1/rerank", "{\"model\":\"sim-embed\",\"documents\":[\"a\"]}");
    HttpResponse<String> badDocument = SIM.client().post("v1/rerank",
        "{\"model\":\"sim-embed\",\"query\":\"q\",\"documents\":[7]}");
    HttpResponse<String> badTopN = SIM.client().post("v1/rerank",
        "{\"model\":\"sim-embed\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":-2}");

    assertThat(noQuery.statusCode()).isEqualTo(400);
    assertThat(SimClient.parse(noQuery.body()).at("/error/param").asText()).isEqualTo("query");
    assertThat(badDocument.statusCode()).isEqualTo(400);
    assertThat(SimClient.parse(badDocument.body()).at("/error/param").asText()).isEqualTo("documents");
    assertThat(badTopN.statusCode()).isEqualTo(400);
  }
}
