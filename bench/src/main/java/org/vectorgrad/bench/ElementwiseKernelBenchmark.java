package org.vectorgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

/**
 * Elementwise float32 kernels through the Backend SPI, next to hand-written baselines: a plain Java
 * loop for add/mul, and the Vector API's own SIN (SVML on x86-64) for sin. Divide the score by
 * {@code size} for ns/element.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main ElementwiseKernelBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ElementwiseKernelBenchmark {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;

    @Param({"simd", "scalar"})
    public String backend;

    @Param({"65536", "4194304"})
    public int size;

    /** Kernel threads (-Dvectorgrad.threads): 1 versus all cores shows where splitting pays. */
    @Param({"0", "1"})
    public int threads;

    private Backend b;
    private float[] x;
    private float[] y;
    private float[] out;
    private Layout flat;
    private Layout square;
    private Layout squareT;

    @Setup
    public void setUp() {
        if (threads > 0) {
            System.setProperty("vectorgrad.threads", Integer.toString(threads));
        }
        b = Backends.get(backend);
        SplittableRandom r = new SplittableRandom(42);
        x = new float[size];
        y = new float[size];
        out = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-10, 10);
            y[i] = (float) r.nextDouble(-10, 10);
        }
        flat = Layout.contiguous(size);
        int side = (int) Math.sqrt(size);
        square = Layout.contiguous(side, side);
        squareT = square.permute(1, 0);
    }

    @Benchmark
    public float[] sin() {
        b.unary(UnaryOp.SIN, DType.FLOAT32, x, flat, out, flat);
        return out;
    }

    @Benchmark
    public float[] cos() {
        b.unary(UnaryOp.COS, DType.FLOAT32, x, flat, out, flat);
        return out;
    }

    @Benchmark
    public float[] exp() {
        b.unary(UnaryOp.EXP, DType.FLOAT32, x, flat, out, flat);
        return out;
    }

    @Benchmark
    public float[] add() {
        b.binary(BinaryOp.ADD, DType.FLOAT32, x, flat, y, flat, out, flat);
        return out;
    }

    @Benchmark
    public float[] mul() {
        b.binary(BinaryOp.MUL, DType.FLOAT32, x, flat, y, flat, out, flat);
        return out;
    }

    /** out = x + y^T on a square matrix: one operand walks with a large stride. */
    @Benchmark
    public float[] addTransposed() {
        b.binary(BinaryOp.ADD, DType.FLOAT32, x, square, y, squareT, out, square);
        return out;
    }

    @Benchmark
    public float[] mulTransposed() {
        b.binary(BinaryOp.MUL, DType.FLOAT32, x, square, y, squareT, out, square);
        return out;
    }

    /** out = contiguous copy of x^T, i.e. {@code x.t().contiguous()}. */
    @Benchmark
    public float[] copyTransposed() {
        b.copy(DType.FLOAT32, x, squareT, DType.FLOAT32, out, square);
        return out;
    }

    /** Baseline: the loop a Java programmer would write (C2 auto-vectorizes it). */
    @Benchmark
    public float[] plainJavaAdd() {
        for (int i = 0; i < size; i++) {
            out[i] = x[i] + y[i];
        }
        return out;
    }

    @Benchmark
    public float[] plainJavaAddTransposed() {
        int n = square.shape(0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = x[i * n + j] + y[j * n + i];
            }
        }
        return out;
    }

    @Benchmark
    public float[] plainJavaCopyTransposed() {
        int n = square.shape(0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = x[j * n + i];
            }
        }
        return out;
    }

    /** Baseline: the Vector API's SIN, which C2 compiles to an SVML call on x86-64. */
    @Benchmark
    public float[] svmlSin() {
        int i = 0;
        for (; i < FS.loopBound(size); i += FS.length()) {
            FloatVector.fromArray(FS, x, i).lanewise(VectorOperators.SIN).intoArray(out, i);
        }
        for (; i < size; i++) {
            out[i] = (float) Math.sin(x[i]);
        }
        return out;
    }
}
