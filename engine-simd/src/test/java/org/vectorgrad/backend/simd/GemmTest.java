package org.vectorgrad.backend.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vectorgrad.DType;
import org.vectorgrad.backend.simd.LinalgReference.Form;
import org.vectorgrad.backend.simd.LinalgReference.Operand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vectorgrad.backend.simd.GemmMicroKernel.MR;
import static org.vectorgrad.backend.simd.LinalgReference.assertProduct;
import static org.vectorgrad.backend.simd.LinalgReference.operand;
import static org.vectorgrad.backend.simd.LinalgReference.output;

/**
 * The packed and direct GEMM paths, called directly so that each is exercised at every size. Tiny
 * block sizes make the NC, KC and MC loops run several partial iterations on small matrices.
 */
class GemmTest {

    private static final Form[] OPERAND_FORMS = {Form.CONTIGUOUS, Form.TRANSPOSED, Form.STEPPED};

    private static Gemm tinyBlocks(DType dtype) {
        GemmMicroKernel mk = micro(dtype);
        return new Gemm(kernels(dtype), mk, 8, 2 * MR, 2 * mk.nr);
    }

    private static GemmMicroKernel micro(DType dtype) {
        return dtype == DType.FLOAT32 ? GemmMicroKernel.FLOAT32 : GemmMicroKernel.FLOAT64;
    }

    private static VectorKernels kernels(DType dtype) {
        return dtype == DType.FLOAT32 ? VectorKernels.FLOAT32 : VectorKernels.FLOAT64;
    }

    private static int[] edgeSizes(int nr) {
        return new int[] {1, 2, MR - 1, MR, MR + 1, nr - 1, nr, nr + 1, 2 * MR + 1, 2 * nr + 3};
    }

    @Test
    void packedWithTinyBlocksCoversEveryEdgeAndForm() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Gemm gemm = tinyBlocks(dtype);
            int[] sizes = edgeSizes(micro(dtype).nr);
            int[] depths = {1, 7, 8, 9, 17};
            SplittableRandom rnd = new SplittableRandom(1);
            int form = 0;
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : depths) {
                        // rotate through all 27 form combinations across the sizes
                        Form fa = OPERAND_FORMS[form % 3], fb = OPERAND_FORMS[form / 3 % 3], fc = OPERAND_FORMS[form / 9 % 3];
                        form++;
                        Operand a = operand(dtype, 1, m, k, fa, rnd);
                        Operand b = operand(dtype, 1, k, n, fb, rnd);
                        Operand c = output(dtype, 1, m, n, fc);
                        gemm.packed(m, n, k, a.matrix(0), b.matrix(0), c.matrix(0), 1);
                        assertProduct(a, b, c, dtype + " packed A " + fa + " B " + fb + " C " + fc);
                    }
                }
            }
        }
    }

    @Test
    void packedSplitsRowsOrColumnsAcrossThreads() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Gemm gemm = tinyBlocks(dtype);
            int nr = micro(dtype).nr;
            SplittableRandom rnd = new SplittableRandom(2);
            // the last two are one (jc, pc) step (k <= 8, n <= 2 NR): each thread packs its own B, by rows and by columns
            int[][] shapes = {{37, 3 * nr + 1, 19}, {5, 5 * nr + 3, 17}, {MR + 1, nr + 1, 9}, {60, 60, 30},
                {40, 2 * nr, 8}, {5, 2 * nr - 3, 6}};
            for (int[] s : shapes) {
                for (int threads : new int[] {2, 3}) {
                    for (Form f : OPERAND_FORMS) {
                        Operand a = operand(dtype, 1, s[0], s[2], f, rnd);
                        Operand b = operand(dtype, 1, s[2], s[1], f, rnd);
                        Operand c = output(dtype, 1, s[0], s[1], f);
                        gemm.packed(s[0], s[1], s[2], a.matrix(0), b.matrix(0), c.matrix(0), threads);
                        assertProduct(a, b, c, dtype + " packed on " + threads + " threads, " + f);
                    }
                }
            }
        }
    }

    @Test
    void packedWithRealBlockSizesAroundKcAndMc() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Gemm gemm = dtype == DType.FLOAT32 ? SimdLinalg.Gemms.FLOAT32 : SimdLinalg.Gemms.FLOAT64;
            int kc = gemm.kcMax(), mc = gemm.mcMax();
            SplittableRandom rnd = new SplittableRandom(3);
            int[][] shapes = {{mc + 1, 65, kc + 1}, {63, 130, kc - 1}, {mc - 1, 17, 2 * kc + 3}, {130, 257, 63}};
            for (int[] s : shapes) {
                Form fa = s[0] % 2 == 0 ? Form.TRANSPOSED : Form.CONTIGUOUS;
                Operand a = operand(dtype, 1, s[0], s[2], fa, rnd);
                Operand b = operand(dtype, 1, s[2], s[1], Form.STEPPED, rnd);
                Operand c = output(dtype, 1, s[0], s[1], Form.CONTIGUOUS);
                gemm.packed(s[0], s[1], s[2], a.matrix(0), b.matrix(0), c.matrix(0), 2);
                assertProduct(a, b, c, dtype + " packed, real blocks, A " + fa);
            }
        }
    }

    @Test
    void packedCrossesTheNcBoundary() {
        DType dtype = DType.FLOAT64;
        Gemm gemm = SimdLinalg.Gemms.FLOAT64;
        int n = gemm.ncMax() + micro(dtype).nr + 3;
        SplittableRandom rnd = new SplittableRandom(4);
        Operand a = operand(dtype, 1, 7, 5, Form.CONTIGUOUS, rnd);
        Operand b = operand(dtype, 1, 5, n, Form.CONTIGUOUS, rnd);
        Operand c = output(dtype, 1, 7, n, Form.CONTIGUOUS);
        gemm.packed(7, n, 5, a.matrix(0), b.matrix(0), c.matrix(0), 2);
        assertProduct(a, b, c, "packed across NC");
    }

    @Test
    void directCoversEveryEdgeWithRowContiguousB() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Gemm gemm = tinyBlocks(dtype);
            int[] sizes = edgeSizes(micro(dtype).nr);
            SplittableRandom rnd = new SplittableRandom(5);
            int form = 0;
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : new int[] {1, 3, 17, 64}) {
                        Form fa = OPERAND_FORMS[form % 3], fc = OPERAND_FORMS[form / 3 % 3];
                        form++;
                        Operand a = operand(dtype, 1, m, k, fa, rnd);
                        Operand b = operand(dtype, 1, k, n, Form.CONTIGUOUS, rnd);
                        Operand c = output(dtype, 1, m, n, fc);
                        gemm.direct(m, n, k, a.matrix(0), b.matrix(0), c.matrix(0), 1 + form % 3);
                        assertProduct(a, b, c, dtype + " direct A " + fa + " C " + fc);
                    }
                }
            }
        }
    }

    @Test
    void cacheSizesComeFromSysfsWithDefaultsForWhatIsMissing(@TempDir Path dir) throws IOException {
        cache(dir, 0, 1, "Data", "48K");
        cache(dir, 1, 1, "Instruction", "32K");
        cache(dir, 2, 2, "Unified", "2048K");
        assertEquals(new Gemm.Caches(48 << 10, 2 << 20, 32 << 20), Gemm.Caches.read(dir));
        assertEquals(Gemm.Caches.DEFAULT, Gemm.Caches.read(dir.resolve("absent")));
        assertEquals(32 << 20, Gemm.Caches.bytes("32M"));
        assertEquals(512, Gemm.Caches.bytes("512"));
        assertEquals(0, Gemm.Caches.bytes("lots"));
    }

    private static void cache(Path dir, int index, int level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }

    @Test
    void scalarTwinOfTheMicroKernelsGivesTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            GemmMicroKernel mk = micro(dtype);
            VectorKernels vk = kernels(dtype);
            int nr = mk.nr;
            for (int kc : new int[] {1, 7, 64, 333}) {
                Object a = vk.newBuffer(MR * kc + 5);
                Object b = vk.newBuffer(kc * nr + 3);
                for (int i = 0; i < vk.length(a); i++) {
                    vk.set(a, i, rnd.nextDouble(-1, 1));
                }
                for (int i = 0; i < vk.length(b); i++) {
                    vk.set(b, i, rnd.nextDouble(-1, 1));
                }
                for (boolean add : new boolean[] {false, true}) {
                    Object start = vk.newBuffer(MR * nr);
                    for (int i = 0; i < MR * nr; i++) {
                        vk.set(start, i, rnd.nextDouble(-1, 1));
                    }
                    Object v = copy(vk, start), s = copy(vk, start);
                    mk.packedVectors(kc, a, 2, b, 1, v, 0, nr, add);
                    mk.scalar(kc, a, 2, 1, MR, MR, b, 1, nr, s, 0, nr, add);
                    assertBitsEqual(vk, v, s, dtype + " packed kc=" + kc + " add=" + add);
                    for (int rows = 1; rows <= MR; rows++) {
                        v = copy(vk, start);
                        s = copy(vk, start);
                        mk.directVectors(kc, a, 1, kc, 1, rows, b, 0, nr, v, 0, nr, add);
                        mk.scalar(kc, a, 1, kc, 1, rows, b, 0, nr, s, 0, nr, add);
                        assertBitsEqual(vk, v, s, dtype + " direct kc=" + kc + " rows=" + rows + " add=" + add);
                    }
                }
            }
        }
    }

    @Test
    void packingFourRowsOfAPlacesEveryElement() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            GemmMicroKernel mk = micro(dtype);
            VectorKernels vk = kernels(dtype);
            for (int kc : new int[] {1, 3, 4, 8, 9, 16, 23, 64}) {
                int rs = kc + 5;
                Object src = vk.newBuffer(3 + MR * rs);
                for (int i = 0; i < vk.length(src); i++) {
                    vk.set(src, i, i);
                }
                for (int cs : new int[] {1, 2}) {
                    int width = cs == 1 ? kc : kc / 2;
                    Object dst = vk.newBuffer(1 + MR * width);
                    mk.packA(src, 3, rs, cs, width, dst, 1);
                    for (int p = 0; p < width; p++) {
                        for (int r = 0; r < MR; r++) {
                            assertEquals(3 + r * rs + p * cs, vk.get(dst, 1 + p * MR + r),
                                    dtype + " kc=" + width + " cs=" + cs + " p=" + p + " r=" + r);
                        }
                    }
                }
            }
        }
    }

    @Test
    void packingAPanelOfTransposedColumnsPlacesEveryElementAndZeroPads() {
        // sources contiguous along k (ks = 1), a transposed B: the register-transpose path and its rims
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            VectorKernels vk = kernels(dtype);
            int width = micro(dtype).nr;
            for (int kc : new int[] {1, 7, 8, 9, 16, 23, 64}) {
                for (int w : new int[] {1, 7, 8, 9, width - 1, width}) {
                    if (w > width) {
                        continue;
                    }
                    int rs = kc + 3;
                    Object src = vk.newBuffer(2 + w * rs);
                    for (int i = 0; i < vk.length(src); i++) {
                        vk.set(src, i, i);
                    }
                    Object dst = vk.newBuffer(1 + kc * width + 1);
                    for (int i = 0; i < vk.length(dst); i++) {
                        vk.set(dst, i, -1);
                    }
                    vk.packPanel(src, 2, rs, 1, w, width, kc, dst, 1);
                    assertEquals(-1.0, vk.get(dst, 0));
                    assertEquals(-1.0, vk.get(dst, 1 + kc * width));
                    for (int p = 0; p < kc; p++) {
                        for (int r = 0; r < width; r++) {
                            assertEquals(r < w ? 2 + r * rs + p : 0, vk.get(dst, 1 + p * width + r),
                                    dtype + " kc=" + kc + " w=" + w + " p=" + p + " r=" + r);
                        }
                    }
                }
            }
        }
    }

    private static Object copy(VectorKernels vk, Object src) {
        Object c = vk.newBuffer(vk.length(src));
        System.arraycopy(src, 0, c, 0, vk.length(src));
        return c;
    }

    private static void assertBitsEqual(VectorKernels vk, Object expected, Object actual, String what) {
        for (int i = 0; i < vk.length(expected); i++) {
            assertEquals(Double.doubleToRawLongBits(vk.get(expected, i)), Double.doubleToRawLongBits(vk.get(actual, i)),
                    what + " at " + i);
        }
    }
}
