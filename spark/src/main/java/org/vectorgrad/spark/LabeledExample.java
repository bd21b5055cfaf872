package org.vectorgrad.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.vectorgrad.Tensor;

/**
 * A classification example: float32 features and a class index. A Java bean, so a
 * {@code Dataset<Row>} with an array column {@code features} and an integer column {@code label}
 * becomes a {@code Dataset<LabeledExample>} with {@code Encoders.bean}; Spark then fills
 * {@link #getFeatures()} straight from its columnar array (no per-element boxing), see
 * {@link SparkTensors#labeledExamples}.
 *
 * <pre>{@code
 * JavaRDD<LabeledExample> data = jsc.parallelize(List.of(new LabeledExample(new float[] {0.5f, 1}, 1)), 2);
 * }</pre>
 */
public final class LabeledExample implements Serializable {
    private static final long serialVersionUID = 1L;

    private float[] features;
    private long label;

    /** For the bean encoder. */
    public LabeledExample() {
    }

    public LabeledExample(float[] features, long label) {
        this.features = features;
        this.label = label;
    }

    public float[] getFeatures() {
        return features;
    }

    public void setFeatures(float[] features) {
        this.features = features;
    }

    public long getLabel() {
        return label;
    }

    public void setLabel(long label) {
        this.label = label;
    }

    /**
     * Stacks examples into a float32 input of shape {@code (n, *featureShape)} and an int64 target
     * of shape {@code (n)} (class indices for {@code CrossEntropyLoss}), copying each example's
     * features once into one array.
     *
     * @throws IllegalArgumentException naming the first example whose features do not fill {@code featureShape}
     */
    public static CollateFn<LabeledExample> collate(long... featureShape) {
        long[] shape = featureShape.clone();
        long size = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("feature shape " + Arrays.toString(shape) + " has a negative size");
            }
            size = Math.multiplyExact(size, s);
        }
        int d = Math.toIntExact(size);
        return examples -> stack(examples, shape, d);
    }

    private static Batch stack(List<LabeledExample> examples, long[] shape, int d) {
        int n = examples.size();
        float[] x = new float[Math.multiplyExact(n, d)];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            LabeledExample e = examples.get(i);
            if (e == null || e.features == null) {
                throw new IllegalArgumentException("example " + i + " has no features");
            }
            if (e.features.length != d) {
                throw new IllegalArgumentException("example " + i + " has " + e.features.length + " features, expected " + d
                        + " (feature shape " + Arrays.toString(shape) + ")");
            }
            System.arraycopy(e.features, 0, x, i * d, d);
            y[i] = e.label;
        }
        long[] inputShape = new long[shape.length + 1];
        inputShape[0] = n;
        System.arraycopy(shape, 0, inputShape, 1, shape.length);
        return new Batch(Tensor.from(x, inputShape), Tensor.of(y));
    }

    @Override
    public String toString() {
        return "LabeledExample(" + Arrays.toString(features) + ", " + label + ")";
    }
}
