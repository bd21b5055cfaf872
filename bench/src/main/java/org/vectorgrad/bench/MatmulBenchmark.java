package org.vectorgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
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
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.scalar.ScalarBackend;
import org.vectorgrad.backend.simd.SimdLinalg;

/**
 * Square {@code n x n} matrix products: the SIMD backend's GEMM on one and two threads against the
 * scalar backend, a plain Vector API i-k-j loop and EJML. Time per product; GFLOP/s is
 * {@code 2 n^3 / time}.
 *
 * <pre>
 * java -cp ... org.openjdk.jmh.Main MatmulBenchmark -p n=256,512,1024
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatmulBenchmark {

    /** Square float32 operands, in the backends' form and in EJML's. */
    @State(Scope.Benchmark)
    public static class Square {
        @Param({"64", "128", "256", "512", "1024", "2048"})
        public int n;

        float[] a;
        float[] b;
        float[] c;
        Layout layout;
        FMatrixRMaj ea;
        FMatrixRMaj eb;
        FMatrixRMaj ec;

        @Setup
        public void setup() {
            a = randomFloats(n * n, 1);
            b = randomFloats(n * n, 2);
            c = new float[n * n];
            layout = Layout.contiguous(1, n, n);
            ea = FMatrixRMaj.wrap(n, n, a.clone());
            eb = FMatrixRMaj.wrap(n, n, b.clone());
            ec = new FMatrixRMaj(n, n);
        }
    }

    /** Square float64 operands of a fixed size. */
    @State(Scope.Benchmark)
    public static class Square64 {
        @Param({"512"})
        public int n64;

        double[] a;
        double[] b;
        double[] c;
        Layout layout;

        @Setup
        public void setup() {
            SplittableRandom rnd = new SplittableRandom(3);
            a = rnd.doubles(n64 * n64, -1, 1).toArray();
            b = rnd.doubles(n64 * n64, -1, 1).toArray();
            c = new double[n64 * n64];
            layout = Layout.contiguous(1, n64, n64);
        }
    }

    /**
     * Small square float32 operands, for the crossover between the direct (unpacked) path and the
     * packed one: run once with {@code -jvmArgsAppend -Dvectorgrad.gemm.directMax=0} (always pack)
     * and once with {@code -Dvectorgrad.gemm.directMax=1000000000} (never pack).
     */
    @State(Scope.Benchmark)
    public static class Small {
        @Param({"8", "16", "32", "48", "64", "96", "128", "192"})
        public int size;

        float[] a;
        float[] b;
        float[] c;
        Layout layout;

        @Setup
        public void setup() {
            a = randomFloats(size * size, 4);
            b = randomFloats(size * size, 5);
            c = new float[size * size];
            layout = Layout.contiguous(1, size, size);
        }
    }

    /**
     * A 256 x 256 float32 matrix times a vector ({@code mv}), optionally after {@code fma} has run
     * on 128-bit float vectors in the same JVM. The Vector API's {@code fma} makes a virtual call
     * whose type profile the whole JVM shares; with a second float species in it, C2 used to box
     * the vectors of the matrix-vector kernel (3x slower). The two values should read alike.
     */
    @State(Scope.Benchmark)
    public static class MatrixVector {
        @Param({"false", "true"})
        public boolean narrowFmaFirst;

        float[] m;
        float[] x;
        float[] y;
        final Layout mLayout = Layout.contiguous(1, 256, 256);
        final Layout xLayout = Layout.contiguous(1, 256, 1);
        final Layout yLayout = Layout.contiguous(1, 256, 1);

        @Setup
        public void setup() {
            m = randomFloats(256 * 256, 6);
            x = randomFloats(256, 7);
            y = new float[256];
            if (narrowFmaFirst) {
                float[] v = randomFloats(64, 8);
                FloatVector acc = FloatVector.zero(FloatVector.SPECIES_128);
                for (int r = 0; r < 200_000; r++) {
                    for (int i = 0; i < v.length; i += 4) {
                        acc = FloatVector.fromArray(FloatVector.SPECIES_128, v, i).fma(acc, acc).add(acc);
                    }
                }
                y[0] = acc.lane(0);
            }
        }
    }

    /** Caps the kernels at one thread ({@code -Dvectorgrad.threads}; each benchmark has its own JVM). */
    @State(Scope.Benchmark)
    public static class OneThread {
        @Setup
        public void setup() {
            System.setProperty("vectorgrad.threads", "1");
        }
    }

    /** Lets the kernels use two threads. */
    @State(Scope.Benchmark)
    public static class TwoThreads {
        @Setup
        public void setup() {
            System.setProperty("vectorgrad.threads", "2");
        }
    }

    /** The scalar reference backend. */
    @State(Scope.Benchmark)
    public static class Scalar {
        final Backend backend = new ScalarBackend();
    }

    @Benchmark
    public float[] simd1Thread(Square s, OneThread t) {
        SimdLinalg.matmul(DType.FLOAT32, s.a, s.layout, s.b, s.layout, s.c, s.layout);
        return s.c;
    }

    @Benchmark
    public float[] simd2Threads(Square s, TwoThreads t) {
        SimdLinalg.matmul(DType.FLOAT32, s.a, s.layout, s.b, s.layout, s.c, s.layout);
        return s.c;
    }

    @Benchmark
    public float[] scalarBackend(Square s, Scalar scalar) {
        scalar.backend.matmul(DType.FLOAT32, s.a, s.layout, s.b, s.layout, s.c, s.layout);
        return s.c;
    }

    @Benchmark
    public float[] vectorIkjLoop(Square s) {
        ikj(s.a, s.b, s.c, s.n);
        return s.c;
    }

    @Benchmark
    public FMatrixRMaj ejml(Square s) {
        CommonOps_FDRM.mult(s.ea, s.eb, s.ec);
        return s.ec;
    }

    @Benchmark
    public double[] simdFloat64OneThread(Square64 s, OneThread t) {
        SimdLinalg.matmul(DType.FLOAT64, s.a, s.layout, s.b, s.layout, s.c, s.layout);
        return s.c;
    }

    @Benchmark
    public double[] simdFloat64TwoThreads(Square64 s, TwoThreads t) {
        SimdLinalg.matmul(DType.FLOAT64, s.a, s.layout, s.b, s.layout, s.c, s.layout);
        return s.c;
    }

    @Benchmark
    public float[] simdSmall(Small s, OneThread t) {
        SimdLinalg.matmul(DType.FLOAT32, s.a, s.layout, s.b, s.layout, s.c, s.layout);
        return s.c;
    }

    @Benchmark
    public float[] simdMv(MatrixVector s, OneThread t) {
        SimdLinalg.matmul(DType.FLOAT32, s.m, s.mLayout, s.x, s.xLayout, s.y, s.yLayout);
        return s.y;
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** The textbook vectorized product: {@code c[i, :] += a[i, p] * b[p, :]}, no blocking. */
    static void ikj(float[] a, float[] b, float[] c, int n) {
        java.util.Arrays.fill(c, 0f);
        int upper = S.loopBound(n);
        for (int i = 0; i < n; i++) {
            int ci = i * n;
            for (int p = 0; p < n; p++) {
                FloatVector x = FloatVector.broadcast(S, a[ci + p]);
                int bp = p * n;
                int j = 0;
                for (; j < upper; j += S.length()) {
                    x.fma(FloatVector.fromArray(S, b, bp + j), FloatVector.fromArray(S, c, ci + j)).intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    c[ci + j] = Math.fma(a[ci + p], b[bp + j], c[ci + j]);
                }
            }
        }
    }

    private static float[] randomFloats(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
