package io.github.schemafirst.connect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Records per CPU-second of the benchmark thread over the measurement iterations, next to JMH's records per
 * wall-clock second. On a shared machine the thread often gets only part of a core, which lowers the wall-clock
 * score but not the CPU cost per record; the share of a core it got says how far to trust the wall-clock score.
 * GC threads are not counted (see {@code -prof gc} for their time).
 */
final class CpuTimePerRecord {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private boolean measuring;
    private long cpuAtStart;
    private long wallAtStart;
    private long recordsAtStart;
    private long cpuNanos;
    private long wallNanos;
    private long records;

    /** Call at the start of each iteration, on the benchmark thread, with the records mapped so far. */
    void iterationStarts(IterationParams iteration, long recordsSoFar) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        recordsAtStart = recordsSoFar;
        wallAtStart = System.nanoTime();
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
    }

    /** Call at the end of each iteration, on the benchmark thread, with the records mapped so far. */
    void iterationEnds(long recordsSoFar) {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        long wall = System.nanoTime() - wallAtStart;
        if (measuring) {
            cpuNanos += cpu;
            wallNanos += wall;
            records += recordsSoFar - recordsAtStart;
        }
    }

    /** One line the run script picks up: {@code [cpu] <benchmark> <params>: ...}. */
    String summary(BenchmarkParams benchmark) {
        String name = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
        StringBuilder params = new StringBuilder();
        for (String key : benchmark.getParamsKeys()) {
            params.append(' ').append(benchmark.getParam(key));
        }
        if (records == 0 || cpuNanos == 0) {
            return "[cpu] " + name + params + ": no measurement iterations";
        }
        return String.format(Locale.ROOT, "[cpu] %s%s: %.0f ns CPU/record = %.0f records per CPU-second; "
                        + "the benchmark thread had %.0f%% of a core", name, params, (double) cpuNanos / records,
                records * 1e9 / cpuNanos, 100.0 * cpuNanos / wallNanos);
    }
}
