package org.vectorgrad;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import org.vectorgrad.backend.Layout;

/**
 * What Java serialization writes for a {@link Tensor} (its {@code writeReplace}): the dtype, the
 * shape and the elements as one row-major primitive array, which the stream writes as raw bytes
 * (4 bytes per float32 element plus a fixed header of about 150 bytes per stream). As PyTorch's
 * pickling: {@code requires_grad} and {@code Parameter} survive, the history and {@code grad} do not
 * (a non-leaf arrives as a leaf), and a view arrives as a contiguous tensor of its own elements.
 */
final class TensorSerialForm implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final DType dtype;
    private final int[] shape;
    private final Object data;
    private final boolean requiresGrad;
    private final boolean parameter;

    TensorSerialForm(Tensor t) {
        try (var g = Autograd.noGrad()) {
            Tensor d = t.detach();
            this.dtype = d.dtype();
            this.shape = Shapes.toInt(d.shape());
            this.data = d.exportAs(dtype);
        }
        this.requiresGrad = t.requiresGrad();
        this.parameter = t.isParameter();
    }

    @Serial
    private Object readResolve() throws InvalidObjectException {
        long numel = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new InvalidObjectException("serialized tensor has a negative size in shape " + Arrays.toString(shape));
            }
            numel *= s;
        }
        if (data == null || data.getClass() != Buffers.allocate(dtype, 0).getClass() || java.lang.reflect.Array.getLength(data) != numel) {
            throw new InvalidObjectException("serialized tensor's data does not match dtype " + dtype.pyName() + " and shape "
                    + Arrays.toString(shape));
        }
        Tensor t = Tensor.make(data, dtype, Layout.contiguous(shape));
        if (parameter) {
            t.markParameter();
        }
        return requiresGrad ? t.requiresGrad_(true) : t;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (dtype == null || shape == null) {
            throw new InvalidObjectException("serialized tensor lacks its dtype or shape");
        }
    }
}
