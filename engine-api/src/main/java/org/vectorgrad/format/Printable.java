package org.vectorgrad.format;

import org.vectorgrad.DType;

/** What {@link TensorFormatter} needs to know of a tensor: its shape, dtype, elements and autograd state. */
public interface Printable {
    /** The sizes of the dimensions. */
    long[] shape();

    /** The element type. */
    DType dtype();

    /** The element at a row-major flat index, widened to double (bool as 0 or 1). */
    double doubleAt(long flatIndex);

    /** The element at a row-major flat index as a long (integer and bool dtypes). */
    long longAt(long flatIndex);

    /** True when the tensor requires grad. */
    boolean requiresGrad();

    /** The class name of the tensor's gradient function, such as {@code AddBackward0}, or null. */
    String gradFnName();
}
