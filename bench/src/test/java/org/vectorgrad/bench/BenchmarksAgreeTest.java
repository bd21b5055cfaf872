package org.vectorgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every implementation a benchmark compares computes the same result, so the suite measures the
 * same work under each name: each impl's output is checked against the plain loop, and the plain
 * loop against a naive computation written here.
 */
class BenchmarksAgreeTest {
    private static final List<String> IMPLS = List.of("loop", "scalar", "simd");

    @ParameterizedTest
    @CsvSource({
        "add, float32, contiguous", "add, float64, transposed", "mul, float32, sliced",
        "sin, float32, transposed", "cos, float64, sliced", "sin, float64, contiguous"})
    void elementwise(String op, String dtype, String layout) {
        double[] expected = null;
        for (String impl : IMPLS) {
            KernelMapBenchmark b = new KernelMapBenchmark();
            b.op = op;
            b.dtype = dtype;
            b.n = 600;   // 24 x 25
            b.layout = layout;
            b.impl = impl;
            b.setup();
            double[] got = doubles(b.run());
            if (expected == null) {
                expected = naiveElementwise(op, dtype, layout, 600);
            }
            assertArrayClose(expected, got, 1e-6, impl);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "sum, float32, contiguous", "mean, float64, transposed", "max, float32, sliced", "sum, float64, sliced"})
    void reductions(String op, String dtype, String layout) {
        Operand a = Operand.matrix(org.vectorgrad.DType.parse(dtype), layout, 2000, 1);
        double[] x = values(a);
        double expected = switch (op) {
            case "max" -> java.util.Arrays.stream(x).max().orElseThrow();
            case "mean" -> java.util.Arrays.stream(x).sum() / x.length;
            default -> java.util.Arrays.stream(x).sum();
        };
        for (String impl : IMPLS) {
            KernelReduceBenchmark b = new KernelReduceBenchmark();
            b.op = op;
            b.dtype = dtype;
            b.n = 2000;
            b.layout = layout;
            b.impl = impl;
            b.setup();
            assertEquals(expected, doubles(b.run())[0], 1e-3, impl);
        }
    }

    @ParameterizedTest
    @CsvSource({"float32, contiguous", "float64, sliced"})
    void dot(String dtype, String layout) {
        org.vectorgrad.DType t = org.vectorgrad.DType.parse(dtype);
        double[] x = values(Operand.vector(t, layout, 1000, 1));
        double[] y = values(Operand.vector(t, layout, 1000, 2));
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            expected += x[i] * y[i];
        }
        for (String impl : IMPLS) {
            KernelDotBenchmark b = new KernelDotBenchmark();
            b.dtype = dtype;
            b.n = 1000;
            b.layout = layout;
            b.impl = impl;
            b.setup();
            assertEquals(expected, doubles(b.run())[0], 1e-3, impl);
        }
    }

    @ParameterizedTest
    @CsvSource({"7x5x3, float32, contiguous", "7x5x3, float64, transposed", "1x9x4, float32, transposed"})
    void matmul(String shape, String dtype, String layout) {
        int[] mkn = KernelMatmulBenchmark.parseShape(shape);
        org.vectorgrad.DType t = org.vectorgrad.DType.parse(dtype);
        double[] a = values(Operand.matrix(t, Operand.CONTIGUOUS, mkn[0], mkn[1], 1));
        Operand bOp = Operand.matrix(t, layout, mkn[1], mkn[2], 2);
        double[] bv = values(bOp);
        double[] expected = new double[mkn[0] * mkn[2]];
        for (int i = 0; i < mkn[0]; i++) {
            for (int j = 0; j < mkn[2]; j++) {
                for (int p = 0; p < mkn[1]; p++) {
                    expected[i * mkn[2] + j] += a[i * mkn[1] + p] * bv[p * mkn[2] + j];
                }
            }
        }
        for (String impl : List.of("loop", "scalar", "simd", "ejml")) {
            KernelMatmulBenchmark b = new KernelMatmulBenchmark();
            b.shape = shape;
            b.dtype = dtype;
            b.layout = layout;
            b.impl = impl;
            b.setup();
            assertArrayClose(expected, doubles(b.run()), 1e-5, impl);
        }
    }

    @ParameterizedTest
    @CsvSource({"float32, loop", "float64, arraycopy"})
    void streamCopy(String dtype, String impl) {
        StreamCopyBenchmark b = new StreamCopyBenchmark();
        b.dtype = dtype;
        b.n = 100;
        b.impl = impl;
        b.setup();
        assertArrayClose(doubles(Operand.random(org.vectorgrad.DType.parse(dtype), 100, 1)), doubles(b.run()), 0, impl);
    }

    @ParameterizedTest
    @CsvSource({"2048, 32, 64", "600, 24, 25", "7, 1, 7", "1, 1, 1"})
    void matrixShapeIsNearSquare(int n, int rows, int cols) {
        assertEquals(List.of(rows, cols), java.util.Arrays.stream(Operand.matrixShape(n)).boxed().toList());
    }

    private static double[] naiveElementwise(String op, String dtype, String layout, int n) {
        org.vectorgrad.DType t = org.vectorgrad.DType.parse(dtype);
        double[] a = values(Operand.matrix(t, layout, n, 1));
        double[] b = values(Operand.matrix(t, Operand.CONTIGUOUS, n, 2));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (op) {
                case "add" -> a[i] + b[i];
                case "mul" -> a[i] * b[i];
                case "sin" -> Math.sin(a[i]);
                default -> Math.cos(a[i]);
            };
        }
        return out;
    }

    /** The operand's elements in row-major order of its layout, as doubles. */
    private static double[] values(Operand o) {
        double[] buf = doubles(o.buffer());
        double[] out = new double[o.layout().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf[o.layout().indexOfFlat(i)];
        }
        return out;
    }

    private static double[] doubles(Object buffer) {
        if (buffer instanceof double[] d) {
            return d;
        }
        float[] f = (float[]) buffer;
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tol, String impl) {
        assertEquals(expected.length, actual.length, impl + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, impl + ": element " + i);
        }
    }
}
