package dev.tollgate.wire.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Arrays;

/**
 * The two changes Tollgate makes to an upstream answer's JSON, as byte splices at the spans
 * {@link EventText} found, never a re-serialization: the {@code model} becomes the name the client
 * asked for (an alias is not replaced by the upstream name behind it), and, when the client did
 * not ask for usage in a stream, the {@code usage} member Tollgate's own {@code include_usage}
 * made the upstream add is removed, so the client gets what the upstream would have sent it.
 * Everything else stays byte for byte.
 */
public final class AnswerEdit {

  private final byte[] modelJson;
  private final boolean dropUsage;

  /**
   * @param clientModel the {@code model} of the client's request
   * @param dropUsage whether a top-level {@code usage} member is removed
   */
  public AnswerEdit(String clientModel, boolean dropUsage) {
    byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(clientModel);
    this.modelJson = new byte[quoted.length + 2];
    modelJson[0] = '"';
    System.arraycopy(quoted, 0, modelJson, 1, quoted.length);
    modelJson[modelJson.length - 1] = '"';
    this.dropUsage = dropUsage;
  }

  /** The edited bytes of {@code b[from, to)}, or null when nothing changes (relay it as it is). */
  public byte[] edit(byte[] b, int from, int to, EventText.Scan scan) {
    EventText.Span model = scan.model();
    boolean renames = model.present()
        && !Arrays.equals(b, model.start(), model.end(), modelJson, 0, modelJson.length);
    EventText.Span usage = dropUsage ? scan.usageMember() : EventText.Span.NONE;
    if (!renames && !usage.present()) {
      return null;
    }
    EventText.Span first = renames ? model : usage;
    EventText.Span second = renames ? usage : EventText.Span.NONE;
    if (second.present() && second.start() < first.start()) {
      EventText.Span swap = first;
      first = second;
      second = swap;
    }
    byte[] out = new byte[to - from + modelJson.length];
    int n = copy(b, from, first.start(), out, 0);
    n = splice(first, model, renames, out, n);
    int resume = first.end();
    if (second.present()) {
      n = copy(b, resume, second.start(), out, n);
      n = splice(second, model, renames, out, n);
      resume = second.end();
    }
    n = copy(b, resume, to, out, n);
    return Arrays.copyOf(out, n);
  }

  private int splice(EventText.Span span, EventText.Span model, boolean renames, byte[] out, int n) {
    if (renames && span.equals(model)) {
      System.arraycopy(modelJson, 0, out, n, modelJson.length);
      return n + modelJson.length;
    }
    return n; // the usage member: removed
  }

  private static int copy(byte[] b, int from, int to, byte[] out, int n) {
    System.arraycopy(b, from, out, n, to - from);
    return n + to - from;
  }
}
