package dev.tollgate.wire.openai;

/**
 * {@link EventText#scan}'s fast path: the same reading of one event's JSON, by hand, for the
 * common case only: well-formed JSON in ASCII whose field names carry no escapes. Anything else
 * (a byte above 127, an escape in a name, malformed or unusual input, deep nesting, a long
 * number) is left to the Jackson path, so this path accepts a subset of what Jackson accepts
 * and answers what Jackson's path answers on it ({@code EventTextTest} compares the two over
 * generated and mutated events). It saves a parser's construction and its buffers per event:
 * a stream is hundreds of events.
 */
final class AsciiEventScan {

  /** Thrown (never filled in) where this path does not decide; the Jackson path does. */
  private static final class NotHere extends RuntimeException {
    NotHere() {
      super(null, null, false, false);
    }
  }

  private static final NotHere NOT_HERE = new NotHere();
  private static final int MAX_DEPTH = 64;
  private static final int MAX_NUMBER_CHARS = 100;

  private final byte[] b;
  private final int end;
  private int i;
  private int depth;
  private final StringBuilder text = new StringBuilder();

  private AsciiEventScan(byte[] b, int from, int end) {
    this.b = b;
    this.i = from;
    this.end = end;
  }

  /** The scan, or null when the Jackson path is to decide. */
  static EventText.Scan scan(byte[] b, int from, int len) {
    try {
      return new AsciiEventScan(b, from, from + len).event(from);
    } catch (NotHere e) {
      return null;
    }
  }

  private EventText.Scan event(int from) {
    whitespace();
    if (peek() != '{') {
      throw NOT_HERE;
    }
    boolean emptyChoices = false;
    String type = "";
    String responsesDelta = null;
    EventText.Span model = EventText.Span.NONE;
    int usageStart = -1;
    int usageCutEnd = -1;
    for (boolean more = open('}'); more; more = nextMember('}')) {
      int at = i; // the member's name, its quote (open and nextMember skipped the whitespace)
      int field = name();
      if (usageStart >= 0 && usageCutEnd < 0) {
        usageCutEnd = at; // usage and the comma after it, up to the next member
      }
      int valueAt = i;
      byte v = peek();
      switch (field) {
        case CHOICES -> emptyChoices = v == '[' && choices();
        case TYPE -> type = v == '"' ? string() : "";
        case DELTA -> responsesDelta = v == '"' ? string() : null;
        case MODEL -> model = v == '"' ? stringSpan() : model;
        case RESPONSE -> model = v == '{' ? nestedModel() : model;
        case USAGE -> usageStart = at;
        default -> { }
      }
      if (i == valueAt) {
        value(); // a member none of the cases read
      }
    }
    int close = i - 1;
    whitespace();
    if (i != end) {
      throw NOT_HERE;
    }
    if (responsesDelta != null && type.endsWith(".delta")) {
      text.append(responsesDelta);
    }
    return new EventText.Scan(text.toString(), emptyChoices, true, model,
        EventText.usageSpan(b, from, usageStart, usageCutEnd, close));
  }

  /** The choices array (on its '['): appends the text; true if it is empty. */
  private boolean choices() {
    if (!open(']')) {
      return true;
    }
    do {
      if (peek() == '{') {
        choice();
      } else {
        value();
      }
    } while (nextMember(']'));
    return false;
  }

  /** One choice object (on its '{'): its {@code text}, or its {@code delta}'s content. */
  private void choice() {
    for (boolean more = open('}'); more; more = nextMember('}')) {
      int field = name();
      byte v = peek();
      if (field == TEXT && v == '"') {
        string(text);
      } else if (field == DELTA && v == '{') {
        delta();
      } else {
        value();
      }
    }
  }

  /** A chat delta object (on its '{'): its content and reasoning content. */
  private void delta() {
    for (boolean more = open('}'); more; more = nextMember('}')) {
      int field = name();
      if ((field == CONTENT || field == REASONING_CONTENT) && peek() == '"') {
        string(text);
      } else {
        value();
      }
    }
  }

  /** A Responses event's {@code response} object (on its '{'): its {@code model} string's span. */
  private EventText.Span nestedModel() {
    EventText.Span model = EventText.Span.NONE;
    for (boolean more = open('}'); more; more = nextMember('}')) {
      if (name() != MODEL) {
        value();
      } else if (peek() == '"') {
        model = stringSpan();
      } else {
        throw NOT_HERE; // Jackson's path reads on into such a value; leave it to it
      }
    }
    return model;
  }

  /**
   * Steps into an object or array (on its first byte): false if it is empty (then past its
   * {@code close}), true if a member or element follows (whitespace skipped).
   */
  private boolean open(char close) {
    i++;
    if (++depth > MAX_DEPTH) {
      throw NOT_HERE;
    }
    whitespace();
    if (peek() == close) {
      i++;
      depth--;
      return false;
    }
    return true;
  }

  /** After a member or element: true if another follows (past the comma), false at {@code close}. */
  private boolean nextMember(char close) {
    whitespace();
    byte c = next();
    if (c == ',') {
      whitespace();
      return true;
    }
    if (c != close) {
      throw NOT_HERE;
    }
    depth--;
    return false;
  }

  /**
   * A member's name (one of the constants below, or {@link #OTHER}) and the colon after it; the
   * position is then at the value's first byte.
   */
  private int name() {
    expect('"');
    int start = i;
    while (true) {
      byte c = next();
      if (c == '"') {
        break;
      }
      if (c == '\\' || c < 0x20) { // a negative byte is above 127
        throw NOT_HERE;
      }
    }
    int field = known(start, i - 1);
    whitespace();
    expect(':');
    whitespace();
    return field;
  }

  private static final int OTHER = 0;
  private static final int CHOICES = 1;
  private static final int TYPE = 2;
  private static final int DELTA = 3;
  private static final int MODEL = 4;
  private static final int RESPONSE = 5;
  private static final int USAGE = 6;
  private static final int TEXT = 7;
  private static final int CONTENT = 8;
  private static final int REASONING_CONTENT = 9;
  private static final byte[][] NAMES = {
      {}, ascii("choices"), ascii("type"), ascii("delta"), ascii("model"), ascii("response"),
      ascii("usage"), ascii("text"), ascii("content"), ascii("reasoning_content")};

  private int known(int from, int to) {
    for (int k = 1; k < NAMES.length; k++) {
      if (java.util.Arrays.equals(b, from, to, NAMES[k], 0, NAMES[k].length)) {
        return k;
      }
    }
    return OTHER;
  }

  private static byte[] ascii(String name) {
    return name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Any value, skipped (validated as strictly as read). */
  private void value() {
    switch (peek()) {
      case '"' -> skipString();
      case '{' -> {
        for (boolean more = open('}'); more; more = nextMember('}')) {
          name();
          value();
        }
      }
      case '[' -> {
        for (boolean more = open(']'); more; more = nextMember(']')) {
          value();
        }
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
    // what may follow ("truex", "01") is checked where every value ends: whitespace, then , ] or }
  }

  /** A string (on its quote), decoded. */
  private String string() {
    StringBuilder out = new StringBuilder();
    string(out);
    return out.toString();
  }

  /** A string (on its quote), decoded onto {@code out}. */
  private void string(StringBuilder out) {
    int run = ++i;
    while (true) {
      byte c = next();
      if (c == '"') {
        appendAscii(out, run, i - 1);
        return;
      }
      if (c < 0x20) { // a control character, or a byte above 127
        throw NOT_HERE;
      }
      if (c == '\\') {
        appendAscii(out, run, i - 1);
        out.append(escape());
        run = i;
      }
    }
  }

  private void appendAscii(StringBuilder out, int from, int to) {
    for (int k = from; k < to; k++) {
      out.append((char) b[k]);
    }
  }

  /** A string (on its quote), checked, not kept. */
  private void skipString() {
    i++;
    while (true) {
      byte c = next();
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw NOT_HERE;
      }
      if (c == '\\') {
        escape();
      }
    }
  }

  private char escape() {
    byte c = next();
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> (char) (hex() << 12 | hex() << 8 | hex() << 4 | hex());
      default -> throw NOT_HERE;
    };
  }

  private int hex() {
    byte c = next();
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw NOT_HERE;
  }

  /** The string value here, quotes included (checked as a string). */
  private EventText.Span stringSpan() {
    int start = i;
    skipString();
    return new EventText.Span(start, i);
  }

  private void literal(String word) {
    for (int k = 0; k < word.length(); k++) {
      if (next() != word.charAt(k)) {
        throw NOT_HERE;
      }
    }
  }

  /** JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private void number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else {
      digits();
    }
    if (i < end && b[i] == '.') {
      i++;
      digits();
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    if (i - start > MAX_NUMBER_CHARS) {
      throw NOT_HERE;
    }
  }

  /** One or more digits. */
  private void digits() {
    byte c = peek();
    if (c < '0' || c > '9') {
      throw NOT_HERE;
    }
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
  }

  private void whitespace() {
    while (i < end && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
      i++;
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw NOT_HERE;
    }
  }

  private byte peek() {
    if (i >= end) {
      throw NOT_HERE;
    }
    return b[i];
  }

  private byte next() {
    if (i >= end) {
      throw NOT_HERE;
    }
    return b[i++];
  }
}
