package org.vectorgrad.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.vectorgrad.Tensor;

/**
 * Tensors in Spark's Datasets: an {@link Encoder} for {@code Dataset<Tensor>}, and array columns
 * read as tensors or {@link LabeledExample}s through Spark's bean encoder, which copies an array
 * column into a {@code float[]} in one call (no boxed {@code Float} per element, as
 * {@code Row.getList} would make).
 *
 * <pre>{@code
 * Dataset<Row> df = spark.read().parquet("points.parquet");          // features: array<double>, label: int
 * JavaRDD<LabeledExample> examples = SparkTensors.labeledExamples(df, "features", "label").toJavaRDD();
 * JavaRDD<Tensor> xs = SparkTensors.tensors(df, "features", 2);      // one float32 tensor of shape [2] per row
 * }</pre>
 */
public final class SparkTensors {
    private SparkTensors() {
    }

    /**
     * The encoder of {@code Dataset<Tensor>}: one binary column holding each tensor's compact Java
     * form (dtype, shape, raw elements: {@link Tensor}'s serialization).
     */
    public static Encoder<Tensor> encoder() {
        return Encoders.javaSerialization(Tensor.class);
    }

    /**
     * The rows of {@code df} as labeled examples: {@code featuresCol} (an array of any numeric type,
     * cast to float) and {@code labelCol} (an integer class index, cast to long).
     */
    public static Dataset<LabeledExample> labeledExamples(Dataset<Row> df, String featuresCol, String labelCol) {
        return df.select(col(featuresCol).cast("array<float>").as("features"), col(labelCol).cast("long").as("label"))
                .as(Encoders.bean(LabeledExample.class));
    }

    /**
     * Each row's array column {@code column} as a float32 tensor of shape {@code shape} (row-major;
     * one dimension may be -1, as {@code reshape}); a row whose array does not fill the shape is
     * an {@link IllegalArgumentException} with {@code reshape}'s message.
     */
    public static JavaRDD<Tensor> tensors(Dataset<Row> df, String column, long... shape) {
        long[] s = shape.clone();
        return df.select(col(column).cast("array<float>").as("values")).as(Encoders.bean(FloatArray.class)).toJavaRDD()
                .map(a -> {
                    if (a.getValues() == null) {
                        throw new IllegalArgumentException("column '" + column + "' is null in a row, which has no tensor");
                    }
                    return s.length == 0 ? Tensor.from(a.getValues()) : Tensor.from(a.getValues(), s);
                });
    }

    /** The bean {@link #tensors} reads a column into: Spark fills {@code values} with one array copy. */
    public static final class FloatArray implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private float[] values;

        public float[] getValues() {
            return values;
        }

        public void setValues(float[] values) {
            this.values = values;
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
