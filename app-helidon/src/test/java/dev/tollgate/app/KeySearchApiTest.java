package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.AdminClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/v1/keys?q=&status=} (added for the web console's search): only the matching
 * keys, paged among them, the filter checked like every other parameter, and a tenant admin's
 * search still confined to its tenant.
 */
class KeySearchApiTest {

  private static List<String> aliases(Reply r) {
    List<String> out = new ArrayList<>();
    for (JsonNode k : r.json().path("data")) {
      out.add(k.path("alias").asText());
    }
    return out;
  }

  @Test
  void the_key_list_narrows_to_text_and_state_and_pages_among_the_matches() {
    try (GatewayHarness gw = GatewayHarness.simulated(Duration.ZERO)) {
      AdminClient c = new AdminClient(gw.base());
      String m = GatewayHarness.MASTER_KEY;
      for (String alias : List.of("Search-One", "search-two", "other", "search-three")) {
        assertThat(c.post("/admin/v1/keys", m, "{\"tenant\":\"acme\",\"alias\":\"" + alias + "\"}")
            .status()).isEqualTo(201);
      }
      String two = c.get("/admin/v1/keys?tenant=acme&q=two", m).json().path("data").get(0)
          .path("id").asText();
      c.post("/admin/v1/keys/" + two + "/block", m, null);

      assertThat(aliases(c.get("/admin/v1/keys?tenant=acme&q=SEARCH", m)))
          .containsExactly("Search-One", "search-two", "search-three");
      assertThat(aliases(c.get("/admin/v1/keys?tenant=acme&q=search&status=active", m)))
          .containsExactly("Search-One", "search-three");
      assertThat(aliases(c.get("/admin/v1/keys?tenant=acme&status=blocked", m)))
          .containsExactly("search-two");
      Reply page = c.get("/admin/v1/keys?tenant=acme&q=search&limit=1&offset=1", m);
      assertThat(aliases(page)).containsExactly("search-two");
      assertThat(page.json().path("next_offset").asInt()).isEqualTo(2);
      assertThat(aliases(c.get("/admin/v1/keys?tenant=acme&q=" + two, m)))
          .containsExactly("search-two");

      Reply bad = c.get("/admin/v1/keys?tenant=acme&status=gone", m);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().path("error").path("param").asText()).isEqualTo("status");
      assertThat(c.get("/admin/v1/keys?tenant=acme&q=" + "x".repeat(129), m).status())
          .isEqualTo(400);

      String admin = c.post("/admin/v1/keys", m,
          "{\"tenant\":\"acme\",\"alias\":\"boss\",\"role\":\"tenant_admin\"}").json().path("key")
          .asText();
      c.post("/admin/v1/tenants", m, "{\"id\":\"rival\",\"name\":\"Rival\"}");
      c.post("/admin/v1/keys", m, "{\"tenant\":\"rival\",\"alias\":\"search-rival\"}");
      assertThat(c.get("/admin/v1/keys?tenant=rival&q=search", admin).status()).isEqualTo(404);
      assertThat(aliases(c.get("/admin/v1/keys?q=search", admin))).doesNotContain("search-rival");
    }
  }
}
