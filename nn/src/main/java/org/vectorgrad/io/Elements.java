package org.vectorgrad.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/** Tensors to and from raw little-endian row-major bytes: the data part of both file formats. */
final class Elements {
    private Elements() {
    }

    static int itemSize(DType d) {
        return switch (d) {
            case FLOAT64, INT64 -> 8;
            case FLOAT32, INT32 -> 4;
            case BOOL -> 1;
        };
    }

    /** The elements of t, row-major, little-endian (t is detached first, so it may require grad). */
    static byte[] encode(Tensor t) {
        Tensor d = t.detach();
        int n = (int) d.numel();
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, itemSize(d.dtype()))).order(ByteOrder.LITTLE_ENDIAN);
        switch (d.dtype()) {
            case FLOAT32 -> b.asFloatBuffer().put(d.toFloatArray());
            case FLOAT64 -> b.asDoubleBuffer().put(d.toDoubleArray());
            case INT64 -> b.asLongBuffer().put(d.toLongArray());
            case INT32 -> b.asIntBuffer().put(d.toIntArray());
            case BOOL -> {
                for (boolean v : d.toBooleanArray()) {
                    b.put((byte) (v ? 1 : 0));
                }
            }
        }
        return b.array();
    }

    /** A fresh tensor of dtype and shape from the little-endian bytes at the buffer's position (exactly numel items). */
    static Tensor decode(ByteBuffer src, DType dtype, long[] shape) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(numel(shape));
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                yield Tensor.from(v, n).reshape(shape);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                yield Tensor.from(v, n).reshape(shape);
            }
            case INT64 -> {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                yield Tensor.of(v).reshape(shape);
            }
            case INT32 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getInt(4 * i);
                }
                yield Tensor.of(v).reshape(shape).to(DType.INT32);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    byte x = b.get(i);
                    if (x != 0 && x != 1) {
                        throw new FormatException("invalid bool value " + x + " at element " + i);
                    }
                    v[i] = x == 1;
                }
                yield Tensor.of(v).reshape(shape);
            }
        };
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new FormatException("negative dimension " + s + " in shape");
            }
            n = Math.multiplyExact(n, s);
        }
        if (n > Integer.MAX_VALUE) {
            throw new FormatException("tensor of " + n + " elements is larger than Vectorgrad's limit of 2^31 - 1");
        }
        return n;
    }
}
