package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

/**
 * Every one of the 2^32 float32 inputs through each of the SIMD backend's transcendental kernels
 * (sin, cos, tan, exp, log, tanh, sigmoid, erf) and float-lane {@code pow(x, -0.5)}, against the correctly rounded result (the double result
 * of StrictMath, within 1 double ulp, rounded once; sigmoid as {@code 1 / (1 + exp(-x))} in double; erf
 * as the scalar backend's float64 erf, within 1.05 double ulps).
 * Runs only with {@code mvn -Pexhaustive} (tag {@code exhaustive}), one function per test (select
 * some with {@code -Dtest='Float32ExhaustiveTest#*[3]'} and the like); writes each summary to
 * {@code target/exhaustive-<op>.txt}.
 *
 * <p>The inputs go through the Backend SPI in chunks of 2^22, which the backend splits across its
 * threads; the reference and the comparison run on one thread per core.
 */
@Tag("exhaustive")
class Float32ExhaustiveTest {
    private static final int CHUNK = 1 << 22;

    /** Worst case of one function over some inputs. */
    private static final class Worst {
        double maxError;
        int worstBits;
        long notCorrectlyRounded;
        long beyondOneUlp;
        int firstBeyondBits;

        void merge(Worst o) {
            if (o.maxError > maxError) {
                maxError = o.maxError;
                worstBits = o.worstBits;
            }
            if (o.beyondOneUlp > 0 && beyondOneUlp == 0) {
                firstBeyondBits = o.firstBeyondBits;
            }
            notCorrectlyRounded += o.notCorrectlyRounded;
            beyondOneUlp += o.beyondOneUlp;
        }

        String describe(String name) {
            float x = Float.intBitsToFloat(worstBits);
            return String.format(Locale.ROOT, "%s: max error %.4f ulp at x = %s (0x%08x); %d of 2^32 results not correctly rounded;"
                    + " %d more than 1 ulp away", name, maxError, Float.toString(x), worstBits, notCorrectlyRounded, beyondOneUlp);
        }
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"SIN", "COS", "TAN", "EXP", "LOG", "TANH", "SIGMOID", "ERF"})
    void everyFloat32InputIsWithinOneUlpOfTheCorrectlyRoundedResult(UnaryOp op) throws Exception {
        Backend simd = Backends.get("simd");
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Worst worst = new Worst();
        float[] x = new float[CHUNK];
        float[] y = new float[CHUNK];
        Layout layout = Layout.contiguous(CHUNK);
        long start = System.nanoTime();
        try {
            for (long base = 0; base < 1L << 32; base += CHUNK) {
                for (int i = 0; i < CHUNK; i++) {
                    x[i] = Float.intBitsToFloat((int) (base + i));
                }
                simd.unary(op, DType.FLOAT32, x, layout, y, layout);
                List<Future<Worst>> parts = new ArrayList<>();
                for (int p = 0; p < threads; p++) {
                    int from = (int) ((long) CHUNK * p / threads);
                    int to = (int) ((long) CHUNK * (p + 1) / threads);
                    parts.add(pool.submit(() -> check(op, x, y, from, to)));
                }
                for (Future<Worst> f : parts) {
                    worst.merge(get(f));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String name = op.name().toLowerCase(Locale.ROOT);
        String report = worst.describe(name) + "\n"
                + String.format(Locale.ROOT, "%.0f s on %d threads (%s)%n", seconds, threads, System.getProperty("java.vm.version"));
        System.out.print(report);
        write(name, report);
        assertEquals(0, worst.beyondOneUlp, () -> name + " more than 1 ulp from the correctly rounded result, first at 0x"
                + Integer.toHexString(worst.firstBeyondBits) + "\n" + report);
    }

    /**
     * {@code pow(x, -0.5)} (the gradient of {@code x.pow(0.5)}) of every float32 input: the SIMD
     * backend's float lanes give the scalar backend's bits ({@code (float) (1 / sqrt((double) x))},
     * rounded once from within 2^-52), and none is more than 1 ulp from the correctly rounded value.
     */
    @Test
    void powMinusHalfOfEveryFloat32InputHasTheScalarBackendsBits() throws Exception {
        Backend simd = Backends.get("simd");
        Backend scalar = Backends.get("scalar");
        float[] x = new float[CHUNK];
        float[] y = new float[CHUNK];
        float[] want = new float[CHUNK];
        float[] e = {-0.5f};
        Layout layout = Layout.contiguous(CHUNK);
        Layout exponent = Layout.repeated(0, layout);
        long differ = 0;
        int firstDiffering = 0;
        Worst worst = new Worst();
        long start = System.nanoTime();
        for (long base = 0; base < 1L << 32; base += CHUNK) {
            for (int i = 0; i < CHUNK; i++) {
                x[i] = Float.intBitsToFloat((int) (base + i));
            }
            simd.binary(BinaryOp.POW, DType.FLOAT32, x, layout, e, exponent, y, layout);
            scalar.binary(BinaryOp.POW, DType.FLOAT32, x, layout, e, exponent, want, layout);
            for (int i = 0; i < CHUNK; i++) {
                if (Float.floatToIntBits(y[i]) != Float.floatToIntBits(want[i]) && differ++ == 0) {
                    firstDiffering = Float.floatToRawIntBits(x[i]);
                }
            }
            worst.merge(check(v -> v == Double.NEGATIVE_INFINITY ? 0 : 1 / (Math.sqrt(v) + 0.0), x, y, 0, CHUNK));   // C's pow at -0 and -inf
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = worst.describe("pow(x, -0.5)") + "; " + differ + " differ from the scalar backend\n"
                + String.format(Locale.ROOT, "%.0f s (%s)%n", seconds, System.getProperty("java.vm.version"));
        System.out.print(report);
        write("pow-0.5", report);
        int first = firstDiffering;
        assertEquals(0, differ, () -> "pow(x, -0.5) differs from the scalar backend, first at 0x" + Integer.toHexString(first));
        assertEquals(0, worst.beyondOneUlp, report);
    }

    private static double reference(UnaryOp op, double x) {
        return switch (op) {
            case SIN -> StrictMath.sin(x);
            case COS -> StrictMath.cos(x);
            case TAN -> StrictMath.tan(x);
            case EXP -> StrictMath.exp(x);
            case LOG -> StrictMath.log(x);
            case TANH -> StrictMath.tanh(x);
            case SIGMOID -> 1 / (1 + StrictMath.exp(-x));
            case ERF -> org.vectorgrad.backend.scalar.Erf.erf(x);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    /** Errors of y = f(x) on [from, to), in ulps of the float result (fractional, against the double reference). */
    private static Worst check(UnaryOp op, float[] x, float[] y, int from, int to) {
        return check(v -> reference(op, v), x, y, from, to);
    }

    private static Worst check(DoubleUnaryOperator reference, float[] x, float[] y, int from, int to) {
        Worst w = new Worst();
        for (int i = from; i < to; i++) {
            double exact = reference.applyAsDouble(x[i]);
            float rounded = (float) exact;
            float got = y[i];
            if (Float.floatToIntBits(got) == Float.floatToIntBits(rounded)) {
                double err = Float.isNaN(rounded) || Float.isInfinite(rounded) ? 0 : Math.abs(got - exact) / ulp(exact);
                if (err > w.maxError) {
                    w.maxError = err;
                    w.worstBits = Float.floatToRawIntBits(x[i]);
                }
                continue;
            }
            w.notCorrectlyRounded++;
            double err = Float.isNaN(got) || Double.isNaN(exact) ? Double.POSITIVE_INFINITY : Math.abs(got - exact) / ulp(exact);
            if (err > w.maxError) {
                w.maxError = err;
                w.worstBits = Float.floatToRawIntBits(x[i]);
            }
            if (Ulps.between(DType.FLOAT32, rounded, got) > 1) {
                if (w.beyondOneUlp++ == 0) {
                    w.firstBeyondBits = Float.floatToRawIntBits(x[i]);
                }
            }
        }
        return w;
    }

    /** The float32 ulp at a real value: 2^(e - 23) in the binade [2^e, 2^(e+1)), 2^-149 among subnormals. */
    private static double ulp(double v) {
        return Math.scalb(1.0, Math.max(Math.getExponent(v), Float.MIN_EXPONENT) - 23);
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void write(String name, String report) throws IOException {
        Path out = Path.of("target", "exhaustive-" + name + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
