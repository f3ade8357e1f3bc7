package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.money.Money;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request tags through the service on the durable store (PostgreSQL behind the leases and the
 * journal), sent by OpenAI's and Anthropic's official Java SDKs: {@code metadata.tags} in the body
 * (an array, or the comma-separated string a typed metadata holds) and the {@code x-tollgate-tags}
 * header, on chat (whole and streamed), Responses, embeddings and Messages; every entry keeps its
 * tags; the bounds and the tenant's allowed tags are 400s naming the field; reports by tag equal
 * the entries' sums to the nano-dollar; a tag budget is never overspent under concurrency.
 */
class RequestTagsTest {

  private static final String SCHEMA =
      "tg_tags_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  /** Yesterday (UTC): every report of this test reads from there to now. */
  private static final String FROM =
      "&from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
  private static Path dir;
  private static GatewayHarness gw;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("tollgate-tags");
    gw = GatewayHarness.simulated(new StoreSettings("postgres",
        Optional.of(TestPostgres.jdbcUrl()), SCHEMA, true, dir.resolve("pgdata"),
        dir.resolve("journal"), 4));
    admin = new AdminClient(gw.base());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    TestPostgres.dropSchema(SCHEMA);
  }

  private static String tenantWithKey(String tenant, String extra) {
    Reply t = admin.post("/admin/v1/tenants", MASTER_KEY,
        "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant + "\"" + extra + "}");
    assertThat(t.status()).as(t.text()).isEqualTo(201);
    Reply key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"" + tenant + "\"}");
    assertThat(key.status()).as(key.text()).isEqualTo(201);
    return key.json().path("key").asText();
  }

  private static OpenAIClient openAi(String key) {
    return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gw.base() + "/v1").maxRetries(0)
        .build();
  }

  private static ChatCompletionCreateParams chat() {
    return ChatCompletionCreateParams.builder().model("sim-small").maxCompletionTokens(16)
        .addUserMessage("Tag me").build();
  }

  private static JsonValue metadataTags(String... tags) {
    return JsonValue.from(Map.of("tags", List.of(tags)));
  }

  /** The tenant's ledger entries (request id order by start), once {@code count} are recorded. */
  private static List<JsonNode> entries(String tenant, int count) {
    String path = "/admin/v1/spend/entries?tenant=" + tenant + "&limit=1000" + FROM;
    Eventually.await(() -> admin.get(path, MASTER_KEY).json().path("data").size() >= count,
        count + " entries of " + tenant);
    List<JsonNode> out = new ArrayList<>();
    admin.get(path, MASTER_KEY).json().path("data").forEach(out::add);
    return out;
  }

  private static List<String> tagsOf(JsonNode entry) {
    List<String> out = new ArrayList<>();
    entry.path("tags").forEach(t -> out.add(t.asText()));
    return out;
  }

  @Test
  void everyRouteRecordsItsTagsFromTheBodyOrTheHeader() {
    String key = tenantWithKey("tagco", "");
    OpenAIClient client = openAi(key);
    client.chat().completions().create(chat().toBuilder()
        .putAdditionalBodyProperty("metadata", metadataTags("team:search", "env=prod", "env=prod"))
        .build());
    client.chat().completions().create(chat().toBuilder()
        .metadata(ChatCompletionCreateParams.Metadata.builder()
            .putAdditionalProperty("tags", JsonValue.from("feature.summarize, team:search"))
            .putAdditionalProperty("trace", JsonValue.from("kept")).build())
        .putAdditionalHeader("x-tollgate-tags", "via-header").build());
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
        .createStreaming(chat().toBuilder().putAdditionalHeader("x-tollgate-tags", "streamed")
            .build())) {
      stream.stream().forEach(c -> { });
    }
    client.responses().create(ResponseCreateParams.builder().model("sim-small")
        .input("Tag me").maxOutputTokens(16L)
        .putAdditionalBodyProperty("metadata", metadataTags("responses")).build());
    client.embeddings().create(EmbeddingCreateParams.builder().model("sim-small").input("tag me")
        .putAdditionalBodyProperty("metadata", metadataTags("embedded")).build());
    AnthropicClient claude = AnthropicOkHttpClient.builder().apiKey(key).baseUrl(gw.base())
        .maxRetries(0).putHeader("x-tollgate-tags", "messages,team:search").build();
    claude.messages().create(MessageCreateParams.builder().model("sim-small").maxTokens(16)
        .addUserMessage("Tag me").build());

    List<List<String>> tags = entries("tagco", 6).stream().map(RequestTagsTest::tagsOf).toList();
    assertThat(tags).containsExactlyInAnyOrder(
        List.of("env=prod", "team:search"),
        List.of("feature.summarize", "team:search", "via-header"),
        List.of("streamed"), List.of("responses"), List.of("embedded"),
        List.of("messages", "team:search"));
    String csv = admin.get("/admin/v1/spend/export.csv?tenant=tagco&tag=streamed" + FROM,
        MASTER_KEY).text();
    assertThat(csv.lines().toList()).hasSize(2);
    assertThat(csv.lines().findFirst().orElseThrow())
        .endsWith(",session,tags,cache_write_1h_input_tokens,audio_seconds");
    assertThat(csv.lines().toList().get(1)).endsWith(",streamed,0,0.000");
  }

  @Test
  void brokenOrDisallowedTagsAreA400NamingTheField() {
    String key = tenantWithKey("tagrules", ",\"allowed_tags\":[\"team:search\",\"env=prod\"]");
    OpenAIClient client = openAi(key);
    List<String> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add("t" + i);
    }
    assertThatThrownBy(() -> client.chat().completions().create(chat().toBuilder()
        .putAdditionalBodyProperty("metadata", JsonValue.from(Map.of("tags", eleven))).build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.body().toString())
            .contains("metadata.tags").contains("at most 10"));
    assertThatThrownBy(() -> client.chat().completions().create(chat().toBuilder()
        .putAdditionalHeader("x-tollgate-tags", "x".repeat(65)).build()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.body().toString()).contains("x-tollgate-tags"));
    assertThatThrownBy(() -> client.chat().completions().create(chat().toBuilder()
        .putAdditionalBodyProperty("metadata", metadataTags("has space")).build()))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> client.chat().completions().create(chat().toBuilder()
        .putAdditionalHeader("x-tollgate-tags", "env=prod,env=dev").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.body().toString())
            .contains("tag_not_allowed").contains("env=dev"));
    AnthropicClient claude = AnthropicOkHttpClient.builder().apiKey(key).baseUrl(gw.base())
        .maxRetries(0).putHeader("x-tollgate-tags", "unlisted").build();
    assertThatThrownBy(() -> claude.messages().create(MessageCreateParams.builder()
        .model("sim-small").maxTokens(16).addUserMessage("hi").build()))
        .isInstanceOf(com.anthropic.errors.BadRequestException.class);

    client.chat().completions().create(chat().toBuilder()
        .putAdditionalHeader("x-tollgate-tags", "env=prod").build());
    assertThat(entries("tagrules", 1)).singleElement()
        .satisfies(e -> assertThat(tagsOf(e)).containsExactly("env=prod"));
    assertThat(admin.get("/admin/v1/tenants/tagrules", MASTER_KEY).json().path("allowed_tags")
        .toString()).isEqualTo("[\"env=prod\",\"team:search\"]");
  }

  @Test
  void reportsByTagEqualTheEntriesSumsAndSayTheGroupsOverlap() {
    String key = tenantWithKey("tagsum", "");
    String[][] tagSets = {{"a"}, {"a", "b"}, {}, {"b", "c"}, {"c"}};
    for (int i = 0; i < 15; i++) {
      String[] tags = tagSets[i % tagSets.length];
      ChatCompletionCreateParams.Builder p = chat().toBuilder()
          .maxCompletionTokens(8 + i);
      if (tags.length > 0) {
        p.putAdditionalHeader("x-tollgate-tags", String.join(",", tags));
      }
      openAi(key).chat().completions().create(p.build());
    }
    List<JsonNode> entries = entries("tagsum", 15);
    Reply byTag = admin.get("/admin/v1/spend?tenant=tagsum&group_by=tag" + FROM,
        MASTER_KEY);
    assertThat(byTag.status()).as(byTag.text()).isEqualTo(200);
    assertThat(byTag.json().path("groups_overlap").asBoolean()).isTrue();
    Money overlapping = Money.ZERO;
    for (JsonNode g : byTag.json().path("groups")) {
      String group = g.path("group").asText();
      Money sum = Money.ZERO;
      long requests = 0;
      for (JsonNode e : entries) {
        List<String> tags = tagsOf(e);
        if (group.isEmpty() ? tags.isEmpty() : tags.contains(group)) {
          sum = sum.plus(Money.usd(e.path("cost_usd").asText()));
          requests++;
        }
      }
      assertThat(Money.usd(g.path("cost_usd").asText())).as(group).isEqualTo(sum);
      assertThat(g.path("requests").asLong()).as(group).isEqualTo(requests);
      Reply filtered = admin.get("/admin/v1/spend?tenant=tagsum" + FROM + "&tag=" + group,
          MASTER_KEY);
      if (!group.isEmpty()) {
        assertThat(Money.usd(filtered.json().path("total").path("cost_usd").asText())).as(group)
            .isEqualTo(sum);
      }
      overlapping = overlapping.plus(sum);
    }
    assertThat(byTag.json().path("groups").findValuesAsText("group"))
        .containsExactly("", "a", "b", "c");
    Money total = Money.usd(byTag.json().path("total").path("cost_usd").asText());
    Money entriesTotal = Money.ZERO;
    for (JsonNode e : entries) {
      entriesTotal = entriesTotal.plus(Money.usd(e.path("cost_usd").asText()));
    }
    assertThat(total).isEqualTo(entriesTotal);
    assertThat(overlapping.isGreaterThan(total)).as("two-tag entries count twice").isTrue();
    Reply series = admin.get("/admin/v1/spend?tenant=tagsum&group_by=day,tag" + FROM,
        MASTER_KEY);
    assertThat(series.status()).as(series.text()).isEqualTo(200);
    assertThat(series.json().path("groups_overlap").asBoolean()).isTrue();
    assertThat(Money.usd(series.json().path("total").path("cost_usd").asText())).isEqualTo(total);
  }

  @Test
  void aTagBudgetIsNeverOverspentUnderConcurrencyAndRefusesAsABudgetDoes() throws Exception {
    String key = tenantWithKey("tagbudget", "");
    String limits = "/admin/v1/tenants/tagbudget/tags/capped/limits";
    Reply set = admin.call("PUT", limits, MASTER_KEY,
        "{\"budget\":{\"limit_usd\":\"0.00005\",\"period\":\"lifetime\"}}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().path("scope").path("type").asText()).isEqualTo("tag");
    assertThat(admin.get("/admin/v1/tenants/tagbudget", MASTER_KEY).json().path("tag_budgets")
        .asBoolean()).isTrue();

    String body = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"blast\"}],"
        + "\"max_tokens\":16,\"metadata\":{\"tags\":[\"capped\",\"other\"]}}";
    int ok = 0;
    int refused = 0;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Reply>> calls = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        calls.add(pool.submit(() -> admin.post("/v1/chat/completions", key, body)));
      }
      for (Future<Reply> f : calls) {
        Reply r = f.get();
        if (r.status() == 200) {
          ok++;
        } else {
          assertThat(r.status()).as(r.text()).isEqualTo(429);
          assertThat(r.json().path("error").path("code").asText()).isEqualTo("insufficient_quota");
          assertThat(r.json().path("error").path("message").asText()).contains("tag capped");
          refused++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok).isPositive();
    assertThat(refused).isPositive();
    assertThat(admin.post("/v1/chat/completions", key, body.replace("\"capped\",", "")).status())
        .as("the tenant's other tags are not capped").isEqualTo(200);

    List<JsonNode> entries = entries("tagbudget", ok + 1);
    Money capped = Money.ZERO;
    for (JsonNode e : entries) {
      if (tagsOf(e).contains("capped")) {
        capped = capped.plus(Money.usd(e.path("cost_usd").asText()));
      }
    }
    assertThat(capped.isGreaterThan(Money.usd("0.00005"))).as("never overspent").isFalse();
    Money spent = capped;
    Eventually.await(() -> Money.usd(admin.get(limits, MASTER_KEY).json().path("budget")
        .path("posted_usd").asText()).equals(spent), "the tag budget's posted spend is the ledger's");
  }
}
