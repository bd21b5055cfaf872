package org.vectorgrad.examples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * The little of numpy the notebooks show: {@code x.numpy()} as a Java array, and the repr numpy
 * prints for it ({@code array(4.3)}, {@code array([ 0,  1, -1], dtype=int32)},
 * {@code array([-0.0748682 ,  5.364436  ], dtype=float32)}) with numpy 1.24's default print options.
 * Only 0-d and 1-D arrays of finite values in numpy's fixed-point range are supported; anything else
 * is refused rather than printed differently from numpy.
 */
final class Numpy {
    /** numpy's {@code linewidth}. */
    private static final int LINE_WIDTH = 75;
    /** numpy's {@code precision}: at most this many fractional digits. */
    private static final int PRECISION = 8;

    private Numpy() {
    }

    /** A numpy array: row-major Java array ({@code float[]}, {@code double[]} or {@code long[]}), shape and dtype. */
    record NdArray(Object data, long[] shape, DType dtype) {
        @Override
        public String toString() {
            return repr(this);
        }
    }

    /**
     * {@code t.numpy()}: the elements through {@link Tensor#toFloatArray()} and friends, which refuse
     * tensors that require grad as numpy() does.
     */
    static NdArray numpy(Tensor t) {
        Object data = switch (t.dtype()) {
            case FLOAT32 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case INT32, INT64 -> t.toLongArray();
            case BOOL -> throw new UnsupportedOperationException("numpy repr of bool arrays is not implemented here");
        };
        return new NdArray(data, t.shape(), t.dtype());
    }

    /** {@code np.array([10])}: a 1-D int64 array. */
    static NdArray array(long... values) {
        return new NdArray(values.clone(), new long[] {values.length}, DType.INT64);
    }

    static String repr(NdArray a) {
        if (a.shape().length > 1) {
            throw new UnsupportedOperationException("numpy repr of " + a.shape().length + "-d arrays is not implemented here");
        }
        List<String> items = a.dtype().isFloatingPoint() ? floatItems(a) : intItems((long[]) a.data());
        String body = a.shape().length == 0 ? items.get(0) : bracketed(items);
        String text = "array(" + body;
        // float64 and int64 are numpy's defaults on Linux: their dtype is not shown.
        if (a.dtype() == DType.FLOAT64 || a.dtype() == DType.INT64) {
            return text + ")";
        }
        text += ",";
        String dtype = "dtype=" + a.dtype().pyName() + ")";
        int lastLine = text.length() - (text.lastIndexOf('\n') + 1);
        return text + (lastLine + dtype.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat("array(".length()) : " ") + dtype;
    }

    /**
     * numpy's {@code _formatArray} for one dimension: items separated by ", ", wrapped before an item
     * that would pass the line width, continuation lines aligned under the first item.
     */
    private static String bracketed(List<String> items) {
        String indent = " ".repeat("array([".length());
        int width = LINE_WIDTH - 1;   // room for the trailing "," or "]"
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (line.length() + item.length() > width && line.length() > indent.length()) {
                out.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(item);
            if (i < items.size() - 1) {
                line.append(", ");
            }
        }
        out.append(line);
        return "[" + out.substring(indent.length()) + "]";
    }

    /** Integers right-aligned to the widest. */
    private static List<String> intItems(long[] values) {
        int width = 0;
        for (long v : values) {
            width = Math.max(width, Long.toString(v).length());
        }
        List<String> items = new ArrayList<>();
        for (long v : values) {
            items.add(" ".repeat(width - Long.toString(v).length()) + v);
        }
        return items;
    }

    /**
     * numpy's default {@code floatmode='maxprec'}: each value with its shortest unique digits (as
     * float32 for float32 arrays), at most 8 after the point; then all aligned on the point.
     */
    private static List<String> floatItems(NdArray a) {
        boolean single = a.dtype() == DType.FLOAT32;
        int n = single ? ((float[]) a.data()).length : ((double[]) a.data()).length;
        List<String[]> parts = new ArrayList<>();
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = single ? ((float[]) a.data())[i] : ((double[]) a.data())[i];
            if (!Double.isFinite(v)) {
                throw new UnsupportedOperationException("numpy repr of nan/inf is not implemented here");
            }
            if (v != 0) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
                minAbs = Math.min(minAbs, Math.abs(v));
            }
            String s = positional(v, single);
            int dot = s.indexOf('.');
            parts.add(new String[] {s.substring(0, dot), s.substring(dot + 1)});
        }
        if (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3) {
            throw new UnsupportedOperationException("numpy would print these values in scientific notation, "
                    + "which is not implemented here");
        }
        int left = parts.stream().mapToInt(p -> p[0].length()).max().orElse(0);
        int right = parts.stream().mapToInt(p -> p[1].length()).max().orElse(0);
        List<String> items = new ArrayList<>();
        for (String[] p : parts) {
            items.add(" ".repeat(left - p[0].length()) + p[0] + "." + p[1] + " ".repeat(right - p[1].length()));
        }
        return items;
    }

    /** Dragon4 positional, unique, trim '.': {@code -0.0748682}, {@code 10.}, {@code 4.3}. */
    private static String positional(double v, boolean single) {
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        BigDecimal d = v == 0 ? BigDecimal.ZERO
                : single ? Py.shortest(Math.abs(v), x -> Float.toString((float) x), Float::parseFloat)
                : Py.shortest(Math.abs(v), Double::toString, Double::parseDouble);
        if (d.scale() > PRECISION) {
            // Cut off: the exact binary value rounded half to even, as Dragon4 does.
            d = new BigDecimal(Math.abs(v)).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        String plain = d.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".");
    }
}
