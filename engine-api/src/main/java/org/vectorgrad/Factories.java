package org.vectorgrad;

import java.lang.System.Logger.Level;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.random.CpuGenerator;

/** Creation routines with PyTorch's rules: arange lengths, linspace rounding, the seeded generator. */
final class Factories {
    private static final System.Logger LOG = System.getLogger("org.vectorgrad");
    /** PyTorch's default CPU generator is process-wide; draws are serialised on it. */
    private static final CpuGenerator GENERATOR = new CpuGenerator(67280421310721L);

    private Factories() {
    }

    /**
     * {@code torch.tensor(data, dtype)}: the shape from the nesting of Java arrays (a boxed number is
     * 0-dim), the dtype when null inferred from the elements, as PyTorch does from Python values.
     */
    static Tensor fromNested(Object nested, DType dtype) {
        if (nested instanceof Tensor t) {
            LOG.log(Level.WARNING, "To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() "
                    + "or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).");
            Tensor src = t.detach();
            return dtype == null || dtype == src.dtype() ? OpSupport.copyOf(src) : OpSupport.castTo(src, dtype);
        }
        int[] shape = nestedShape(nested);
        Tensor t = Tensor.empty(dtype != null ? dtype : inferDType(nested), shape);
        fill(nested, 0, shape, t.buffer(), new int[1]);
        return t;
    }

    /** The lengths along the first element at each depth; the other elements are checked by {@link #fill}. */
    private static int[] nestedShape(Object nested) {
        List<Integer> dims = new ArrayList<>();
        Object o = nested;
        while (o != null && o.getClass().isArray()) {
            int n = Array.getLength(o);
            dims.add(n);
            o = n == 0 ? null : Array.get(o, 0);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** bool < int64 < float32 (the default dtype), as torch.tensor infers from Python bools, ints and floats. */
    private static DType inferDType(Object node) {
        if (node == null) {
            throw new IllegalArgumentException("Could not infer dtype of null");
        }
        Class<?> c = node.getClass();
        if (c.isArray() && c.getComponentType().isPrimitive()) {
            // The element type decides, even for an empty array.
            return elementDType(c.getComponentType(), c);
        }
        if (c.isArray()) {
            DType d = null;
            for (Object e : (Object[]) node) {
                DType e1 = inferDType(e);
                d = d == null ? e1 : DType.promote(d, e1);
            }
            return d == null ? DType.getDefault() : d;
        }
        return elementDType(c, c);
    }

    private static DType elementDType(Class<?> c, Class<?> of) {
        if (c == boolean.class || c == Boolean.class) {
            return DType.BOOL;
        }
        if (c == long.class || c == int.class || c == short.class || c == byte.class
                || c == Long.class || c == Integer.class || c == Short.class || c == Byte.class) {
            return DType.INT64;
        }
        if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
            return DType.getDefault();
        }
        throw new IllegalArgumentException("Could not infer dtype of " + of.getSimpleName());
    }

    /** Stores the leaves in row-major order, checking that every sequence at a depth has the same length. */
    private static void fill(Object node, int depth, int[] shape, Object out, int[] pos) {
        if (depth == shape.length) {
            switch (node) {
                case Boolean b -> Buffers.setLong(out, pos[0]++, b ? 1 : 0);
                case Long v -> Buffers.setLong(out, pos[0]++, v);
                case Integer v -> Buffers.setLong(out, pos[0]++, v);
                case Short v -> Buffers.setLong(out, pos[0]++, v);
                case Byte v -> Buffers.setLong(out, pos[0]++, v);
                case Double v -> Buffers.setDouble(out, pos[0]++, v);
                case Float v -> Buffers.setDouble(out, pos[0]++, v);
                case null -> throw new IllegalArgumentException("Could not infer dtype of null");
                default -> throw new IllegalArgumentException(node.getClass().isArray()
                        ? "expected a number at dim " + (depth - 1) + " (got a sequence)"
                        : "Could not infer dtype of " + node.getClass().getSimpleName());
            }
            return;
        }
        if (node == null || !node.getClass().isArray()) {
            throw new IllegalArgumentException("not a sequence");
        }
        int n = Array.getLength(node);
        if (n != shape[depth]) {
            throw new IllegalArgumentException("expected sequence of length " + shape[depth] + " at dim " + depth + " (got " + n + ")");
        }
        for (int i = 0; i < n; i++) {
            fill(Array.get(node, i), depth + 1, shape, out, pos);
        }
    }

    /**
     * torch.arange over reals with PyTorch 1.13's bits: its CPU kernel (AVX2) fills pairs of 32-byte
     * vectors, a vector's first value fma(step, i, start) rounded to the dtype and its lane j that value
     * plus j * step by one more fused multiply-add (the compiler contracts ATen's a + b * c), and each
     * element after the last pair fma(step, i, start); start + i * step differed in the last bit
     * (float64 arange(0.1, 1000, 0.1): 2,676 of 9,999 values). Integers as its kernel too: start, end
     * and step truncated to int64 (Scalar::to), the values start + i * step in int64, the length from
     * those for int64 and from the doubles for int32 (arange(0, 5.5, 1, dtype=int32) has 6 elements).
     */
    static Tensor arange(DType dtype, double start, double end, double step) {
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException("\"arange_cpu\" not implemented for 'Bool'");
        }
        if (!dtype.isFloatingPoint()) {
            for (double v : new double[] {start, end, step}) {
                checkConvertible(v, DType.INT64);
            }
            long s = (long) start;
            long st = (long) step;
            long size = arangeLength(s, (long) end, st);
            if (dtype != DType.INT64) {
                double d = Math.ceil((end - start) / step);
                if (!(d >= 0 && d <= Long.MAX_VALUE)) {
                    throw new IllegalArgumentException("invalid size, possible overflow?");
                }
                size = (long) d;
            }
            Tensor t = Tensor.empty(dtype, Shapes.toIntSize(size));
            for (int i = 0; i < size; i++) {
                Buffers.setLong(t.buffer(), i, s + i * st);
            }
            return t;
        }
        int n = Shapes.toIntSize(arangeLength(start, end, step));
        Tensor t = Tensor.empty(dtype, n);
        int p = 32 / dtype.itemSize();
        int blocks = n - n % (2 * p);
        if (t.buffer() instanceof float[] out) {
            for (int i = 0; i < n; i++) {
                int b = blockStart(i, p, blocks);
                float base = (float) Math.fma(step, b, start);
                out[i] = i == b ? base : (float) Math.fma(i - b, step, base);
            }
        } else {
            double[] out = (double[]) t.buffer();
            for (int i = 0; i < n; i++) {
                int b = blockStart(i, p, blocks);
                double base = Math.fma(step, b, start);
                out[i] = i == b ? base : Math.fma(i - b, step, base);
            }
        }
        return t;
    }

    /**
     * The first index of element i's block in PyTorch's AVX2 fill kernels (arange, linspace): blocks of
     * {@code p} elements (one 32-byte vector) up to {@code blocks}, the elements after it each alone.
     */
    private static int blockStart(int i, int p, int blocks) {
        return i < blocks ? i - i % p : i;
    }

    static long arangeLength(double start, double end, double step) {
        if (!(step > 0 || step < 0)) {   // NaN too
            throw new IllegalArgumentException("step must be nonzero");
        }
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("unsupported range: " + start + " -> " + end);
        }
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        double size = Math.ceil((end - start) / step);
        if (!(size <= Long.MAX_VALUE)) {
            throw new IllegalArgumentException("invalid size, possible overflow?");
        }
        return (long) size;
    }

    static long arangeLength(long start, long end, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        // wrapping int64 sums as PyTorch's: a range too long for them comes out negative, which it rejects
        long size = (end - start + step - Long.signum(step)) / step;
        if (size < 0) {
            throw new IllegalArgumentException("invalid size, possible overflow?");
        }
        return size;
    }

    /**
     * As PyTorch's CPU kernel: the first half counts up from start, the second half down from end;
     * float32 and float64 by the backend's kernel, with PyTorch's bits ({@code Backend#linspace}).
     */
    static Tensor linspace(DType dtype, double start, double end, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("number of steps must be non-negative");
        }
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException("\"linspace_cpu\" not implemented for 'Bool'");
        }
        Tensor t = Tensor.empty(dtype, Shapes.toIntSize(steps));
        if (steps == 0) {
            return t;
        }
        checkConvertible(start, dtype);
        checkConvertible(end, dtype);
        if (steps == 1) {
            Buffers.setDouble(t.buffer(), 0, start);
            return t;
        }
        if (dtype == DType.FLOAT32 || dtype == DType.FLOAT64) {
            OpSupport.kernels().linspace(dtype, t.buffer(), 0, (int) steps, start, end);
        } else {
            // integers as PyTorch's kernel: start and end converted to the dtype, the step a double;
            // its vector loop (pairs of AVX2 vectors of 32 bytes) truncates a block's first value, then
            // adds j * step in lane j; each element after the last pair of blocks is truncated alone
            double s = (long) start;
            double e = (long) end;
            double step = (e - s) / (steps - 1);
            int n = (int) steps;
            int h = n / 2;
            int p = 32 / dtype.itemSize();
            int blocks = n - n % (2 * p);
            for (int i = 0; i < n; i++) {
                int b = blockStart(i, p, blocks);
                double base = b < h ? Math.fma(step, b, s) : Math.fma(-step, n - 1 - b, e);
                Buffers.setDouble(t.buffer(), i, i < blocks ? (long) base + (i - b) * step : base);
            }
        }
        return t;
    }

    static void manualSeed(long seed) {
        synchronized (GENERATOR) {
            GENERATOR.manualSeed(seed);
        }
    }

    static Tensor rand(DType dtype, int[] shape) {
        Tensor t = Tensor.empty(checkFloat("rand", dtype), shape);
        uniform(t, 0, 1);
        return t;
    }

    static Tensor randn(DType dtype, int[] shape) {
        Tensor t = Tensor.empty(checkFloat("randn", dtype), shape);
        normal(t, 0, 1);
        return t;
    }

    static Tensor randint(long low, long high, int[] shape) {
        if (high <= low) {
            throw new IllegalArgumentException("random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
        }
        Tensor t = Tensor.empty(DType.INT64, shape);
        synchronized (GENERATOR) {
            GENERATOR.randint((long[]) t.buffer(), 0, t.layout().size(), low, high);
        }
        return t;
    }

    /** Fills a contiguous floating tensor (from its offset 0) with uniforms on [from, to), as {@code uniform_}. */
    static void uniform(Tensor t, double from, double to) {
        int n = (int) t.numel();
        synchronized (GENERATOR) {
            switch (checkFloat("uniform_", t.dtype())) {
                case FLOAT32 -> GENERATOR.uniform((float[]) t.buffer(), 0, n, from, to);
                default -> GENERATOR.uniform((double[]) t.buffer(), 0, n, from, to);
            }
        }
    }

    /** As {@link #uniform}, normals with the given mean and std ({@code normal_}). */
    static void normal(Tensor t, double mean, double std) {
        int n = (int) t.numel();
        synchronized (GENERATOR) {
            switch (checkFloat("normal_", t.dtype())) {
                case FLOAT32 -> GENERATOR.normal((float[]) t.buffer(), 0, n, mean, std, OpSupport.kernels()::normalBlocks);
                default -> GENERATOR.normal((double[]) t.buffer(), 0, n, mean, std);
            }
        }
    }

    /**
     * {@code bernoulli_(p)} on a contiguous tensor: 1 where a float64 uniform is below p, as PyTorch's
     * CPU kernel without MKL draws it (one 64-bit draw per element, in order).
     */
    static void bernoulli(Tensor t, double p) {
        int n = (int) t.numel();
        double[] u = new double[n];
        synchronized (GENERATOR) {
            GENERATOR.uniform(u, 0, n, 0, 1);
        }
        for (int i = 0; i < n; i++) {
            u[i] = Math.ceil(p - u[i]) + 0.0;   // u < p ? 1 : 0 without a branch (mispredicted half the time at p = 0.5)
        }
        Layout dense = Layout.contiguous(n);
        OpSupport.kernels().copy(DType.FLOAT64, u, dense, t.dtype(), t.buffer(), dense);
    }

    /** PyTorch's {@code Scalar::to<T>}: a finite value beyond the dtype's range is an error, not a wrapped or infinite element. */
    private static void checkConvertible(double v, DType dtype) {
        String type = switch (dtype) {
            case FLOAT32 -> Double.isFinite(v) && Math.abs(v) > Float.MAX_VALUE ? "float" : null;
            case INT32 -> v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? "int" : null;
            case INT64 -> v < Long.MIN_VALUE || v > Long.MAX_VALUE ? "int64_t" : null;
            default -> null;
        };
        if (type != null) {
            throw new IllegalArgumentException("value cannot be converted to type " + type + " without overflow");
        }
    }

    private static DType checkFloat(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + op + "\" not implemented for '" + Tensor.scalarTypeName(dtype) + "'");
        }
        return dtype;
    }
}
