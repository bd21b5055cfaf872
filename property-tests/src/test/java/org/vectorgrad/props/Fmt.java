package org.vectorgrad.props;

import org.vectorgrad.DType;

/** Readable, exact printing of generated values for counterexamples. */
final class Fmt {
    /** Operands with more values than this print only their first few. */
    private static final int LONG = 256;
    private Fmt() {
    }

    static String dtype(DType d) {
        return d.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The shortest text that reads back as the same value of the dtype: 0.1 for float32 0.1f. */
    static String value(DType dtype, double v) {
        if (dtype == DType.FLOAT32) {
            return Float.toString((float) v);
        }
        if (dtype == DType.FLOAT64) {
            return Double.toString(v);
        }
        return Long.toString((long) v);
    }

    /** Values as nested brackets by shape, like a tensor's repr: {@code [[1.0, 2.0], [3.0, 4.0]]}. */
    static String nested(DType dtype, int[] shape, double[] values) {
        if (shape.length == 0) {
            return value(dtype, values[0]);
        }
        if (values.length > LONG) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < 8; i++) {
                sb.append(value(dtype, values[i])).append(", ");
            }
            return sb.append("... (").append(values.length).append(" values)]").toString();
        }
        StringBuilder sb = new StringBuilder();
        nested(sb, dtype, shape, 0, values, new int[] {0});
        return sb.toString();
    }

    private static void nested(StringBuilder sb, DType dtype, int[] shape, int dim, double[] values, int[] next) {
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (dim == shape.length - 1) {
                sb.append(value(dtype, values[next[0]++]));
            } else {
                nested(sb, dtype, shape, dim + 1, values, next);
            }
        }
        sb.append(']');
    }
}
