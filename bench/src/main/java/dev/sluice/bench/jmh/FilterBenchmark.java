package dev.sluice.bench.jmh;

import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.FilterSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine throughput on in-memory data, single-threaded. One "operation" is one byte of input, so the score in
 * ops/us is MB/s (10^6 bytes per second). The output goes through a sink that really copies the bytes.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar FilterBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FilterBenchmark {
    /** 64 MiB: far larger than the caches, like a real file streamed from disk or S3. */
    static final int DATA_BYTES = 64 << 20;

    @Param({"1", "*"})
    public String columns;

    private byte[] data;
    private CsvFilter filter;
    private final CopySink sink = new CopySink();

    @Setup
    public void setUp() {
        data = BenchData.generate(DATA_BYTES, 42);
        filter = CsvFilter.of(FilterRule.defaults().withColumns(ColumnSelection.parse(columns)));
    }

    @Benchmark
    @OperationsPerInvocation(DATA_BYTES)
    public FilterSummary filter() throws IOException {
        return filter.filter(new ByteArrayInputStream(data), sink);
    }

    /** Copies what it is given into a fixed buffer, like writing to the page cache, and keeps nothing. */
    static final class CopySink extends OutputStream {
        private final byte[] buffer = new byte[1 << 20];
        private int pos;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (pos == buffer.length) {
                    pos = 0;
                }
                int n = Math.min(len, buffer.length - pos);
                System.arraycopy(b, off, buffer, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }
    }
}
