package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.port.in.IssuedKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK configured as clients of LiteLLM often are, against Tollgate: with
 * the bare base URL (no {@code /v1}, LiteLLM's quick start), and as Azure OpenAI's client (the
 * deployment in the path, the key in {@code api-key}), which LiteLLM also serves; and Anthropic's
 * official SDK pointed at LiteLLM's Anthropic pass-through ({@code <base>/anthropic}). Each call is
 * answered and charged as on {@code /v1}; on Azure's spelling the deployment names the model.
 */
class LitellmClientSpellingsSdkTest {

  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.simulated(Duration.ZERO);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void a_client_with_the_bare_base_url_calls_models_chat_and_embeddings() {
    IssuedKey key = gateway.key();
    OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(key.secret().reveal())
        .baseUrl(gateway.base()).maxRetries(0).build();

    ChatCompletion chat = client.chat().completions().create(chat("sim-small"));
    var embedding = client.embeddings().create(EmbeddingCreateParams.builder().model("sim-embed")
        .input("hello").build());

    assertThat(chat.choices().getFirst().message().content()).isPresent();
    assertThat(embedding.data()).hasSize(1);
    assertThat(client.models().list().data()).extracting(m -> m.id()).contains("sim-small");
    assertThat(gateway.awaitLedger(key, 2)).hasSize(2);
  }

  @Test
  void an_azure_openai_client_calls_by_deployment_with_its_api_key_header() {
    IssuedKey key = gateway.key();
    OpenAIClient azure = OpenAIOkHttpClient.builder().baseUrl(gateway.base())
        .credential(AzureApiKeyCredential.create(key.secret().reveal()))
        .azureServiceVersion(AzureOpenAIServiceVersion.latestStableVersion())
        .azureUrlPathMode(AzureUrlPathMode.LEGACY).maxRetries(0).build();

    ChatCompletion chat = azure.chat().completions().create(chat("sim-small"));
    var embedding = azure.embeddings().create(EmbeddingCreateParams.builder().model("sim-embed")
        .input("hello").build());

    assertThat(chat.choices().getFirst().message().content()).isPresent();
    assertThat(embedding.data()).hasSize(1);
    List<SpendEntry> ledger = gateway.awaitLedger(key, 2);
    assertThat(ledger).extracting(e -> e.model().value())
        .containsExactlyInAnyOrder("sim-small", "sim-embed");
    assertThatThrownBy(() -> azure.chat().completions().create(chat("no-such-deployment")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void on_azures_spelling_the_deployment_in_the_path_names_the_model() {
    IssuedKey key = gateway.key();
    AdminClient http = new AdminClient(gateway.base());
    AdminClient.Reply reply = http.call("POST",
        "/openai/deployments/sim-large/chat/completions?api-version=2024-10-21", null,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        java.util.Map.of("api-key", key.secret().reveal()));

    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(gateway.awaitLedger(key, 1)).extracting(e -> e.model().value())
        .containsExactly("sim-large");
  }

  @Test
  void anthropics_sdk_pointed_at_litellms_anthropic_prefix_keeps_working() {
    IssuedKey key = gateway.key();
    AnthropicClient anthropic = AnthropicOkHttpClient.builder().apiKey(key.secret().reveal())
        .baseUrl(gateway.base() + "/anthropic").maxRetries(0).build();

    Message message = anthropic.messages().create(MessageCreateParams.builder().model("sim-large")
        .maxTokens(8).addUserMessage("Hello through LiteLLM's pass-through path").build());
    long counted = anthropic.messages().countTokens(MessageCountTokensParams.builder()
        .model("sim-large").addUserMessage("count me").build()).inputTokens();
    List<String> models = anthropic.models().list().data().stream().map(m -> m.id()).toList();

    assertThat(message.content()).isNotEmpty();
    assertThat(counted).isPositive();
    assertThat(models).contains("sim-large");
    assertThat(gateway.awaitLedger(key, 1)).singleElement()
        .satisfies(e -> assertThat(e.model().value()).isEqualTo("sim-large"));
    AnthropicClient forged = AnthropicOkHttpClient.builder().apiKey("sk-ant-not-a-key")
        .baseUrl(gateway.base() + "/anthropic").maxRetries(0).build();
    assertThatThrownBy(() -> forged.models().list())
        .isInstanceOf(com.anthropic.errors.UnauthorizedException.class);
    AdminClient.Reply unknown = new AdminClient(gateway.base()).call("POST",
        "/anthropic/v1/messages/batches", key.secret().reveal(), "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("type").asText()).as(unknown.text()).isEqualTo("error");
  }

  private static ChatCompletionCreateParams chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).maxCompletionTokens(16)
        .addUserMessage("Hello from an old client").build();
  }
}
