package dev.tollgate.adapter.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A spend entry as one small JSON object; instants keep their nanoseconds, money its nanos. The
 * 1-hour cache writes ({@code write1h}) are written only when there are some, so records from
 * before that field and after it read alike; so is the client session ({@code session}), written
 * only when the request named one, and so are the request's tags ({@code tags}, an array of
 * strings), written only when it carried some.
 */
final class EntryCodec {

  private static final JsonFactory JSON = new JsonFactory();

  private EntryCodec() {}

  static byte[] encode(SpendEntry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(320);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("req", e.requestId().value());
      g.writeStringField("tenant", e.owner().tenant().value());
      if (e.owner().team().isPresent()) {
        g.writeStringField("team", e.owner().team().get().value());
      }
      g.writeStringField("key", e.key().value());
      g.writeStringField("model", e.model().value());
      if (e.endUser().isPresent()) {
        g.writeStringField("user", e.endUser().get().value());
      }
      TokenUsage u = e.usage();
      g.writeNumberField("in", u.inputTokens());
      g.writeNumberField("cached", u.cachedInputTokens());
      g.writeNumberField("write", u.cacheWriteInputTokens());
      g.writeNumberField("out", u.outputTokens());
      g.writeNumberField("reason", u.reasoningTokens());
      if (u.cacheWrite1hInputTokens() > 0) { // absent in records written before the 1-hour split
        g.writeNumberField("write1h", u.cacheWrite1hInputTokens());
      }
      g.writeStringField("source", e.source().name());
      g.writeNumberField("cost", e.cost().nanoUsd());
      g.writeStringField("price", IsoInstants.format(e.priceEffectiveFrom()));
      g.writeStringField("started", IsoInstants.format(e.startedAt()));
      g.writeStringField("recorded", IsoInstants.format(e.recordedAt()));
      g.writeBooleanField("overage", e.overage());
      if (e.session().isPresent()) { // absent in records written before sessions were recorded
        g.writeStringField("session", e.session().get().value());
      }
      if (!e.tags().isEmpty()) { // absent in records written before tags were recorded
        g.writeArrayFieldStart("tags");
        for (Tag t : e.tags().values()) {
          g.writeString(t.value());
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  static SpendEntry decode(byte[] bytes) throws IOException {
    Fields f = new Fields();
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a journal record");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        f.read(name, value, p);
      }
    }
    try {
      return f.entry();
    } catch (RuntimeException e) {
      throw new IOException("journal record has a bad field: " + e.getMessage(), e);
    }
  }

  /**
   * One record's fields as the parser meets them: numbers read as numbers, no map of strings
   * (recovery decodes every unforwarded record; see {@code LedgerIngest}). A field this version
   * does not know is skipped, so a newer writer's extra fields never stop a recovery.
   */
  private static final class Fields {
    private String req;
    private String tenant;
    private String team;
    private String key;
    private String model;
    private String user;
    private final long[] tokens = new long[6];
    private int present; // a bit per count read; write1h (bit 5) may be absent
    private String source;
    private Long cost;
    private String price;
    private String started;
    private String recorded;
    private boolean overage;
    private String session;
    private final List<Tag> tags = new ArrayList<>(); // bounded by Tags when the entry is built

    void read(String name, JsonToken value, JsonParser p) throws IOException {
      switch (name) {
        case "req" -> req = p.getValueAsString();
        case "tenant" -> tenant = p.getValueAsString();
        case "team" -> team = p.getValueAsString();
        case "key" -> key = p.getValueAsString();
        case "model" -> model = p.getValueAsString();
        case "user" -> user = p.getValueAsString();
        case "in" -> token(0, value, p);
        case "cached" -> token(1, value, p);
        case "write" -> token(2, value, p);
        case "out" -> token(3, value, p);
        case "reason" -> token(4, value, p);
        case "write1h" -> token(5, value, p);
        case "source" -> source = p.getValueAsString();
        case "cost" -> cost = number(value, p);
        case "price" -> price = p.getValueAsString();
        case "started" -> started = p.getValueAsString();
        case "recorded" -> recorded = p.getValueAsString();
        case "session" -> session = p.getValueAsString();
        case "tags" -> tags(value, p);
        case "overage" -> overage = value == JsonToken.VALUE_TRUE
            || (value == JsonToken.VALUE_STRING && Boolean.parseBoolean(p.getText()));
        default -> p.skipChildren();
      }
    }

    private void tags(JsonToken value, JsonParser p) throws IOException {
      if (value != JsonToken.START_ARRAY) {
        throw new IOException("journal record's tags are not an array");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (tags.size() > Tags.MAX_TAGS) {
          throw new IOException("journal record has more than " + Tags.MAX_TAGS + " tags");
        }
        try {
          tags.add(Tag.of(p.getValueAsString()));
        } catch (IllegalArgumentException e) {
          throw new IOException("journal record has a bad tag: " + e.getMessage(), e);
        }
      }
    }

    private void token(int i, JsonToken value, JsonParser p) throws IOException {
      tokens[i] = number(value, p);
      present |= 1 << i;
    }

    private static long number(JsonToken value, JsonParser p) throws IOException {
      if (value == JsonToken.VALUE_NUMBER_INT) {
        return p.getLongValue();
      }
      return Long.parseLong(p.getValueAsString()); // a malformed value fails as before
    }

    SpendEntry entry() {
      TenantId tenantId = TenantId.of(tenant);
      Owner owner = team != null ? Owner.team(tenantId, TeamId.of(team)) : Owner.tenant(tenantId);
      if ((present & 0b11111) != 0b11111 || cost == null) {
        throw new IllegalArgumentException("a count or the cost is missing");
      }
      TokenUsage usage = new TokenUsage(tokens[0], tokens[1], tokens[2], tokens[3], tokens[4],
          tokens[5]);
      return new SpendEntry(
          RequestId.of(req), owner, KeyId.of(key), ModelName.of(model),
          Optional.ofNullable(user).map(EndUserId::of), usage,
          UsageSource.valueOf(source), Money.ofNanoUsd(cost),
          IsoInstants.parse(price), IsoInstants.parse(started),
          IsoInstants.parse(recorded), overage, Optional.ofNullable(session).map(SessionId::of),
          Tags.of(tags));
    }
  }
}
