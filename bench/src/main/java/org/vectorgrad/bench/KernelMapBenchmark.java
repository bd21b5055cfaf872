package org.vectorgrad.bench;

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
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

/**
 * Elementwise kernels through the {@code Backend} SPI: {@code out = a + b}, {@code a * b},
 * {@code sin(a)}, {@code cos(a)} over {@code n} elements, where {@code a} has the given layout and
 * {@code b} and {@code out} are contiguous. {@code impl} is a backend name or {@code loop}, the plain
 * Java loop of {@link PlainLoops}. Time per call; the report turns it into ns/element and GB/s.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main KernelMapBenchmark -p op=sin -p n=65536
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelMapBenchmark {
    @Param({"add", "mul", "sin", "cos"})
    public String op;

    @Param({"float32", "float64"})
    public String dtype;

    /** Elements: float32 add needs 12 B each, so 1K sits in L1, 16K in L2, 256K in L3, 8M in DRAM. */
    @Param({"1024", "16384", "65536", "262144", "4194304", "8388608"})
    public int n;

    @Param({"contiguous", "transposed", "sliced"})
    public String layout;

    @Param({"loop", "scalar", "simd"})
    public String impl;

    private Object out;
    private Runnable kernel;

    @Setup
    public void setup() {
        DType t = DType.parse(dtype);
        Operand a = Operand.matrix(t, layout, n, 1);
        Operand b = Operand.matrix(t, Operand.CONTIGUOUS, n, 2);
        out = Operand.zeros(t, n);
        Layout lo = Layout.contiguous(a.layout().shape());
        boolean binary = isBinary(op);
        if (impl.equals("loop")) {
            kernel = binary ? loop(op, a, b, out) : loop(op, a, out);
        } else {
            Backend be = Backends.get(impl);
            if (binary) {
                BinaryOp f = BinaryOp.valueOf(op.toUpperCase(java.util.Locale.ROOT));
                kernel = () -> be.binary(f, t, a.buffer(), a.layout(), b.buffer(), b.layout(), out, lo);
            } else {
                UnaryOp f = UnaryOp.valueOf(op.toUpperCase(java.util.Locale.ROOT));
                kernel = () -> be.unary(f, t, a.buffer(), a.layout(), out, lo);
            }
        }
    }

    @Benchmark
    public Object run() {
        kernel.run();
        return out;
    }

    /** True for the two-operand ops ({@code add}, {@code mul}); the report counts their bytes from it. */
    public static boolean isBinary(String op) {
        return switch (op) {
            case "add", "mul" -> true;
            case "sin", "cos" -> false;
            default -> throw new IllegalArgumentException("unknown elementwise op '" + op + "'; known: add, mul, sin, cos");
        };
    }

    private static Runnable loop(String op, Operand a, Operand b, Object out) {
        if (out instanceof float[] o) {
            float[] x = (float[]) a.buffer();
            float[] y = (float[]) b.buffer();
            PlainLoops.FloatBinary f = op.equals("add") ? (p, q) -> p + q : (p, q) -> p * q;
            return () -> PlainLoops.map(x, a.layout(), y, b.layout(), o, f);
        }
        double[] x = (double[]) a.buffer();
        double[] y = (double[]) b.buffer();
        double[] o = (double[]) out;
        java.util.function.DoubleBinaryOperator f = op.equals("add") ? (p, q) -> p + q : (p, q) -> p * q;
        return () -> PlainLoops.map(x, a.layout(), y, b.layout(), o, f);
    }

    private static Runnable loop(String op, Operand a, Object out) {
        boolean sin = op.equals("sin");
        if (out instanceof float[] o) {
            float[] x = (float[]) a.buffer();
            PlainLoops.FloatUnary f = sin ? p -> (float) Math.sin(p) : p -> (float) Math.cos(p);
            return () -> PlainLoops.map(x, a.layout(), o, f);
        }
        double[] x = (double[]) a.buffer();
        double[] o = (double[]) out;
        java.util.function.DoubleUnaryOperator f = sin ? Math::sin : Math::cos;
        return () -> PlainLoops.map(x, a.layout(), o, f);
    }
}
