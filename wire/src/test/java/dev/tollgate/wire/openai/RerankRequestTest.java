package dev.tollgate.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.port.out.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A rerank request as admission reads it, and the usage vLLM answers it with. */
class RerankRequestTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RequestParser PARSER = new RequestParser(MAPPER, 8);

  private static ClientRequest parse(String json) throws RequestParser.BadRequest {
    return PARSER.parse(Endpoint.RERANK, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theDocumentsAndTheQueryAreThePromptAndNothingIsWritten() throws Exception {
    ClientRequest request = parse("{\"model\":\"bge-reranker\",\"query\":\"capital of France\","
        + "\"documents\":[\"Paris is the capital\",{\"text\":\"Berlin is a city\"}],\"top_n\":1}");

    assertThat(request.model()).isEqualTo("bge-reranker");
    assertThat(request.stream()).isFalse();
    assertThat(request.maxCompletionTokens()).isEqualTo(OptionalLong.of(0));
    assertThat(request.promptText())
        .isEqualTo("Paris is the capital\nBerlin is a city\ncapital of France\n");
    assertThat(request.promptParts()).isEqualTo(3);
    assertThat(CrossEncoderPairs.repeatedText(request)).isEqualTo("capital of France\n");
    assertThat(CrossEncoderPairs.repeats(request)).isEqualTo(1);
  }

  @Test
  void aMultimodalQueryCountsItsText() throws Exception {
    ClientRequest request = parse("{\"model\":\"m\",\"query\":{\"content\":[{\"type\":\"text\","
        + "\"text\":\"a cat\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:x\"}}]},"
        + "\"documents\":[\"one\",\"two\",\"three\"]}");

    assertThat(CrossEncoderPairs.repeatedText(request)).isEqualTo("a cat\n");
    assertThat(CrossEncoderPairs.repeats(request)).isEqualTo(2);
  }

  @Test
  void onlyARerankRepeatsItsQuery() throws Exception {
    ClientRequest embeddings = PARSER.parse(Endpoint.EMBEDDINGS,
        "{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"query\":\"q\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(CrossEncoderPairs.repeats(embeddings)).isZero();
  }

  @Test
  void eachMistakeNamesItsField() {
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"documents\":[\"a\"]}"))
        .hasMessage("query must be a non-empty string").extracting("param").isEqualTo("query");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"\",\"documents\":[\"a\"]}"))
        .extracting("param").isEqualTo("query");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":7,\"documents\":[\"a\"]}"))
        .extracting("param").isEqualTo("query");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\"}"))
        .hasMessage("you must provide the documents to rerank").extracting("param")
        .isEqualTo("documents");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":[]}"))
        .extracting("param").isEqualTo("documents");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":\"a\"}"))
        .extracting("param").isEqualTo("documents");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\",3]}"))
        .hasMessage("documents[1] must be a string or an object").extracting("param")
        .isEqualTo("documents");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":-1}"))
        .extracting("param").isEqualTo("top_n");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":1.5}"))
        .extracting("param").isEqualTo("top_n");
    assertThatThrownBy(() -> parse(
        "{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"return_documents\":\"yes\"}"))
        .extracting("param").isEqualTo("return_documents");
    assertThatThrownBy(() -> parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"stream\":true}"))
        .hasMessage("Rerank requests cannot be streamed.").extracting("param").isEqualTo("stream");
  }

  @Test
  void topNZeroIsAllOfThemAsOnVllm() throws Exception {
    assertThat(parse("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":0}").model())
        .isEqualTo("m");
  }

  @Test
  void vllmsUsageOfATotalAloneIsThatManyPromptTokens() {
    byte[] answer = ("{\"id\":\"rerank-1\",\"model\":\"m\",\"usage\":{\"total_tokens\":37},"
        + "\"results\":[{\"index\":0,\"relevance_score\":0.9}]}").getBytes(StandardCharsets.UTF_8);

    RawUsage usage = OpenAiUsageReader.read(answer).orElseThrow();

    assertThat(usage.promptTokens()).isEqualTo(OptionalLong.of(37));
    assertThat(usage.completionTokens()).isEmpty();
    assertThat(UsageNormalizer.OPENAI.normalize(usage).inputTokens()).isEqualTo(37);
    assertThat(UsageNormalizer.OPENAI.normalize(usage).outputTokens()).isZero();
  }

  @Test
  void aTotalBesideItsPartsIsStillNeverRead() {
    byte[] answer = "{\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":12,\"total_tokens\":402}}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] promptOnly = "{\"usage\":{\"prompt_tokens\":30,\"total_tokens\":37}}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(OpenAiUsageReader.read(answer).orElseThrow().promptTokens()).isEqualTo(OptionalLong.of(7));
    assertThat(OpenAiUsageReader.read(promptOnly).orElseThrow().promptTokens())
        .isEqualTo(OptionalLong.of(30));
  }
}
