package io.github.schemafirst.connect.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Base of benchmarks that take one record per operation from a rotating array: counts the operations and prints
 * the {@code [cpu]} line of {@link CpuTimePerRecord} at the end of each run.
 */
public abstract class CpuTimedBenchmark {
    /** A power of two, so the rotation is a mask; large enough that the inputs do not all sit in L1. */
    static final int RECORDS = 4096;

    private final CpuTimePerRecord cpu = new CpuTimePerRecord();
    private long next;

    /** The index of this operation's record; call once per operation. */
    protected final int nextIndex() {
        return (int) (next++ & (RECORDS - 1));
    }

    /** For benchmarks whose operation handles many records: counts {@code records} more for the CPU line. */
    protected final void countRecords(long records) {
        next += records;
    }

    @Setup(Level.Iteration)
    public void iterationStarts(IterationParams iteration) {
        cpu.iterationStarts(iteration, next);
    }

    @TearDown(Level.Iteration)
    public void iterationEnds() {
        cpu.iterationEnds(next);
    }

    @TearDown
    public void report(BenchmarkParams benchmark) {
        System.out.println(cpu.summary(benchmark));
    }
}
