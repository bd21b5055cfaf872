package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.scalar.ScalarBackend;

/** Both backends' linspace against torch.linspace's bits (PyTorch 1.13, 1 thread), and the vector one against the scalar loops. */
class LinspaceTest {
    private static final Backend SIMD = new SimdBackend();
    private static final Backend SCALAR = new ScalarBackend();

    @Test
    void float32MatchesPyTorch() {
        // torch.linspace(-math.pi, math.pi, 65536): elements at these positions, as float bits
        int[] at = {0, 1, 7, 12345, 32767, 32768, 32769, 50000, 65534, 65535};
        int[] bits = {0xc0490fdb, 0xc0490e49, 0xc04904dc, 0xbffaa028, 0xb8492140, 0x38492148, 0x3916d0a4,
            0x3fd37a53, 0x40490e49, 0x40490fdb};
        float[] y = new float[65536 + 3];
        SCALAR.linspace(DType.FLOAT32, y, 3, 65536, -Math.PI, Math.PI);
        for (int k = 0; k < at.length; k++) {
            assertEquals(bits[k], Float.floatToRawIntBits(y[3 + at[k]]), "scalar, element " + at[k]);
        }
        SIMD.linspace(DType.FLOAT32, y, 3, 65536, -Math.PI, Math.PI);
        for (int k = 0; k < at.length; k++) {
            assertEquals(bits[k], Float.floatToRawIntBits(y[3 + at[k]]), "element " + at[k]);
        }
    }

    @Test
    void float64MatchesPyTorch() {
        // torch.linspace(-1, 1, 2001, dtype=torch.double)
        int[] at = {0, 3, 999, 1000, 1001, 1500, 2000};
        double[] want = {-1, -0x1.fe76c8b439581p-1, -0x1.0624dd2f1a99cp-10, -0x1.8p-56, 0x1.0624dd2f1a99cp-10, 0.5, 1};
        double[] y = new double[2001];
        SIMD.linspace(DType.FLOAT64, y, 0, 2001, -1, 1);
        for (int k = 0; k < at.length; k++) {
            assertEquals(want[k], y[at[k]], 0, "element " + at[k]);
        }
        // torch.linspace(-2.5, 1e3, 37, dtype=torch.double), every element
        double[] all = {
            -0x1.4000000000000p+1, 0x1.958e38e38e38ep+4, 0x1.a98e38e38e38ep+5, 0x1.442aaaaaaaaaap+6,
            0x1.b38e38e38e38ep+6, 0x1.1178e38e38e39p+7, 0x1.492aaaaaaaaaap+7, 0x1.80dc71c71c71cp+7,
            0x1.b88e38e38e38ep+7, 0x1.f040000000000p+7, 0x1.13f8e38e38e39p+8, 0x1.2fd1c71c71c72p+8,
            0x1.4baaaaaaaaaaap+8, 0x1.67838e38e38e3p+8, 0x1.835c71c71c71cp+8, 0x1.9f35555555554p+8,
            0x1.bb0e38e38e38ep+8, 0x1.d6e71c71c71c7p+8, 0x1.f2c0000000000p+8, 0x1.074c71c71c71cp+9,
            0x1.1538e38e38e39p+9, 0x1.2325555555555p+9, 0x1.3111c71c71c72p+9, 0x1.3efe38e38e38ep+9,
            0x1.4ceaaaaaaaaabp+9, 0x1.5ad71c71c71c7p+9, 0x1.68c38e38e38e4p+9, 0x1.76b0000000000p+9,
            0x1.849c71c71c71cp+9, 0x1.9288e38e38e38p+9, 0x1.a075555555555p+9, 0x1.ae61c71c71c71p+9,
            0x1.bc4e38e38e38ep+9, 0x1.ca3aaaaaaaaabp+9, 0x1.d8271c71c71c7p+9, 0x1.e6138e38e38e4p+9,
            0x1.f400000000000p+9
        };
        for (Backend b : new Backend[] {SIMD, SCALAR}) {
            double[] z = new double[37];
            b.linspace(DType.FLOAT64, z, 0, 37, -2.5, 1e3);
            assertArrayEquals(all, z, 0);
        }
    }

    @Test
    void everyElementAsPyTorch() {
        // torch.linspace(3, -7.25, 100): the blocks from both ends and the elements after the last pair of blocks
        int[] bits = {
            0x40400000, 0x40395fad, 0x4032bf5a, 0x402c1f08, 0x40257eb5, 0x401ede62, 0x40183e10,
            0x40119dbd, 0x400afd6a, 0x40045d17, 0x3ffb7989, 0x3fee38e4, 0x3fe0f83e, 0x3fd3b798,
            0x3fc676f3, 0x3fb9364e, 0x3fabf5a8, 0x3f9eb502, 0x3f91745d, 0x3f8433b8, 0x3f6de624,
            0x3f5364d9, 0x3f38e38e, 0x3f1e6243, 0x3f03e0f8, 0x3ed2bf5a, 0x3e9dbcc4, 0x3e51745c,
            0x3dcede60, 0xbb257f00, 0xbdd93650, 0xbe56a054, 0xbea052c0, 0xbed55556, 0xbf052bf6,
            0xbf1fad41, 0xbf3a2e8c, 0xbf54afd7, 0xbf6f3122, 0xbf84d936, 0xbf9219dc, 0xbf9f5a82,
            0xbfac9b27, 0xbfb9dbcc, 0xbfc71c72, 0xbfd45d18, 0xbfe19dbd, 0xbfeede62, 0xbffc1f08,
            0xc004afd7, 0xc00b502a, 0xc011f07c, 0xc01890cf, 0xc01f3122, 0xc025d174, 0xc02c71c7,
            0xc033121a, 0xc039b26d, 0xc04052c0, 0xc046f312, 0xc04d9365, 0xc05433b8, 0xc05ad40a,
            0xc061745d, 0xc06814b0, 0xc06eb503, 0xc0755556, 0xc07bf5a8, 0xc0814afe, 0xc0849b27,
            0xc087eb50, 0xc08b3b7a, 0xc08e8ba3, 0xc091dbcc, 0xc0952bf6, 0xc0987c1f, 0xc09bcc48,
            0xc09f1c72, 0xc0a26c9b, 0xc0a5bcc5, 0xc0a90cee, 0xc0ac5d17, 0xc0afad41, 0xc0b2fd6a,
            0xc0b64d94, 0xc0b99dbd, 0xc0bcede6, 0xc0c03e10, 0xc0c38e39, 0xc0c6de62, 0xc0ca2e8c,
            0xc0cd7eb5, 0xc0d0cede, 0xc0d41f08, 0xc0d76f31, 0xc0dabf5b, 0xc0de0f84, 0xc0e15fad,
            0xc0e4afd7, 0xc0e80000
        };
        // torch.linspace(-1e-3, 7, 4099) at the halfway block and the tail
        int[] at = {0, 7, 8, 15, 16, 2047, 2048, 2049, 2055, 2056, 4079, 4080, 4081, 4095, 4098};
        int[] some = {0xba83126f, 0x3c338c5f, 0x3c4f89e5, 0x3cc9bc49, 0x3cd7bb0c, 0x405fbfd3, 0x405fdbd1, 0x405ff7cf,
            0x40609fc0, 0x4060bbbe, 0x40def617, 0x40df0416, 0x40df1215, 0x40dfd603, 0x40e00000};
        for (Backend b : new Backend[] {SIMD, SCALAR}) {
            float[] y = new float[100];
            b.linspace(DType.FLOAT32, y, 0, 100, 3, -7.25);
            for (int i = 0; i < 100; i++) {
                assertEquals(bits[i], Float.floatToRawIntBits(y[i]), "element " + i);
            }
            float[] z = new float[4099];
            b.linspace(DType.FLOAT32, z, 0, 4099, -1e-3, 7);
            for (int k = 0; k < at.length; k++) {
                assertEquals(some[k], Float.floatToRawIntBits(z[at[k]]), "element " + at[k]);
            }
        }
    }

    @Test
    void sameBitsAsScalarForEveryTailAndDirection() {
        double[][] ranges = {{-Math.PI, Math.PI}, {3, -7.25}, {0, 1e-30}, {-0.0, 0.0}, {1e30, -1e30}, {5, 5}};
        for (double[] r : ranges) {
            for (int n : new int[] {2, 3, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 4099, (1 << 24) + 3}) {
                float[] f1 = new float[n + 1];
                float[] f2 = new float[n + 1];
                SCALAR.linspace(DType.FLOAT32, f1, 1, n, r[0], r[1]);
                SIMD.linspace(DType.FLOAT32, f2, 1, n, r[0], r[1]);
                assertArrayEquals(f1, f2, "float32 n=" + n + " from " + r[0] + " to " + r[1]);
                if (n < 1 << 20) {
                    double[] d1 = new double[n + 1];
                    double[] d2 = new double[n + 1];
                    SCALAR.linspace(DType.FLOAT64, d1, 1, n, r[0], r[1]);
                    SIMD.linspace(DType.FLOAT64, d2, 1, n, r[0], r[1]);
                    assertArrayEquals(d1, d2, "float64 n=" + n + " from " + r[0] + " to " + r[1]);
                }
            }
        }
    }
}
