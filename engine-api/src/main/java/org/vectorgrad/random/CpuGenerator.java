package org.vectorgrad.random;

import java.util.Locale;
import org.vectorgrad.backend.BoxMuller;

/**
 * PyTorch 1.13's CPU random generator ({@code CPUGeneratorImpl}), value for value: after the same seed, the
 * fill methods produce the numbers {@code torch.rand}, {@code torch.randn} and {@code torch.randint} produce
 * on x86-64 (AVX2), so ported notebooks print the same tensors.
 *
 * <pre>{@code
 * CpuGenerator g = new CpuGenerator(0);          // torch.manual_seed(0)
 * float[] x = new float[5];
 * g.uniform(x, 0, 5, 0, 1);                      // torch.rand(5): 0.4963, 0.7682, 0.0885, 0.1320, 0.3074
 * }</pre>
 *
 * <p>Each fill method consumes the stream exactly as the PyTorch kernel for a <em>contiguous</em> tensor of
 * {@code n} elements does. The {@code normalSerial} methods are the path PyTorch takes for a non-contiguous
 * tensor (and for fewer than 16 elements): they fill in the tensor's iteration order.
 *
 * <p><b>Not thread-safe</b>: one instance is a single stream, like PyTorch's generator behind its mutex.
 * Keep one per thread or synchronize around each call.
 *
 * <p>Known deviation: float64 normals take {@code log}, {@code sin} and {@code cos} from
 * {@link Math} rather than glibc, so about 0.2% of float64 {@code randn} values differ from PyTorch's in the
 * last bit (float32 results are exact; the double-precision normals behind small float32 tensors are
 * rounded to float, which hides these differences).
 */
public final class CpuGenerator {
    private static final long DOUBLE_MANTISSA_MASK = (1L << 53) - 1;

    private final Mt19937 engine;
    private long seed;
    /** Second value of the last scalar Box-Muller pair ({@code next_double_normal_sample}); NaN when none. */
    private double cachedNormal = Double.NaN;

    /** A generator in the state {@code torch.manual_seed(seed)} leaves the default CPU generator in. */
    public CpuGenerator(long seed) {
        this.engine = new Mt19937(seed);
        this.seed = seed;
    }

    /**
     * {@code torch.manual_seed(seed)}: restarts the stream and drops the cached normal. Only the low 32 bits
     * seed the Mersenne Twister; the whole value is kept for {@link #initialSeed()}. A negative Python seed
     * maps to the same {@code long}, as PyTorch reinterprets it as unsigned.
     */
    public void manualSeed(long seed) {
        engine.seed(seed);
        this.seed = seed;
        cachedNormal = Double.NaN;
    }

    /** {@code torch.initial_seed()}; PyTorch reports it unsigned: use {@link Long#toUnsignedString(long)}. */
    public long initialSeed() {
        return seed;
    }

    /** {@code random()}: the next 32 bits of the stream, as an unsigned value in [0, 2^32). */
    public long random() {
        return engine.nextInt() & 0xffffffffL;
    }

    /** {@code random64()}: two 32-bit draws, the first one in the high half. */
    public long random64() {
        long hi = random();
        return (hi << 32) | random();
    }

    /** {@code uniform_(from, to)} / {@code torch.rand} for float32: 24 random bits per element. */
    public void uniform(float[] out, int offset, int n, double from, double to) {
        checkUniformRange(from, to, Float.MAX_VALUE, "Float");
        float lo = (float) clamp(from, Float.MAX_VALUE);
        float span = (float) clamp(to, Float.MAX_VALUE) - lo;
        engine.nextFloats(out, offset, n, span, lo);
    }

    /** {@code uniform_(from, to)} / {@code torch.rand} for float64: 53 bits of a 64-bit draw per element. */
    public void uniform(double[] out, int offset, int n, double from, double to) {
        checkUniformRange(from, to, Double.MAX_VALUE, "Double");
        engine.nextDoubles(out, offset, n, to - from, from);
    }

    /**
     * {@code normal_(mean, std)} / {@code torch.randn} for a contiguous float32 tensor of {@code n} elements.
     * From 16 elements on, all {@code n} uniforms are drawn first and turned into normals 16 at a time; a
     * partial last block is redrawn as the last 16 elements (overlapping the previous block). Below 16
     * elements this is {@link #normalSerial(float[], int, int, double, double)}.
     */
    public void normal(float[] out, int offset, int n, double mean, double std) {
        normal(out, offset, n, mean, std, BoxMuller::blocks);
    }

    /**
     * As {@link #normal(float[], int, int, double, double)}, with the Box-Muller step done by {@code blocks}
     * (a backend's {@code normalBlocks}, which must give {@link BoxMuller}'s bits).
     */
    public void normal(float[] out, int offset, int n, double mean, double std, FloatBlocks blocks) {
        checkStd(std);
        if (n < BoxMuller.BLOCK) {
            normalSerial(out, offset, n, mean, std);
            return;
        }
        float m = (float) mean;
        float s = (float) std;
        boxMullerBlocks(offset, n, (at, count) -> fillFloat01(out, at, count),
                (at, count) -> blocks.apply(out, at, count, m, s));
    }

    /** The Box-Muller step of float32 {@code normal_}: {@code blocks} blocks of 16 uniforms from {@code offset}. */
    @FunctionalInterface
    public interface FloatBlocks {
        void apply(float[] data, int offset, int blocks, float mean, float std);
    }

    /** As {@link #normal(float[], int, int, double, double)}, for float64 (same blocks, double math). */
    public void normal(double[] out, int offset, int n, double mean, double std) {
        checkStd(std);
        if (n < BoxMuller.BLOCK) {
            normalSerial(out, offset, n, mean, std);
            return;
        }
        boxMullerBlocks(offset, n, (at, count) -> fillDouble01(out, at, count), 
                (at, count) -> BoxMuller.blocks(out, at, count, mean, std));
    }

    /**
     * The element-at-a-time {@code normal_} path (tensors under 16 elements or non-contiguous): each value is
     * a double-precision Box-Muller normal rounded to float; each pair's second value is cached in the
     * generator and returned by the next call, even a later one.
     */
    public void normalSerial(float[] out, int offset, int n, double mean, double std) {
        checkStd(std);
        for (int i = offset; i < offset + n; i++) {
            out[i] = (float) nextNormal(mean, std);
        }
    }

    /** As {@link #normalSerial(float[], int, int, double, double)}, for float64. */
    public void normalSerial(double[] out, int offset, int n, double mean, double std) {
        checkStd(std);
        for (int i = offset; i < offset + n; i++) {
            out[i] = nextNormal(mean, std);
        }
    }

    /**
     * {@code torch.randint(low, high)} for int64: {@code low + random() % (high - low)}, with
     * {@code random64()} instead once the range reaches 2^32. (Modulo bias included, as in PyTorch.)
     */
    public void randint(long[] out, int offset, int n, long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException(
                    "random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        }
        long range = high - low;                  // unsigned: fits even for the full int64 span
        boolean wide = Long.compareUnsigned(range, 1L << 32) >= 0;
        for (int i = offset; i < offset + n; i++) {
            long bits = wide ? random64() : random();
            out[i] = Long.remainderUnsigned(bits, range) + low;
        }
    }

    /** A step on the slice of {@code count} elements (uniforms) or blocks (Box-Muller) at {@code at}. */
    private interface Slice {
        void run(int at, int count);
    }

    /**
     * {@code normal_fill}: all uniforms first, then Box-Muller on every whole block of 16; a partial last
     * block is not transformed in place but redrawn as the last 16 elements, overlapping the block before it.
     */
    private static void boxMullerBlocks(int offset, int n, Slice uniforms, Slice blocks) {
        uniforms.run(offset, n);
        blocks.run(offset, n / BoxMuller.BLOCK);
        if (n % BoxMuller.BLOCK != 0) {
            int last = offset + n - BoxMuller.BLOCK;
            uniforms.run(last, BoxMuller.BLOCK);
            blocks.run(last, 1);
        }
    }

    /** {@code normal_distribution<double>}: Box-Muller on two 53-bit uniforms, sine half cached. */
    private double nextNormal(double mean, double std) {
        double z;
        if (!Double.isNaN(cachedNormal)) {
            z = cachedNormal;
            cachedNormal = Double.NaN;
        } else {
            double u1 = nextDouble01();
            double u2 = nextDouble01();
            double radius = Math.sqrt(-2.0 * Math.log(1.0 - u2));
            double theta = 2.0 * Math.PI * u1;
            cachedNormal = radius * Math.sin(theta);
            z = radius * Math.cos(theta);
        }
        return Math.fma(z, std, mean);
    }

    private double nextDouble01() {
        return (random64() & DOUBLE_MANTISSA_MASK) * 0x1p-53;
    }

    private void fillFloat01(float[] out, int offset, int n) {
        engine.nextFloats(out, offset, n, 1f, 0f);           // u * 1 + 0 in one rounding is u itself
    }

    private void fillDouble01(double[] out, int offset, int n) {
        engine.nextDoubles(out, offset, n, 1, 0);
    }

    private static double clamp(double v, double max) {
        return Math.min(Math.max(v, -max), max);
    }

    private static void checkUniformRange(double from, double to, double max, String dtype) {
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from="
                    + cppNumber(from) + " > to=" + cppNumber(to));
        }
        if (!(to - from <= max)) {
            throw new IllegalArgumentException("uniform_ expects to-from <= std::numeric_limits<" + dtype
                    + ">::max(), but found to=" + cppNumber(to) + " and from=" + cppNumber(from)
                    + " which result in to-from to exceed the limit");
        }
    }

    private static void checkStd(double std) {
        if (!(std >= 0.0)) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + cppNumber(std));
        }
    }

    /** A double as C++'s {@code operator<<} prints it (PyTorch's messages): {@code %g}, six digits. */
    static String cppNumber(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String g = String.format(Locale.ROOT, "%.6g", v);
        int exp = g.indexOf('e');
        String mantissa = exp < 0 ? g : g.substring(0, exp);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exp < 0 ? mantissa : mantissa + g.substring(exp);
    }
}
