package org.vectorgrad.props;

import java.util.Arrays;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Layout;

/**
 * A generated tensor: its dtype, shape and row-major values (the logical tensor), and the layout it
 * is handed over in. The same operand under different recipes is the same logical tensor.
 *
 * <p>Storage places the view does not read hold NaN, so a kernel that strays outside its layout
 * shows up in the result.
 */
record Operand(DType dtype, int[] shape, double[] values, Recipe recipe) {

    int numel() {
        return values.length;
    }

    int[] storageShape() {
        return recipe.storageShape(shape);
    }

    /** Storage contents that give {@code logical} through the recipe's view: NaN where the view does not look. */
    double[] storageValues(double[] logical) {
        double[] data = new double[Shapes.numel(storageShape())];
        Arrays.fill(data, Double.NaN);
        for (int i = 0; i < logical.length; i++) {
            data[recipe.storageIndex(shape, Shapes.unflatten(shape, i))] = logical[i];
        }
        return data;
    }

    /** A storage tensor over a fresh Java array holding {@code data}. */
    Tensor storage(double[] data) {
        return wrap(dtype, data, storageShape());
    }

    /** The operand in its layout (a view of fresh storage, which requires no grad). */
    Tensor tensor() {
        return recipe.view(storage(storageValues(values)), shape);
    }

    /** The same logical tensor, contiguous. */
    Tensor contiguous() {
        return wrap(dtype, values.clone(), shape);
    }

    /** The operand as a raw buffer and Layout for the Backend SPI (the layout is the recipe's, not Vectorgrad's). */
    Object buffer() {
        return array(dtype, storageValues(values));
    }

    Layout layout() {
        int rank = shape.length;
        if (numel() == 0) {
            return Layout.contiguous(shape);
        }
        int offset = recipe.storageIndex(shape, new int[rank]);
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            int[] unit = new int[rank];
            unit[d] = 1;
            strides[d] = recipe.storageIndex(shape, unit) - offset;
        }
        return new Layout(offset, shape, strides);
    }

    static Tensor wrap(DType dtype, double[] data, int[] shape) {
        long[] s = Shapes.toLong(shape);
        return switch (dtype) {
            case FLOAT32 -> Tensor.from((float[]) array(dtype, data), s);
            case FLOAT64 -> Tensor.from(data, s);
            default -> throw new IllegalArgumentException("operands are float32 or float64, not " + dtype);
        };
    }

    /** {@code data} as a buffer of {@code dtype}: float[] (rounded), double[], long[], int[] or boolean[]. */
    static Object array(DType dtype, double[] data) {
        return switch (dtype) {
            case FLOAT32 -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) data[i];
                }
                yield f;
            }
            case FLOAT64 -> data.clone();
            case INT64 -> Arrays.stream(data).mapToLong(v -> (long) v).toArray();
            case INT32 -> Arrays.stream(data).mapToInt(v -> (int) v).toArray();
            case BOOL -> {
                boolean[] b = new boolean[data.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = data[i] != 0;
                }
                yield b;
            }
        };
    }

    @Override
    public String toString() {
        return Fmt.dtype(dtype) + Shapes.str(shape) + " " + recipe + " " + Fmt.nested(dtype, shape, values);
    }
}
