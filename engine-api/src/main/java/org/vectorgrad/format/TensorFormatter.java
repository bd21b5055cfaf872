package org.vectorgrad.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.LongConsumer;
import org.vectorgrad.DType;

/**
 * PyTorch 1.13's printed forms of tensors and shapes, character for character, with PyTorch's
 * default print options (precision 4, threshold 1000, edge items 3, line width 80). The only
 * departure: dtype names drop the {@code torch.} prefix.
 *
 * <pre>{@code
 * TensorFormatter.repr(x);                       // tensor([ 0.5000, -1.2500], dtype=float64)
 * TensorFormatter.size(new long[] {2, 3});       // torch.Size([2, 3])
 * TensorFormatter.tuple(new long[] {4});         // (4,)
 * }</pre>
 */
public final class TensorFormatter {
    private static final int PRECISION = 4;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";
    /**
     * Suffixes are laid out with PyTorch's full dtype names, so lines wrap where PyTorch wraps them,
     * and the {@code torch.} is dropped afterwards.
     */
    private static final String TORCH_DTYPE = "dtype=torch.";

    private TensorFormatter() {
    }

    /**
     * What {@code repr(tensor)} prints in PyTorch 1.13, e.g. {@code tensor([1., 2.], requires_grad=True)}
     * or {@code tensor([], size=(0, 3), dtype=int64)}. Tensors of more than 1000 elements are
     * summarized to their first and last 3 entries along each dimension.
     */
    public static String repr(Printable t) {
        Objects.requireNonNull(t, "tensor");
        long[] shape = t.shape().clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + tuple(shape));
            }
        }
        DType dtype = t.dtype();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            // Nothing to show, so the shape (unless plainly (0,)) and any non-float32 dtype must be said.
            if (shape.length != 1) {
                suffixes.add("size=" + tuple(shape));
            }
            if (dtype != DType.FLOAT32) {
                suffixes.add(TORCH_DTYPE + dtype.pyName());
            }
            body = "[]";
        } else {
            // int64 and bool are evident from the printed elements, float32 is the default.
            if (dtype != DType.FLOAT32 && dtype != DType.INT64 && dtype != DType.BOOL) {
                suffixes.add(TORCH_DTYPE + dtype.pyName());
            }
            body = new Body(t, shape).render();
        }
        if (t.gradFnName() != null) {
            suffixes.add("grad_fn=<" + t.gradFnName() + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        return withSuffixes(PREFIX + body, suffixes).replace(TORCH_DTYPE, "dtype=");
    }

    /** Python's repr of a {@code torch.Size}: {@code torch.Size([2, 3])}, {@code torch.Size([])}. */
    public static String size(long[] shape) {
        StringJoiner j = new StringJoiner(", ", "torch.Size([", "])");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    /** Python's repr of a tuple of ints: {@code (3, 1)}, {@code (4,)}, {@code ()}. */
    public static String tuple(long[] values) {
        StringJoiner j = new StringJoiner(", ", "(", values.length == 1 ? ",)" : ")");
        for (long v : values) {
            j.add(Long.toString(v));
        }
        return j.toString();
    }

    /** Appends ", suffix" items, moving one to a new indented line when it would pass the line width. */
    private static String withSuffixes(String text, List<String> suffixes) {
        StringBuilder sb = new StringBuilder(text);
        // PyTorch's own arithmetic, which counts two more than the last line's length.
        int lastLineLength = text.length() - text.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").repeat(' ', PREFIX.length()).append(suffix);
                lastLineLength = PREFIX.length() + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The bracketed elements of a non-empty tensor, laid out as PyTorch's {@code _tensor_str}. */
    private static final class Body {
        private final long[] shape;
        private final long[] strides;
        private final boolean summarize;
        private final ElementFormat format;

        Body(Printable t, long[] shape) {
            this.shape = shape;
            this.strides = new long[shape.length];
            long n = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                strides[d] = n;
                n *= shape[d];
            }
            this.summarize = n > THRESHOLD;
            List<Long> shown = new ArrayList<>();
            forEachShown(0, 0, shown::add);
            this.format = new ElementFormat(t, shown);
        }

        String render() {
            return shape.length == 0 ? format.format(0) : render(0, 0, PREFIX.length());
        }

        /** The sub-tensor starting at {@code flat} whose first dimension is {@code dim}. */
        private String render(int dim, long flat, int indent) {
            if (dim == shape.length - 1) {
                return renderVector(flat, indent);
            }
            List<String> slices = new ArrayList<>();
            forEachIndex(dim, i -> slices.add(i < 0 ? "..." : render(dim + 1, flat + i * strides[dim], indent + 1)));
            int remainingDims = shape.length - dim;
            String separator = "," + "\n".repeat(remainingDims - 1) + " ".repeat(indent + 1);
            return "[" + String.join(separator, slices) + "]";
        }

        private String renderVector(long flat, int indent) {
            int dim = shape.length - 1;
            List<String> items = new ArrayList<>();
            forEachIndex(dim, i -> items.add(i < 0 ? " ..." : format.format(flat + i * strides[dim])));
            int perLine = Math.max(1, Math.floorDiv(LINE_WIDTH - indent, format.width() + 2));
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                }
                sb.append(items.get(i));
            }
            return sb.append(']').toString();
        }

        /**
         * The indices along {@code dim} that are printed, in order, with -1 standing for the
         * {@code ...} of a summarized dimension.
         */
        private void forEachIndex(int dim, LongConsumer action) {
            long n = shape[dim];
            if (summarize && n > 2 * EDGE_ITEMS) {
                for (long i = 0; i < EDGE_ITEMS; i++) {
                    action.accept(i);
                }
                action.accept(-1);
                for (long i = n - EDGE_ITEMS; i < n; i++) {
                    action.accept(i);
                }
            } else {
                for (long i = 0; i < n; i++) {
                    action.accept(i);
                }
            }
        }

        /** The flat indices of every printed element (PyTorch's {@code get_summarized_data}). */
        private void forEachShown(int dim, long flat, LongConsumer action) {
            if (dim == shape.length) {
                action.accept(flat);
                return;
            }
            forEachIndex(dim, i -> {
                if (i >= 0) {
                    forEachShown(dim + 1, flat + i * strides[dim], action);
                }
            });
        }
    }

    /**
     * How every element of one tensor prints (PyTorch's {@code _Formatter}): one common width, and
     * for floating dtypes one of three styles chosen from the nonzero finite printed values.
     */
    private static final class ElementFormat {
        private enum Style { INTEGER, BOOL, FLOAT_INT_VALUED, FLOAT_FIXED, FLOAT_SCIENTIFIC }

        private final Printable t;
        private final Style style;
        private int width = 1;

        ElementFormat(Printable t, List<Long> shown) {
            this.t = t;
            DType dtype = t.dtype();
            if (!dtype.isFloatingPoint()) {
                style = dtype == DType.BOOL ? Style.BOOL : Style.INTEGER;
                for (long i : shown) {
                    width = Math.max(width, formatUnpadded(i).length());
                }
                return;
            }
            double[] values = shown.stream().mapToDouble(t::doubleAt)
                    .filter(v -> Double.isFinite(v) && v != 0).toArray();
            if (values.length == 0) {
                style = Style.FLOAT_INT_VALUED;
                return;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            boolean intValued = true;
            for (double v : values) {
                min = Math.min(min, Math.abs(v));
                max = Math.max(max, Math.abs(v));
                intValued &= v == Math.ceil(v);
            }
            boolean wideRange = max / min > 1000.0 || max > 1.0e8;
            if (intValued) {
                style = wideRange ? Style.FLOAT_SCIENTIFIC : Style.FLOAT_INT_VALUED;
            } else {
                style = wideRange || min < 1.0e-4 ? Style.FLOAT_SCIENTIFIC : Style.FLOAT_FIXED;
            }
            for (double v : values) {
                width = Math.max(width, text(v).length());
            }
        }

        int width() {
            return width;
        }

        /** The element at a flat index, right-aligned to the common width. */
        String format(long flatIndex) {
            String s = formatUnpadded(flatIndex);
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        private String formatUnpadded(long flatIndex) {
            return switch (style) {
                case INTEGER -> Long.toString(t.longAt(flatIndex));
                case BOOL -> t.longAt(flatIndex) != 0 ? "True" : "False";
                default -> text(t.doubleAt(flatIndex));
            };
        }

        /** A float in this style; integer-valued floats end in "." so they read as floats. */
        private String text(double v) {
            return switch (style) {
                case FLOAT_SCIENTIFIC -> PyFloat.scientific(v, PRECISION);
                case FLOAT_FIXED -> PyFloat.fixed(v, PRECISION);
                case FLOAT_INT_VALUED -> Double.isFinite(v) ? PyFloat.fixed(v, 0) + "." : PyFloat.fixed(v, 0);
                default -> throw new IllegalStateException("not a float style: " + style);
            };
        }
    }
}
