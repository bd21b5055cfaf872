package org.vectorgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * NumPy's {@code .npy} format for one tensor, as {@code np.save} / {@code np.load}: the magic
 * {@code \x93NUMPY}, a version, a Python-literal header ({@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (2, 3), }}) padded to 64 bytes, then the raw data. Reads versions 1 to 3,
 * C or Fortran order, little-endian {@code f4 f8 i4 i8} and {@code b1}; writes version 1.0.
 *
 * <pre>{@code
 * Npy.save(Tensor.arange(6.).view(2, 3), Path.of("x.npy"));   // np.load("x.npy") reads it back
 * Tensor x = Npy.load(Path.of("x.npy"));
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static void save(Tensor t, Path file) throws IOException {
        Files.write(file, toBytes(t));
    }

    /** The bytes {@code np.save} would write for t (version 1.0, C order). */
    public static byte[] toBytes(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        long[] s = t.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(i == 0 ? "" : ", ").append(s[i]);
        }
        shape.append(s.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr(t.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        byte[] data = Elements.encode(t);
        ByteBuffer out = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        return out.put(data).array();
    }

    public static Tensor load(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file));
    }

    /** The tensor an {@code .npy} file held in memory describes; a bad file is a {@link FormatException}. */
    public static Tensor fromBytes(byte[] bytes) {
        if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
            throw new FormatException("not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = Short.toUnsignedInt(b.getShort(8));
                headerStart = 10;
            }
            case 2, 3 -> {
                if (bytes.length < 12) {
                    throw new FormatException("truncated .npy header");
                }
                headerLength = Integer.toUnsignedLong(b.getInt(8));
                headerStart = 12;
            }
            default -> throw new FormatException("unsupported .npy format version " + major + "." + bytes[7]);
        }
        if (headerStart + headerLength > bytes.length) {
            throw new FormatException("truncated .npy header: " + headerLength + " bytes announced, "
                    + (bytes.length - headerStart) + " present");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DType dtype = dtype(find(DESCR, header, "descr"));
        boolean fortran = find(FORTRAN, header, "fortran_order").equals("True");
        long[] shape = shape(find(SHAPE, header, "shape"));
        long n = Elements.numel(shape);
        long dataStart = headerStart + headerLength;
        long need = n * Elements.itemSize(dtype);
        if (bytes.length - dataStart < need) {
            throw new FormatException("truncated .npy data: shape " + java.util.Arrays.toString(shape) + " needs " + need
                    + " bytes, the file has " + (bytes.length - dataStart));
        }
        if (bytes.length - dataStart > need) {
            throw new FormatException(".npy file has " + (bytes.length - dataStart - need) + " bytes after the data");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) need);
        if (!fortran || shape.length < 2) {
            return Elements.decode(data, dtype, shape);
        }
        long[] reversed = new long[shape.length];
        int[] order = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            reversed[i] = shape[shape.length - 1 - i];
            order[i] = shape.length - 1 - i;
        }
        return Elements.decode(data, dtype, reversed).permute(order).contiguous();
    }

    private static String find(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new FormatException("invalid .npy header (no '" + key + "'): " + header.strip());
        }
        return m.group(1);
    }

    private static long[] shape(String s) {
        String[] parts = s.split(",");
        return java.util.Arrays.stream(parts).map(String::strip).filter(x -> !x.isEmpty()).mapToLong(x -> {
            try {
                return Long.parseLong(x.endsWith("L") ? x.substring(0, x.length() - 1) : x);
            } catch (NumberFormatException e) {
                throw new FormatException("invalid .npy shape (" + s + ")");
            }
        }).toArray();
    }

    private static String descr(DType d) {
        return switch (d) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case BOOL -> "|b1";
        };
    }

    private static DType dtype(String descr) {
        return switch (descr) {
            case "<f4" -> DType.FLOAT32;
            case "<f8" -> DType.FLOAT64;
            case "<i8" -> DType.INT64;
            case "<i4" -> DType.INT32;
            case "|b1" -> DType.BOOL;
            default -> throw new FormatException("unsupported .npy dtype '" + descr
                    + "' (Vectorgrad reads little-endian <f4, <f8, <i4, <i8 and |b1)");
        };
    }
}
