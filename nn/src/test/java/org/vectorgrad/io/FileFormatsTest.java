package org.vectorgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.Linear;

/**
 * safetensors and .npy against files written by NumPy and by {@code fixtures/make_fixtures.py}
 * (PyTorch's nn.Linear(4, 3) after manual_seed(0)): exact bytes both ways, and a clear error,
 * never a partly loaded model, for every kind of bad file.
 */
class FileFormatsTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = FileFormatsTest.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void pytorchLinearStateDictLoadsAndWritesTheSameBytes() throws IOException {
        Map<String, Tensor> sd = SafeTensors.fromBytes(fixture("linear.safetensors"));
        assertEquals(List.of("weight", "bias"), List.copyOf(sd.keySet()));
        Tensor.manualSeed(1);
        Linear lin = new Linear(4, 3);
        lin.loadStateDict(sd);
        // lin(torch.arange(8.).view(2, 4)).tolist(), from make_fixtures.py
        float[] out = lin.forward(Tensor.arange(8.).view(2, 4)).detach().toFloatArray();
        assertArrayEquals(new float[] {-2.136406183242798f, 0.9724586606025696f, -0.6708664298057556f,
                -4.196460723876953f, 2.2846174240112305f, -1.3166862726211548f}, out, 1e-6f);
        // Our writer gives the very bytes of the reference layout (compact JSON, space padding to 8).
        Tensor.manualSeed(0);
        assertArrayEquals(fixture("linear.safetensors"), SafeTensors.toBytes(new Linear(4, 3).stateDict(), Map.of("format", "pt")));
    }

    @Test
    void everyDtypeAndShapeRoundTrips(@TempDir Path dir) throws IOException {
        byte[] bytes = fixture("mixed.safetensors");
        Map<String, Tensor> m = SafeTensors.fromBytes(bytes);
        assertEquals("tensor([[0.0000, 0.2500, 0.5000],\n        [0.7500, 1.0000, 1.2500]])", m.get("a.f32").toString());
        assertEquals("tensor(3.2500, dtype=float64)", m.get("b.f64").toString());
        assertArrayEquals(new long[] {-1, 0, 1L << 40}, m.get("c.i64").toLongArray());
        assertEquals(DType.INT32, m.get("d.i32").dtype());
        assertArrayEquals(new int[] {7, -8}, m.get("d.i32").toIntArray());
        assertArrayEquals(new boolean[] {true, false, false, true}, m.get("e.bool").toBooleanArray());
        assertArrayEquals(new long[] {0, 3}, m.get("f.empty").shape());
        Path f = dir.resolve("m.safetensors");
        Files.write(f, bytes);
        assertEquals(Map.of("source", "make_fixtures.py"), SafeTensors.metadata(f));
        SafeTensors.save(m, Map.of("source", "make_fixtures.py"), f);
        assertArrayEquals(bytes, Files.readAllBytes(f));
    }

    @Test
    void badSafetensorsFilesFailClearly() {
        assertBad("bad_truncated.safetensors", "data_offsets of \"w\" end at 16, beyond the 13 data bytes of the file (truncated?)");
        assertBad("bad_short.safetensors", "not a safetensors file: 5 bytes, too short for the 8-byte header length");
        assertBad("bad_json.safetensors", "invalid JSON header at character 16: unexpected end");
        assertBad("bad_header_length.safetensors", "invalid safetensors header length 1099511627776");
        assertBad("bad_dtype.safetensors", "unsupported dtype F16 of \"h\" (Vectorgrad reads F64, F32, I64, I32 and BOOL)");
        assertBad("bad_offsets.safetensors", "\"w\": shape [2, 2] of F32 needs 16 bytes, data_offsets give 64");
        assertBad("bad_shape.safetensors", "\"w\": shape [3] of F32 needs 12 bytes, data_offsets give 16");
    }

    private static void assertBad(String name, String message) {
        FormatException e = assertThrows(FormatException.class, () -> SafeTensors.fromBytes(fixture(name)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aCorruptCheckpointNeverHalfFillsAModel() throws IOException {
        Tensor.manualSeed(0);
        Linear lin = new Linear(4, 3);
        Tensor before = lin.weight.detach().clone();
        FormatException e = assertThrows(FormatException.class, () -> lin.loadStateDict(SafeTensors.fromBytes(fixture("bad_linear.safetensors"))));
        assertEquals("\"bias\": shape [3] of F32 needs 12 bytes, data_offsets give 16", e.getMessage());
        assertTrue(lin.weight.detach().equal(before));
        // A readable dict with one wrong shape is rejected whole too (PyTorch would have copied the weight first).
        Map<String, Tensor> sd = Map.of("weight", Tensor.ones(3, 4), "bias", Tensor.ones(4));
        assertThrows(IllegalStateException.class, () -> lin.loadStateDict(sd));
        assertTrue(lin.weight.detach().equal(before));
    }

    @Test
    void numpyFilesLoadAndOurFilesAreNumpysBytes() throws IOException {
        Tensor f32 = Npy.fromBytes(fixture("f32.npy"));
        assertEquals("tensor([[0.0000, 0.1250, 0.2500],\n        [0.3750, 0.5000, 0.6250]])", f32.toString());
        assertArrayEquals(fixture("f32.npy"), Npy.toBytes(f32));
        Tensor fortran = Npy.fromBytes(fixture("f64_fortran.npy"));
        assertArrayEquals(new double[] {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5}, fortran.toDoubleArray());
        assertArrayEquals(new long[] {3, 2}, fortran.shape());
        Tensor i64 = Npy.fromBytes(fixture("i64.npy"));
        assertArrayEquals(new long[] {3, -4, 1L << 50}, i64.toLongArray());
        assertArrayEquals(fixture("i64.npy"), Npy.toBytes(i64));
        Tensor scalar = Npy.fromBytes(fixture("i32_scalar.npy"));
        assertEquals(0, scalar.dim());
        assertEquals(-7, scalar.itemLong());
        assertArrayEquals(fixture("i32_scalar.npy"), Npy.toBytes(scalar));
        Tensor bool = Npy.fromBytes(fixture("bool.npy"));
        assertArrayEquals(fixture("bool.npy"), Npy.toBytes(bool));
        assertArrayEquals(new float[] {1.5f, -2f}, Npy.fromBytes(fixture("f32_v2.npy")).toFloatArray());
    }

    @Test
    void badNpyFilesFailClearly() {
        assertBadNpy("bad_f16.npy", "unsupported .npy dtype '<f2' (Vectorgrad reads little-endian <f4, <f8, <i4, <i8 and |b1)");
        assertBadNpy("bad_bigendian.npy", "unsupported .npy dtype '>f4' (Vectorgrad reads little-endian <f4, <f8, <i4, <i8 and |b1)");
        assertBadNpy("bad_truncated.npy", "truncated .npy data: shape [2, 3] needs 24 bytes, the file has 19");
        assertBadNpy("bad_magic.npy", "not a .npy file (no \\x93NUMPY magic)");
    }

    private static void assertBadNpy(String name, String message) {
        FormatException e = assertThrows(FormatException.class, () -> Npy.fromBytes(fixture(name)));
        assertEquals(message, e.getMessage());
    }
}
