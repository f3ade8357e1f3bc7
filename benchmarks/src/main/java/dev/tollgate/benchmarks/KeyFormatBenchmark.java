package dev.tollgate.benchmarks;

import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyHash;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The first step of every request: the presented key's format and checksum (no lookup), then its
 * SHA-256, the only form in which keys are stored and looked up.
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class KeyFormatBenchmark {

  private String presented;

  @Setup
  public void setUp() {
    presented = KeyFormat.mint(new SplittableRandom(7)).reveal();
  }

  @Benchmark
  public KeyFormat.Parsed parse() {
    return KeyFormat.parse(presented);
  }

  @Benchmark
  public KeyHash parseAndHash() {
    if (KeyFormat.parse(presented) instanceof KeyFormat.Wellformed w) {
      return w.secret().hash();
    }
    throw new IllegalStateException("a minted key must parse");
  }
}
