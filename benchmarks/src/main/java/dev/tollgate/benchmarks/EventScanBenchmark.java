package dev.tollgate.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import dev.tollgate.wire.openai.EventText;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The stream relay's read of one event, which it does for every event of every stream: an
 * OpenAI chat chunk as a provider sends it with {@code include_usage} (so {@code "usage":null} on
 * every chunk). {@code ascii} takes the hand-written fast path; {@code nonAscii}, the same chunk
 * with one accented letter in its text, is left by the fast path to Jackson's streaming parser.
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class EventScanBenchmark {

  private static final String CHUNK = "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\","
      + "\"object\":\"chat.completion.chunk\",\"created\":1741570283,\"model\":\"gpt-4o-mini-2024-07-18\","
      + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[{\"index\":0,"
      + "\"delta\":{\"content\":\" %s\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

  private final JsonFactory json = new JsonFactory();
  private final byte[] ascii = CHUNK.formatted("hello").getBytes(StandardCharsets.UTF_8);
  private final byte[] nonAscii = CHUNK.formatted("h\u00e9llo").getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public EventText.Scan ascii() {
    return EventText.scan(json, ascii, 0, ascii.length);
  }

  @Benchmark
  public EventText.Scan nonAscii() {
    return EventText.scan(json, nonAscii, 0, nonAscii.length);
  }
}
