package org.vectorgrad.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import org.vectorgrad.Tensor;

/**
 * Registers {@link TensorKryoSerializer} for {@link Tensor} with Spark's Kryo. Without it Kryo
 * would write a tensor's internal fields (autograd state included) field by field.
 *
 * <pre>
 * --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
 * --conf spark.kryo.registrator=org.vectorgrad.spark.VectorgradKryoRegistrator
 * </pre>
 */
public final class VectorgradKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(Tensor.class, new TensorKryoSerializer());
        kryo.register(LabeledExample.class);
        kryo.register(float[].class);
        kryo.register(long[].class);
    }
}
