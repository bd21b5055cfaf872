package org.vectorgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * The Hugging Face safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}}, an
 * optional {@code "__metadata__"} of strings), then the raw little-endian data the offsets point
 * into. Dtypes F64, F32, I64, I32 and BOOL are read and written.
 *
 * <pre>{@code
 * SafeTensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(SafeTensors.load(Path.of("model.safetensors")));
 * }</pre>
 *
 * <p>{@link #load} checks the whole file before creating any tensor (header length, JSON,
 * dtypes, shapes against byte counts, offsets in range, contiguous and covering the data), so a
 * bad file throws a {@link FormatException} naming the problem and a model is never half filled.
 */
public final class SafeTensors {
    /** The reference implementation's limit on the header, against absurd lengths in corrupt files. */
    static final long MAX_HEADER = 100_000_000;

    private SafeTensors() {
    }

    /** Writes tensors (in map order) to a safetensors file. */
    public static void save(Map<String, Tensor> tensors, Path file) throws IOException {
        save(tensors, Map.of(), file);
    }

    /** Writes tensors and string metadata ({@code "__metadata__"}). */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) throws IOException {
        Files.write(file, toBytes(tensors, metadata));
    }

    /** The file's bytes for tensors and metadata. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor cannot be named __metadata__");
            }
            Tensor t = e.getValue();
            byte[] data = Elements.encode(t);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", code(t.dtype()));
            List<Object> shape = new ArrayList<>();
            for (long s : t.shape()) {
                shape.add(s);
            }
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, offset + data.length));
            header.put(e.getKey(), info);
            blobs.add(data);
            offset += data.length;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        // Pad the header with spaces to a multiple of 8 so the data is aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        blobs.forEach(out::put);
        return out.array();
    }

    /** Reads every tensor of a safetensors file, in the order of the header. */
    public static Map<String, Tensor> load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file));
    }

    /** The metadata strings of a safetensors file (empty when it has none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        return parse(Files.readAllBytes(file)).metadata;
    }

    /** Reads the tensors of a safetensors file held in memory. */
    public static Map<String, Tensor> fromBytes(byte[] bytes) {
        Parsed p = parse(bytes);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : p.entries) {
            ByteBuffer b = ByteBuffer.wrap(bytes, (int) (p.dataStart + e.begin), (int) (e.end - e.begin));
            out.put(e.name, Elements.decode(b, e.dtype, e.shape));
        }
        return out;
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private record Parsed(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Parsed parse(byte[] bytes) {
        if (bytes.length < 8) {
            throw new FormatException("not a safetensors file: " + bytes.length + " bytes, too short for the 8-byte header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER) {
            throw new FormatException("invalid safetensors header length " + Long.toUnsignedString(n));
        }
        if (8 + n > bytes.length) {
            throw new FormatException("truncated safetensors file: the header needs " + n + " bytes, the file has "
                    + (bytes.length - 8) + " after the length");
        }
        String text = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        if (!(Json.parse(text) instanceof Map<?, ?> header)) {
            throw new FormatException("invalid safetensors header: not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = bytes.length - dataStart;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (var e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) {
                    throw new FormatException("__metadata__ must be an object of strings");
                }
                m.forEach((k, v) -> {
                    if (!(v instanceof String s)) {
                        throw new FormatException("__metadata__ value of \"" + k + "\" is not a string");
                    }
                    metadata.put((String) k, s);
                });
                continue;
            }
            entries.add(entry(name, e.getValue()));
        }
        // The reference implementation's rule: the tensors tile the data exactly, in offset order.
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort((a, b) -> Long.compare(a.begin, b.begin));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.begin != expected) {
                throw new FormatException("invalid data_offsets for \"" + e.name + "\": starts at " + e.begin + ", expected "
                        + expected + " (tensors must be contiguous and not overlap)");
            }
            if (e.end > dataLength) {
                throw new FormatException("data_offsets of \"" + e.name + "\" end at " + e.end + ", beyond the " + dataLength
                        + " data bytes of the file (truncated?)");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw new FormatException("the data section has " + dataLength + " bytes but the tensors cover " + expected);
        }
        return new Parsed(entries, metadata, dataStart);
    }

    private static Entry entry(String name, Object value) {
        if (!(value instanceof Map<?, ?> info)) {
            throw new FormatException("entry \"" + name + "\" is not an object");
        }
        if (!(info.get("dtype") instanceof String code)) {
            throw new FormatException("entry \"" + name + "\" has no dtype");
        }
        DType dtype = dtype(code, name);
        long[] shape = longs(info.get("shape"), "shape", name);
        long[] offsets = longs(info.get("data_offsets"), "data_offsets", name);
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw new FormatException("invalid data_offsets for \"" + name + "\"");
        }
        long bytes = Elements.numel(shape) * Elements.itemSize(dtype);
        if (offsets[1] - offsets[0] != bytes) {
            throw new FormatException("\"" + name + "\": shape " + java.util.Arrays.toString(shape) + " of " + code + " needs "
                    + bytes + " bytes, data_offsets give " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(Object v, String what, String name) {
        if (!(v instanceof List<?> l)) {
            throw new FormatException("entry \"" + name + "\" has no " + what + " list");
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x)) {
                throw new FormatException(what + " of \"" + name + "\" must hold integers");
            }
            out[i] = x;
        }
        return out;
    }

    static String code(DType d) {
        return switch (d) {
            case FLOAT64 -> "F64";
            case FLOAT32 -> "F32";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case BOOL -> "BOOL";
        };
    }

    private static DType dtype(String code, String name) {
        return switch (code) {
            case "F64" -> DType.FLOAT64;
            case "F32" -> DType.FLOAT32;
            case "I64" -> DType.INT64;
            case "I32" -> DType.INT32;
            case "BOOL" -> DType.BOOL;
            default -> throw new FormatException("unsupported dtype " + code + " of \"" + name
                    + "\" (Vectorgrad reads F64, F32, I64, I32 and BOOL)");
        };
    }
}
