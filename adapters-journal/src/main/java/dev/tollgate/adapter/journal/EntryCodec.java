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
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A spend entry as one small JSON object; instants keep their nanoseconds, money its nanos. The
 * 1-hour cache writes ({@code write1h}) are written only when there are some, so records from
 * before that field and after it read alike.
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
      g.writeStringField("price", e.priceEffectiveFrom().toString());
      g.writeStringField("started", e.startedAt().toString());
      g.writeStringField("recorded", e.recordedAt().toString());
      g.writeBooleanField("overage", e.overage());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  static SpendEntry decode(byte[] bytes) throws IOException {
    Map<String, String> f = new HashMap<>();
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a journal record");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        f.put(name, p.getValueAsString());
      }
    }
    try {
      return entry(f);
    } catch (RuntimeException e) {
      throw new IOException("journal record has a bad field: " + e.getMessage(), e);
    }
  }

  private static SpendEntry entry(Map<String, String> f) {
    TenantId tenant = TenantId.of(f.get("tenant"));
    Owner owner = f.containsKey("team") ? Owner.team(tenant, TeamId.of(f.get("team"))) : Owner.tenant(tenant);
    TokenUsage usage = new TokenUsage(num(f, "in"), num(f, "cached"), num(f, "write"), num(f, "out"),
        num(f, "reason"), f.containsKey("write1h") ? num(f, "write1h") : 0);
    return new SpendEntry(
        RequestId.of(f.get("req")), owner, KeyId.of(f.get("key")), ModelName.of(f.get("model")),
        Optional.ofNullable(f.get("user")).map(EndUserId::of), usage,
        UsageSource.valueOf(f.get("source")), Money.ofNanoUsd(num(f, "cost")),
        IsoInstants.parse(f.get("price")), IsoInstants.parse(f.get("started")),
        IsoInstants.parse(f.get("recorded")), Boolean.parseBoolean(f.get("overage")));
  }

  private static long num(Map<String, String> f, String name) {
    return Long.parseLong(f.get(name));
  }
}
