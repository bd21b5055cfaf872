package org.vectorgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
 * The SIMD backend's transcendental kernels (pure IEEE arithmetic, the same bits under every JIT
 * tier) against the scalar backend and against {@code lanewise}: the Vector API's own
 * {@code lanewise(EXP/LOG/...)} loop the SIMD backend used before (SVML once C2 compiles it, but
 * other last bits before). One kernel thread, so the three compare per core. pow takes a general
 * exponent tensor. Time per call on {@code n} elements.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main TranscendentalBenchmark -f 1 -wi 5 -i 10 -r 0.5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
@State(Scope.Thread)
public class TranscendentalBenchmark {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    /** Floats in one double vector's worth of lanes. */
    private static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));

    @Param({"exp", "log", "tanh", "sigmoid", "sin", "cos", "tan", "pow"})
    public String op;

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"scalar", "simd", "lanewise"})
    public String impl;

    @Param({"65536"})
    public int n;

    private Object x;
    private Object b;
    private Object out;
    private Runnable kernel;

    @Setup
    public void setup() {
        DType t = DType.parse(dtype);
        SplittableRandom r = new SplittableRandom(42);
        double[] xd = new double[n];
        double[] bd = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = switch (op) {
                case "log", "pow" -> r.nextDouble(1e-3, 10);
                case "tanh" -> r.nextDouble(-5, 5);
                default -> r.nextDouble(-10, 10);
            };
            bd[i] = r.nextDouble(-3, 3);
        }
        boolean f32 = t == DType.FLOAT32;
        x = f32 ? toFloats(xd) : xd;
        b = f32 ? toFloats(bd) : bd;
        out = f32 ? new float[n] : new double[n];
        if (impl.equals("lanewise")) {
            kernel = f32 ? lanewise(op, (float[]) x, (float[]) b, (float[]) out) : lanewise(op, (double[]) x, (double[]) b, (double[]) out);
            return;
        }
        Backend be = Backends.get(impl);
        Layout flat = Layout.contiguous(n);
        if (op.equals("pow")) {
            kernel = () -> be.binary(BinaryOp.POW, t, x, flat, b, flat, out, flat);
        } else {
            UnaryOp f = UnaryOp.valueOf(op.toUpperCase(java.util.Locale.ROOT));
            kernel = () -> be.unary(f, t, x, flat, out, flat);
        }
    }

    @Benchmark
    public Object run() {
        kernel.run();
        return out;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The former SIMD kernels (n a multiple of the lane count): float lanes, or double lanes rounded
     * once for tan, sigmoid, pow. Each loop names its operator as a constant: C2 intrinsifies
     * {@code lanewise} (SVML) only for a constant operator.
     */
    private static Runnable lanewise(String op, float[] x, float[] b, float[] y) {
        int n = x.length;
        int fl = FS.length();
        int dl = DS.length();
        return switch (op) {
            case "exp" -> () -> { for (int i = 0; i < n; i += fl) FloatVector.fromArray(FS, x, i).lanewise(VectorOperators.EXP).intoArray(y, i); };
            case "log" -> () -> { for (int i = 0; i < n; i += fl) FloatVector.fromArray(FS, x, i).lanewise(VectorOperators.LOG).intoArray(y, i); };
            case "tanh" -> () -> { for (int i = 0; i < n; i += fl) FloatVector.fromArray(FS, x, i).lanewise(VectorOperators.TANH).intoArray(y, i); };
            case "sin" -> () -> { for (int i = 0; i < n; i += fl) FloatVector.fromArray(FS, x, i).lanewise(VectorOperators.SIN).intoArray(y, i); };
            case "cos" -> () -> { for (int i = 0; i < n; i += fl) FloatVector.fromArray(FS, x, i).lanewise(VectorOperators.COS).intoArray(y, i); };
            case "tan" -> () -> { for (int i = 0; i < n; i += dl) narrow(widen(x, i).lanewise(VectorOperators.TAN), y, i); };
            case "sigmoid" -> () -> { for (int i = 0; i < n; i += dl) narrow(sigmoidLanes(widen(x, i)), y, i); };
            case "pow" -> () -> { for (int i = 0; i < n; i += dl) narrow(powLanes(widen(x, i), widen(b, i)), y, i); };
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static Runnable lanewise(String op, double[] x, double[] b, double[] y) {
        int n = x.length;
        int dl = DS.length();
        return switch (op) {
            case "exp" -> () -> { for (int i = 0; i < n; i += dl) DoubleVector.fromArray(DS, x, i).lanewise(VectorOperators.EXP).intoArray(y, i); };
            case "log" -> () -> { for (int i = 0; i < n; i += dl) DoubleVector.fromArray(DS, x, i).lanewise(VectorOperators.LOG).intoArray(y, i); };
            case "tanh" -> () -> { for (int i = 0; i < n; i += dl) DoubleVector.fromArray(DS, x, i).lanewise(VectorOperators.TANH).intoArray(y, i); };
            case "sin" -> () -> { for (int i = 0; i < n; i += dl) DoubleVector.fromArray(DS, x, i).lanewise(VectorOperators.SIN).intoArray(y, i); };
            case "cos" -> () -> { for (int i = 0; i < n; i += dl) DoubleVector.fromArray(DS, x, i).lanewise(VectorOperators.COS).intoArray(y, i); };
            case "tan" -> () -> { for (int i = 0; i < n; i += dl) DoubleVector.fromArray(DS, x, i).lanewise(VectorOperators.TAN).intoArray(y, i); };
            case "sigmoid" -> () -> { for (int i = 0; i < n; i += dl) sigmoidLanes(DoubleVector.fromArray(DS, x, i)).intoArray(y, i); };
            // the SIMD backend's float64 pow was Math.pow per element (the Vector API's POW has no x86 intrinsic)
            case "pow" -> () -> { for (int i = 0; i < n; i++) y[i] = Math.pow(x[i], b[i]); };
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static void narrow(DoubleVector v, float[] y, int off) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, FH, 0)).intoArray(y, off);
    }

    private static DoubleVector widen(float[] a, int off) {
        return (DoubleVector) FloatVector.fromArray(FH, a, off).convertShape(VectorOperators.F2D, DS, 0);
    }

    /** The former compensated sigmoid on the Vector API's EXP. */
    private static DoubleVector sigmoidLanes(DoubleVector v) {
        DoubleVector one = DoubleVector.broadcast(DS, 1.0);
        DoubleVector e = v.neg().lanewise(VectorOperators.EXP);
        DoubleVector d = one.add(e);
        DoubleVector eRounded = d.sub(one);
        DoubleVector dLow = one.sub(d.sub(eRounded)).add(e.sub(eRounded));
        DoubleVector y = one.div(d);
        DoubleVector residual = y.neg().fma(d, one).sub(y.mul(dLow));
        return y.fma(residual, y).blend(y, d.test(VectorOperators.IS_INFINITE));
    }

    /** The former float32 pow's main path, exp(b log|a|), without its sign and special-case blends. */
    private static DoubleVector powLanes(DoubleVector a, DoubleVector b) {
        return a.abs().lanewise(VectorOperators.LOG).mul(b).lanewise(VectorOperators.EXP);
    }
}
