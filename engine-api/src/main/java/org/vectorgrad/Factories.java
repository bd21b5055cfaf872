package org.vectorgrad;

import org.vectorgrad.random.CpuGenerator;

/** Creation routines with PyTorch's rules: arange lengths, linspace rounding, the seeded generator. */
final class Factories {
    /** PyTorch's default CPU generator is process-wide; draws are serialised on it. */
    private static final CpuGenerator GENERATOR = new CpuGenerator(67280421310721L);

    private Factories() {
    }

    static long arangeLength(double start, double end, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("unsupported range: " + start + " -> " + end);
        }
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        return (long) Math.ceil((end - start) / step);
    }

    static long arangeLength(long start, long end, long step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        return Math.max(0, (end - start + step - Long.signum(step)) / step);
    }

    /** As PyTorch's CPU kernel: the first half counts up from start, the second half down from end. */
    static Tensor linspace(DType dtype, double start, double end, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("number of steps must be non-negative");
        }
        Tensor t = Tensor.empty(dtype, (int) steps);
        if (steps == 0) {
            return t;
        }
        if (steps == 1) {
            Buffers.setDouble(t.buffer(), 0, start);
            return t;
        }
        long half = steps / 2;
        if (dtype == DType.FLOAT32) {
            float s = (float) start;
            float e = (float) end;
            float step = (e - s) / (float) (steps - 1);
            float[] out = (float[]) t.buffer();
            for (int i = 0; i < steps; i++) {
                out[i] = i < half ? s + step * i : e - step * (steps - i - 1);
            }
        } else {
            double step = (end - start) / (steps - 1);
            for (int i = 0; i < steps; i++) {
                Buffers.setDouble(t.buffer(), i, i < half ? start + step * i : end - step * (steps - i - 1));
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
        int n = t.layout().size();
        synchronized (GENERATOR) {
            if (dtype == DType.FLOAT32) {
                GENERATOR.uniform((float[]) t.buffer(), 0, n, 0, 1);
            } else {
                GENERATOR.uniform((double[]) t.buffer(), 0, n, 0, 1);
            }
        }
        return t;
    }

    static Tensor randn(DType dtype, int[] shape) {
        Tensor t = Tensor.empty(checkFloat("randn", dtype), shape);
        int n = t.layout().size();
        synchronized (GENERATOR) {
            if (dtype == DType.FLOAT32) {
                GENERATOR.normal((float[]) t.buffer(), 0, n, 0, 1);
            } else {
                GENERATOR.normal((double[]) t.buffer(), 0, n, 0, 1);
            }
        }
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

    private static DType checkFloat(String op, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + op + "\" not implemented for '" + Tensor.scalarTypeName(dtype) + "'");
        }
        return dtype;
    }
}
