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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

/**
 * Every one of the 2^32 float32 inputs through the SIMD backend's sin and cos, against the correctly
 * rounded result (the double result of {@link Math#sin}/{@link Math#cos}, within 1 double ulp, rounded
 * once). Runs only with {@code mvn -Pexhaustive} (tag {@code exhaustive}); writes its summary to
 * {@code target/sincos-exhaustive.txt}.
 *
 * <p>The inputs go through the Backend SPI in chunks of 2^22, which the backend splits across its
 * threads; the reference and the comparison run on one thread per core.
 */
@Tag("exhaustive")
class SinCosExhaustiveTest {
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

    @Test
    void float32SinAndCosOfEveryInputAreWithinOneUlpOfTheCorrectlyRoundedResult() throws Exception {
        Backend simd = Backends.get("simd");
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Worst sin = new Worst();
        Worst cos = new Worst();
        float[] x = new float[CHUNK];
        float[] ys = new float[CHUNK];
        float[] yc = new float[CHUNK];
        Layout layout = Layout.contiguous(CHUNK);
        long start = System.nanoTime();
        try {
            for (long base = 0; base < 1L << 32; base += CHUNK) {
                for (int i = 0; i < CHUNK; i++) {
                    x[i] = Float.intBitsToFloat((int) (base + i));
                }
                simd.unary(UnaryOp.SIN, DType.FLOAT32, x, layout, ys, layout);
                simd.unary(UnaryOp.COS, DType.FLOAT32, x, layout, yc, layout);
                List<Future<Worst[]>> parts = new ArrayList<>();
                for (int p = 0; p < threads; p++) {
                    int from = (int) ((long) CHUNK * p / threads);
                    int to = (int) ((long) CHUNK * (p + 1) / threads);
                    parts.add(pool.submit(() -> new Worst[] {check(x, ys, from, to, false), check(x, yc, from, to, true)}));
                }
                for (Future<Worst[]> f : parts) {
                    Worst[] w = get(f);
                    sin.merge(w[0]);
                    cos.merge(w[1]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = sin.describe("sin") + "\n" + cos.describe("cos") + "\n"
                + String.format(Locale.ROOT, "%.0f s on %d threads (%s)%n", seconds, threads, System.getProperty("java.vm.version"));
        System.out.print(report);
        write(report);
        assertEquals(0, sin.beyondOneUlp, () -> "sin more than 1 ulp from the correctly rounded result, first at 0x"
                + Integer.toHexString(sin.firstBeyondBits) + "\n" + report);
        assertEquals(0, cos.beyondOneUlp, () -> "cos more than 1 ulp from the correctly rounded result, first at 0x"
                + Integer.toHexString(cos.firstBeyondBits) + "\n" + report);
    }

    /** Errors of y = f(x) on [from, to), in ulps of the float result (fractional, against the double reference). */
    private static Worst check(float[] x, float[] y, int from, int to, boolean cos) {
        Worst w = new Worst();
        for (int i = from; i < to; i++) {
            double exact = cos ? Math.cos(x[i]) : Math.sin(x[i]);
            float rounded = (float) exact;
            float got = y[i];
            if (Float.floatToIntBits(got) == Float.floatToIntBits(rounded)) {
                double err = Math.abs(got - exact) / ulp(exact);
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

    private static void write(String report) throws IOException {
        Path out = Path.of("target", "sincos-exhaustive.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
