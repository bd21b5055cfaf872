package org.vectorgrad.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.Parameter;

/**
 * Kryo's form of a {@link Tensor} (Spark's {@code spark.serializer=KryoSerializer}): a flag byte
 * (requires grad, parameter), the dtype, the shape as varints and the elements row-major, raw. As
 * the Java form ({@link java.io.Serializable}), a view arrives as a contiguous tensor and the
 * history and {@code grad} are dropped. {@link VectorgradKryoRegistrator} registers it.
 */
public final class TensorKryoSerializer extends Serializer<Tensor> {
    private static final DType[] DTYPES = DType.values();

    public TensorKryoSerializer() {
        setImmutable(false);
    }

    @Override
    public void write(Kryo kryo, Output out, Tensor t) {
        Tensor d = t.detach();
        out.writeByte((t.requiresGrad() ? 1 : 0) | (Parameter.isParameter(t) ? 2 : 0));
        out.writeByte(d.dtype().ordinal());
        long[] shape = d.shape();
        out.writeVarInt(shape.length, true);
        for (long s : shape) {
            out.writeVarInt((int) s, true);
        }
        switch (d.dtype()) {
            case FLOAT32 -> out.writeFloats(d.toFloatArray());
            case FLOAT64 -> out.writeDoubles(d.toDoubleArray());
            case INT64 -> out.writeLongs(d.toLongArray());
            case INT32 -> out.writeInts(d.toIntArray());
            case BOOL -> {
                for (boolean b : d.toBooleanArray()) {
                    out.writeBoolean(b);
                }
            }
        }
    }

    @Override
    public Tensor read(Kryo kryo, Input in, Class<Tensor> type) {
        int flags = in.readByte();
        int code = in.readByte();
        if (code < 0 || code >= DTYPES.length) {
            throw new IllegalArgumentException("serialized tensor has unknown dtype code " + code);
        }
        DType dtype = DTYPES[code];
        long[] shape = new long[in.readVarInt(true)];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readVarInt(true);
            n = Math.multiplyExact(n, (int) shape[i]);
        }
        Tensor t = switch (dtype) {
            case FLOAT32 -> Tensor.from(in.readFloats(n), shape);
            case FLOAT64 -> Tensor.from(in.readDoubles(n), shape);
            case INT64 -> Tensor.of(in.readLongs(n)).reshape(shape);
            case INT32 -> {
                int[] v = in.readInts(n);
                long[] wide = new long[n];
                for (int i = 0; i < n; i++) {
                    wide[i] = v[i];
                }
                yield Tensor.of(wide).to(DType.INT32).reshape(shape);
            }
            case BOOL -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = in.readBoolean();
                }
                yield Tensor.of(b).reshape(shape);
            }
        };
        if ((flags & 2) != 0) {
            return Parameter.of(t, (flags & 1) != 0);
        }
        return (flags & 1) != 0 ? t.requiresGrad_(true) : t;
    }
}
