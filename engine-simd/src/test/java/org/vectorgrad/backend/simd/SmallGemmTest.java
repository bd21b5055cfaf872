package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.simd.Gemm.Matrix;
import org.vectorgrad.backend.simd.LinalgReference.Form;
import org.vectorgrad.backend.simd.LinalgReference.Operand;

/**
 * SmallGemm computes every element as one chain of fused multiply-adds in k order, whatever the
 * layouts, the orientation it picks (C = A B or C^T = B^T A^T), the tile edges and the split across
 * threads (by columns or by rows of C, into even and uneven shares): each element is
 * compared bit for bit with that chain computed by {@link Math#fma}, and nothing outside C is written.
 */
class SmallGemmTest {
    private static final Form[] FORMS = {Form.CONTIGUOUS, Form.TRANSPOSED, Form.STEPPED};

    @Test
    void everyElementIsTheFmaChainInKOrder() {
        int nr = SmallGemm.NR;
        int mr = SmallGemm.MR;
        int[][] shapes = {
            {64, 128, 64}, {64, 10, 128}, {64, 128, 10}, {128, 10, 64},   // the two-layer MLP's products
            {mr, nr, 1}, {mr + 1, nr + 1, 3}, {mr - 1, nr - 1, 9}, {2, 2 * nr + 3, 17}, {2 * nr + 3, 2, 17}, {1, 5, 8},
        };
        SplittableRandom rnd = new SplittableRandom(15);
        for (int[] s : shapes) {
            for (Form fa : FORMS) {
                for (Form fb : FORMS) {
                    for (Form fc : FORMS) {
                        for (int threads = 1; threads <= 3; threads++) {
                            check(s[0], s[1], s[2], fa, fb, fc, threads, rnd);
                        }
                    }
                }
            }
        }
    }

    /**
     * Products whose k fits one k block of {@link Gemm} go to SmallGemm up to 512 x 512 operands
     * ({@link SimdLinalg#SMALL_OPERAND_MAX}) on the promise that the packed path gives the same bits.
     */
    @Test
    void sameBitsAsThePackedPathWithinOneKBlock() {
        Gemm gemm = SimdLinalg.Gemms.FLOAT32;
        SplittableRandom rnd = new SplittableRandom(16);
        // k of the 784-input layer fits one k block at 256 bits (KC 1024), not at 512 (KC 512), where
        // SimdLinalg sends it to the blocked path instead: the test takes the largest k that fits
        int[][] shapes = {{32, 128, Math.min(784, gemm.kcMax())}, {130, 70, 200}, {37, 45, gemm.kcMax()}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (Form fb : FORMS) {
                Operand a = LinalgReference.operand(DType.FLOAT32, 1, m, k, Form.CONTIGUOUS, rnd);
                Operand b = LinalgReference.operand(DType.FLOAT32, 1, k, n, fb, rnd);
                Operand small = LinalgReference.output(DType.FLOAT32, 1, m, n, Form.CONTIGUOUS);
                Operand packed = LinalgReference.output(DType.FLOAT32, 1, m, n, Form.CONTIGUOUS);
                Matrix am = a.matrix(0);
                Matrix bm = b.matrix(0);
                Matrix cm = small.matrix(0);
                SmallGemm.multiply(m, n, k, (float[]) am.buf(), am.off(), am.rs(), am.cs(), (float[]) bm.buf(), bm.off(),
                        bm.rs(), bm.cs(), (float[]) cm.buf(), cm.off(), cm.rs(), cm.cs(), 2);
                gemm.packed(m, n, k, am, bm, packed.matrix(0), 1);
                float[] x = (float[]) small.buf();
                float[] y = (float[]) packed.buf();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(Float.floatToRawIntBits(y[i]), Float.floatToRawIntBits(x[i]),
                            m + "x" + k + "x" + n + " B " + fb + " at " + i);
                }
            }
        }
    }

    private static void check(int m, int n, int k, Form fa, Form fb, Form fc, int threads, SplittableRandom rnd) {
        Operand a = LinalgReference.operand(DType.FLOAT32, 1, m, k, fa, rnd);
        Operand b = LinalgReference.operand(DType.FLOAT32, 1, k, n, fb, rnd);
        Operand c = LinalgReference.output(DType.FLOAT32, 1, m, n, fc);
        Matrix am = a.matrix(0);
        Matrix bm = b.matrix(0);
        Matrix cm = c.matrix(0);
        SmallGemm.multiply(m, n, k, (float[]) am.buf(), am.off(), am.rs(), am.cs(), (float[]) bm.buf(), bm.off(), bm.rs(),
                bm.cs(), (float[]) cm.buf(), cm.off(), cm.rs(), cm.cs(), threads);
        String what = m + "x" + k + "x" + n + " A " + fa + " B " + fb + " C " + fc + " on " + threads + " threads";
        float[] got = (float[]) c.buf();
        boolean[] inC = new boolean[got.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float chain = 0f;
                for (int p = 0; p < k; p++) {
                    chain = Math.fma((float) a.get(0, i, p), (float) b.get(0, p, j), chain);
                }
                int at = cm.at(i, j);
                inC[at] = true;
                assertEquals(Float.floatToRawIntBits(chain), Float.floatToRawIntBits(got[at]), what + " at (" + i + ", " + j + ")");
            }
        }
        for (int p = 0; p < got.length; p++) {
            if (!inC[p]) {
                assertEquals(Float.NaN, got[p], what + ": wrote outside C at " + p);
            }
        }
    }
}
