package dev.sluice.bench.jmh;

import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.core.csv.FilterRule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A companion to {@link FilterBenchmark} for shared machines: the same data and sink, but it reports throughput per
 * second of this thread's CPU time as well as per wall second, since on a loaded machine the wall figure mostly
 * measures how often the scheduler lets the thread run.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.sluice.bench.jmh.CpuThroughput [seconds-per-mode [columns]]}
 */
public final class CpuThroughput {
    private CpuThroughput() {}

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        byte[] data = BenchData.generate(FilterBenchmark.DATA_BYTES, 42);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // One mode per JVM gives the JIT the same profile as a JMH fork; both in one JVM measure the second mode
        // with code compiled for the first.
        String[] modes = args.length > 1 ? new String[] {args[1]} : new String[] {"1", "*"};
        for (String columns : modes) {
            CsvFilter filter = CsvFilter.of(FilterRule.defaults().withColumns(ColumnSelection.parse(columns)));
            FilterBenchmark.CopySink sink = new FilterBenchmark.CopySink();
            for (int warmup = 0; warmup < 10; warmup++) {
                filter.filter(new ByteArrayInputStream(data), sink);
            }
            long wall0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            while (System.nanoTime() - wall0 < seconds * 1e9) {
                bytes += filter.filter(new ByteArrayInputStream(data), sink).bytesIn();
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "columns=%s: %.0f MB/s per CPU second, %.0f MB/s wall (%.0f%% CPU)%n",
                    columns,
                    bytes / 1e6 / cpu,
                    bytes / 1e6 / wall,
                    100 * cpu / wall);
        }
    }
}
