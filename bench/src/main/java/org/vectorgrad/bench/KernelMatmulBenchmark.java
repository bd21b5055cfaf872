package org.vectorgrad.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;

/**
 * {@code c = a @ b} through the {@code Backend} SPI for square and skinny shapes
 * ({@code shape = "MxKxN"}: a is M x K, b is K x N). With {@code layout = transposed}, b is stored as
 * its transpose (N x K row-major, as {@code x @ W.T} hands it over). {@code impl} is a backend name,
 * {@code loop} (the i-k-j loop of {@link PlainLoops}) or {@code ejml} (EJML's {@code mult} /
 * {@code multTransB}). Kernels use every core unless {@code -Dvectorgrad.threads} caps them. Time per
 * product; the report turns it into GFLOP/s ({@code 2 M N K / time}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelMatmulBenchmark {
    /** Square sizes from L1 (64) to DRAM (2048), and three skinny shapes. */
    @Param({"64x64x64", "256x256x256", "1024x1024x1024", "2048x2048x2048", "4096x64x64", "64x4096x64", "1x1024x1024"})
    public String shape;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"contiguous", "transposed"})
    public String layout;

    @Param({"loop", "scalar", "simd", "ejml"})
    public String impl;

    private Object out;
    private Runnable kernel;

    @Setup
    public void setup() {
        int[] mkn = parseShape(shape);
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        DType t = DType.parse(dtype);
        boolean transposed = switch (layout) {
            case Operand.CONTIGUOUS -> false;
            case Operand.TRANSPOSED -> true;
            default -> throw new IllegalArgumentException("unknown matmul layout '" + layout
                    + "'; known: contiguous, transposed");
        };
        Operand a = Operand.matrix(t, Operand.CONTIGUOUS, m, k, 1);
        Operand b = Operand.matrix(t, layout, k, n, 2);
        out = Operand.zeros(t, m * n);
        kernel = switch (impl) {
            case "loop" -> out instanceof float[] c
                    ? () -> PlainLoops.matmul((float[]) a.buffer(), a.layout(), (float[]) b.buffer(), b.layout(), c)
                    : () -> PlainLoops.matmul((double[]) a.buffer(), a.layout(), (double[]) b.buffer(), b.layout(),
                            (double[]) out);
            case "ejml" -> ejml(a, b, transposed, m, k, n);
            default -> {
                Backend be = Backends.get(impl);
                Layout la = batchOfOne(a.layout());
                Layout lb = batchOfOne(b.layout());
                Layout lc = Layout.contiguous(1, m, n);
                yield () -> be.matmul(t, a.buffer(), la, b.buffer(), lb, out, lc);
            }
        };
    }

    @Benchmark
    public Object run() {
        kernel.run();
        return out;
    }

    /** {@code "MxKxN"} as {@code {M, K, N}}; the report computes FLOPs from it. */
    public static int[] parseShape(String shape) {
        String[] parts = shape.split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("matmul shape must be MxKxN, got '" + shape + "'");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private static Layout batchOfOne(Layout l) {
        return new Layout(l.offset(), new int[] {1, l.shape(0), l.shape(1)},
                new int[] {l.size(), l.stride(0), l.stride(1)});
    }

    /** EJML on the same buffers; a transposed b is stored N x K, which {@code multTransB} reads directly. */
    private Runnable ejml(Operand a, Operand b, boolean transposed, int m, int k, int n) {
        int br = transposed ? n : k;
        int bc = transposed ? k : n;
        if (out instanceof float[] c) {
            FMatrixRMaj ea = FMatrixRMaj.wrap(m, k, (float[]) a.buffer());
            FMatrixRMaj eb = FMatrixRMaj.wrap(br, bc, (float[]) b.buffer());
            FMatrixRMaj ec = FMatrixRMaj.wrap(m, n, c);
            return transposed ? () -> CommonOps_FDRM.multTransB(ea, eb, ec) : () -> CommonOps_FDRM.mult(ea, eb, ec);
        }
        DMatrixRMaj ea = DMatrixRMaj.wrap(m, k, (double[]) a.buffer());
        DMatrixRMaj eb = DMatrixRMaj.wrap(br, bc, (double[]) b.buffer());
        DMatrixRMaj ec = DMatrixRMaj.wrap(m, n, (double[]) out);
        return transposed ? () -> CommonOps_DDRM.multTransB(ea, eb, ec) : () -> CommonOps_DDRM.mult(ea, eb, ec);
    }
}
