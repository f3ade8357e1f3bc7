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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * The record's bytes. Every request's settlement writes one, on its own thread: when no string
   * in the entry needs escaping (tenant, team, end-user and session ids are printable ASCII; a
   * model name, a request id or a tag may not be) they are written by hand ({@link Plain}), byte
   * for byte what Jackson's generator writes for them, in about half its time; any other entry
   * goes to the generator.
   */
  static byte[] encode(SpendEntry e) {
    byte[] plain = Plain.record(e);
    return plain != null ? plain : withGenerator(e);
  }

  /** The record as Jackson's generator writes it: any entry, escaping what needs it. */
  static byte[] withGenerator(SpendEntry e) {
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
      if (u.audioMillis() > 0) { // absent in records written before audio was priced
        g.writeNumberField("audio_ms", u.audioMillis());
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

  /**
   * {@link #withGenerator}'s output for an entry whose strings are all printable ASCII other than
   * {@code "} and the backslash (what the generator writes unescaped), written into one array: the
   * same fields in the same order, no spaces, numbers in decimal. Null for any other entry.
   */
  private static final class Plain {

    private static final byte[] REQ = ascii("{\"req\":");
    private static final byte[] TENANT = ascii(",\"tenant\":");
    private static final byte[] TEAM = ascii(",\"team\":");
    private static final byte[] KEY = ascii(",\"key\":");
    private static final byte[] MODEL = ascii(",\"model\":");
    private static final byte[] USER = ascii(",\"user\":");
    private static final byte[] IN = ascii(",\"in\":");
    private static final byte[] CACHED = ascii(",\"cached\":");
    private static final byte[] WRITE = ascii(",\"write\":");
    private static final byte[] OUT = ascii(",\"out\":");
    private static final byte[] REASON = ascii(",\"reason\":");
    private static final byte[] WRITE_1H = ascii(",\"write1h\":");
    private static final byte[] AUDIO_MS = ascii(",\"audio_ms\":");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] COST = ascii(",\"cost\":");
    private static final byte[] PRICE = ascii(",\"price\":");
    private static final byte[] STARTED = ascii(",\"started\":");
    private static final byte[] RECORDED = ascii(",\"recorded\":");
    private static final byte[] OVERAGE = ascii(",\"overage\":");
    private static final byte[] SESSION = ascii(",\"session\":");
    private static final byte[] TAGS = ascii(",\"tags\":[");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private byte[] buf = new byte[384]; // a served request's record is ~330 bytes
    private int at;

    static byte[] record(SpendEntry e) {
      Plain p = new Plain();
      return p.write(e) ? Arrays.copyOf(p.buf, p.at) : null;
    }

    private boolean write(SpendEntry e) {
      if (!string(REQ, e.requestId().value()) || !string(TENANT, e.owner().tenant().value())
          || (e.owner().team().isPresent() && !string(TEAM, e.owner().team().get().value()))
          || !string(KEY, e.key().value()) || !string(MODEL, e.model().value())
          || (e.endUser().isPresent() && !string(USER, e.endUser().get().value()))) {
        return false;
      }
      TokenUsage u = e.usage();
      number(IN, u.inputTokens());
      number(CACHED, u.cachedInputTokens());
      number(WRITE, u.cacheWriteInputTokens());
      number(OUT, u.outputTokens());
      number(REASON, u.reasoningTokens());
      if (u.cacheWrite1hInputTokens() > 0) {
        number(WRITE_1H, u.cacheWrite1hInputTokens());
      }
      if (u.audioMillis() > 0) {
        number(AUDIO_MS, u.audioMillis());
      }
      string(SOURCE, e.source().name()); // an enum constant's name: plain
      number(COST, e.cost().nanoUsd());
      if (!instant(PRICE, e.priceEffectiveFrom()) || !instant(STARTED, e.startedAt())
          || !instant(RECORDED, e.recordedAt())) {
        return false;
      }
      bytes(OVERAGE);
      bytes(e.overage() ? TRUE : FALSE);
      if (e.session().isPresent() && !string(SESSION, e.session().get().value())) {
        return false;
      }
      if (!e.tags().isEmpty()) {
        bytes(TAGS);
        boolean first = true;
        for (Tag t : e.tags().values()) {
          if (!first) {
            room(1);
            buf[at++] = ',';
          }
          first = false;
          if (!quoted(t.value())) {
            return false;
          }
        }
        room(1);
        buf[at++] = ']';
      }
      room(1);
      buf[at++] = '}';
      return true;
    }

    private boolean string(byte[] key, String value) {
      bytes(key);
      return quoted(value);
    }

    /** {@code "value"}, or false when a character would need escaping or is not ASCII. */
    private boolean quoted(String value) {
      int n = value.length();
      room(n + 2);
      buf[at++] = '"';
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
          return false;
        }
        buf[at++] = (byte) c;
      }
      buf[at++] = '"';
      return true;
    }

    private void number(byte[] key, long value) {
      bytes(key);
      if (value < 0) {
        bytes(ascii(Long.toString(value)));
        return;
      }
      int digits = 1;
      for (long v = value / 10; v > 0; v /= 10) {
        digits++;
      }
      room(digits);
      for (int i = at + digits - 1; i >= at; i--) {
        buf[i] = (byte) ('0' + value % 10);
        value /= 10;
      }
      at += digits;
    }

    private boolean instant(byte[] key, Instant value) {
      bytes(key);
      room(IsoInstants.MAX_WRITTEN + 2);
      buf[at] = '"';
      int end = IsoInstants.write(value, buf, at + 1);
      if (end < 0) {
        return quoted(value.toString()); // outside 0000-9999: toString's own shape
      }
      buf[end] = '"';
      at = end + 1;
      return true;
    }

    private void bytes(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, buf, at, b.length);
      at += b.length;
    }

    private void room(int n) {
      if (at + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
      }
    }

    private static byte[] ascii(String s) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }
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
    private final long[] tokens = new long[7];
    private int present; // a bit per count read; write1h (bit 5) and audio_ms (bit 6) may be absent
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
        case "audio_ms" -> token(6, value, p);
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
          tokens[5], tokens[6]);
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
