package org.vectorgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.AgnosticEncoder;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder$;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.Parameter;

/** Tensors through Java serialization, Kryo, Spark closures, RDDs and Datasets. */
class TensorsInSparkTest {
    private static byte[] javaBytes(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object javaRead(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        }
    }

    /** Kryo with the registrator, as Spark's KryoSerializer sets it up (without Spark's own registrations). */
    private static Kryo kryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        new VectorgradKryoRegistrator().registerClasses(kryo);
        return kryo;
    }

    private static byte[] kryoBytes(Kryo kryo, Tensor t) {
        Output out = new Output(64, -1);
        kryo.writeObject(out, t);
        return out.toBytes();
    }

    private static Tensor kryoRead(Kryo kryo, byte[] b) {
        return kryo.readObject(new Input(b), Tensor.class);
    }

    /** Every dtype, a 0-dim tensor, an empty one and a transposed view. */
    private static List<Tensor> samples() {
        return List.of(
                Tensor.arange(6).reshape(2, 3).to(DType.FLOAT32).t(),
                Tensor.of(1.5, DType.FLOAT64),
                Tensor.of(new long[][] {{1, -2}, {3, Long.MAX_VALUE}}),
                Tensor.of(new long[] {7, -8}).to(DType.INT32),
                Tensor.of(true, false, true),
                Tensor.zeros(0, 3));
    }

    private static void assertSame(Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(expected.toString(), actual.toString());
        assertTrue(actual.isContiguous());
    }

    @Test
    void javaSerializationKeepsDtypeShapeAndElements() throws Exception {
        for (Tensor t : samples()) {
            assertSame(t, (Tensor) javaRead(javaBytes(t)));
        }
    }

    @Test
    void javaSerializationIsCompact() throws Exception {
        Tensor t = Tensor.rand(1000);
        int size = javaBytes(t).length;
        assertTrue(size >= 4000 && size < 4000 + 300, "bytes: " + size);
        // A second tensor in the same stream costs its elements and a few bytes.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
            int first = bytes.size();
            out.writeObject(Tensor.rand(1000));
            out.flush();
            assertTrue(bytes.size() - first < 4000 + 40, "second tensor: " + (bytes.size() - first));
        }
    }

    @Test
    void requiresGradAndParameterSurviveAndTheHistoryDoesNot() throws Exception {
        Tensor leaf = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor nonLeaf = leaf.mul(2);
        leaf.mul(3).sum().backward();
        Tensor p = Parameter.of(Tensor.ones(2));
        for (Kryo kryo : new Kryo[] {null, kryo()}) {
            Tensor l = kryo == null ? (Tensor) javaRead(javaBytes(leaf)) : kryoRead(kryo, kryoBytes(kryo, leaf));
            assertEquals("tensor([1., 2.], requires_grad=True)", l.toString());
            assertNull(l.grad());
            // As PyTorch's pickling: a non-leaf arrives as a leaf that requires grad.
            Tensor n = kryo == null ? (Tensor) javaRead(javaBytes(nonLeaf)) : kryoRead(kryo, kryoBytes(kryo, nonLeaf));
            assertEquals("tensor([2., 4.], requires_grad=True)", n.toString());
            assertTrue(n.isLeaf());
            Tensor q = kryo == null ? (Tensor) javaRead(javaBytes(p)) : kryoRead(kryo, kryoBytes(kryo, p));
            assertEquals("Parameter containing:\ntensor([1., 1.], requires_grad=True)", q.toString());
        }
    }

    @Test
    void aCorruptJavaFormIsRefused() throws Exception {
        byte[] b = javaBytes(Tensor.of(1f, 2f, 3f));
        // The shape's int[] {3} is the only 0x00000003 after the array header "[I": make it 4.
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int shapeAt = s.indexOf("\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0003", s.lastIndexOf("[I"));
        assertTrue(shapeAt > 0);
        b[shapeAt + 7] = 4;
        InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> javaRead(b));
        assertEquals("serialized tensor's data does not match dtype float32 and shape [4]", e.getMessage());
    }

    @Test
    void kryoKeepsDtypeShapeAndElementsCompactly() {
        Kryo kryo = kryo();
        for (Tensor t : samples()) {
            assertSame(t, kryoRead(kryo, kryoBytes(kryo, t)));
        }
        int size = kryoBytes(kryo, Tensor.rand(10, 100)).length;
        assertTrue(size >= 4000 && size < 4000 + 16, "bytes: " + size);
    }

    @Test
    void tensorsTravelInClosuresAndRdds() {
        Tensor w = Tensor.of(1f, 2f, 3f);
        JavaRDD<Tensor> rows = LocalSpark.context().parallelize(List.of(Tensor.of(1f, 0f, 0f), Tensor.of(0f, 1f, 1f), Tensor.of(2f, 2f, 2f)), 2);
        List<Double> dots = rows.map(x -> x.mul(w).sum().item()).collect();
        assertEquals(List.of(1.0, 5.0, 12.0), dots);
        Tensor total = rows.map(x -> x.mul(w)).reduce(Tensor::add);
        assertEquals("tensor([3., 6., 9.])", total.toString());
    }

    @Test
    void aDatasetOfTensors() {
        SparkSession spark = LocalSpark.session();
        Dataset<Tensor> ds = spark.createDataset(List.of(Tensor.eye(2), Tensor.arange(3).to(DType.FLOAT64)), SparkTensors.encoder());
        assertEquals("binary", ds.schema().fields()[0].dataType().typeName());
        List<Tensor> back = ds.map((org.apache.spark.api.java.function.MapFunction<Tensor, Tensor>) t -> t.mul(2), SparkTensors.encoder())
                .collectAsList();
        assertEquals("tensor([[2., 0.],\n        [0., 2.]])", back.get(0).toString());
        assertEquals(Tensor.of(new double[] {0, 2, 4}, DType.FLOAT64).toString(), back.get(1).toString());
        assertEquals(DType.FLOAT64, back.get(1).dtype());
    }

    private static Dataset<Row> points() {
        StructType schema = new StructType()
                .add("xy", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("cls", DataTypes.IntegerType);
        return LocalSpark.session().createDataFrame(List.of(
                RowFactory.create(new double[] {0.5, -1}, 1),
                RowFactory.create(new double[] {2, 3.25}, 0),
                RowFactory.create(new double[] {-4, 1e-3}, 1)), schema);
    }

    @Test
    void anArrayColumnBecomesTensors() {
        List<Tensor> ts = SparkTensors.tensors(points(), "xy", 1, 2).collect();
        assertEquals(3, ts.size());
        assertEquals("tensor([[ 0.5000, -1.0000]])", ts.get(0).toString());
        assertEquals("tensor([[-4.0000e+00,  1.0000e-03]])", ts.get(2).toString());
        SparkException e = assertThrows(SparkException.class, () -> SparkTensors.tensors(points(), "xy", 3).collect());
        assertTrue(e.getMessage().contains("IllegalArgumentException: shape '[3]' is invalid for input of size 2"), e.getMessage());
    }

    @Test
    void anArrayColumnBecomesLabeledExamplesWithoutBoxing() {
        Dataset<LabeledExample> ds = SparkTensors.labeledExamples(points(), "xy", "cls");
        List<LabeledExample> xs = ds.collectAsList();
        assertArrayEquals(new float[] {2, 3.25f}, xs.get(1).getFeatures());
        assertEquals(0, xs.get(1).getLabel());
        assertEquals(1, xs.get(2).getLabel());
        // Spark's bean deserializer copies the array column with UnsafeArrayData.toFloatArray: one
        // primitive copy, no Float per element.
        String deserializer = ExpressionEncoder$.MODULE$.apply((AgnosticEncoder<LabeledExample>) Encoders.bean(LabeledExample.class))
                .deserializer().toString();
        assertTrue(deserializer.contains("toFloatArray"), deserializer);
        assertFalse(deserializer.contains("MapObjects"), deserializer);
    }
}
