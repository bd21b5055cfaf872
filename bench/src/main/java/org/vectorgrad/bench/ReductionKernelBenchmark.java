package org.vectorgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;

/**
 * float32 reductions through the Backend SPI: a full sum, sums along rows and down columns of a
 * square matrix (the latter vectorized across outputs), max, and argmax; plus a plain Java loop sum.
 * Divide the score by {@code size} for ns/element.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ReductionKernelBenchmark {
    @Param({"simd", "scalar"})
    public String backend;

    @Param({"65536"})
    public int size;

    @Param({"0"})
    public int threads;

    private Backend b;
    private float[] x;
    private float[] out;
    private long[] index;
    private Layout flat;
    private Layout square;
    private Layout columns;

    @Setup
    public void setUp() {
        if (threads > 0) {
            System.setProperty("vectorgrad.threads", Integer.toString(threads));
        }
        b = Backends.get(backend);
        SplittableRandom r = new SplittableRandom(7);
        x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        int side = (int) Math.sqrt(size);
        out = new float[side];
        index = new long[side];
        flat = Layout.contiguous(size);
        square = Layout.contiguous(side, side);
        columns = square.permute(1, 0);
    }

    @Benchmark
    public float[] sum() {
        b.reduce(ReduceOp.SUM, DType.FLOAT32, x, flat, 1, out, Layout.contiguous());
        return out;
    }

    @Benchmark
    public float[] max() {
        b.reduce(ReduceOp.MAX, DType.FLOAT32, x, flat, 1, out, Layout.contiguous());
        return out;
    }

    /** Sum over dim 1 of a square matrix: one contiguous row per output. */
    @Benchmark
    public float[] sumRows() {
        b.reduce(ReduceOp.SUM, DType.FLOAT32, x, square, 1, out, Layout.contiguous(square.shape(0)));
        return out;
    }

    /** Sum over dim 0 of a square matrix: the kept dim is the contiguous one. */
    @Benchmark
    public float[] sumColumns() {
        b.reduce(ReduceOp.SUM, DType.FLOAT32, x, columns, 1, out, Layout.contiguous(square.shape(0)));
        return out;
    }

    @Benchmark
    public long[] argmaxRows() {
        b.reduceWithIndex(ReduceOp.MAX, DType.FLOAT32, x, square, 1, out, Layout.contiguous(square.shape(0)),
                index, Layout.contiguous(square.shape(0)));
        return index;
    }

    /** Baseline: a left-to-right float loop (C2 may not reorder float additions, so no SIMD). */
    @Benchmark
    public float plainJavaSum() {
        float s = 0;
        for (float v : x) {
            s += v;
        }
        return s;
    }
}
