package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.BoxMuller.COS_P0;
import static org.vectorgrad.backend.BoxMuller.COS_P1;
import static org.vectorgrad.backend.BoxMuller.COS_P2;
import static org.vectorgrad.backend.BoxMuller.FOUR_OVER_PI;
import static org.vectorgrad.backend.BoxMuller.LOG_P0;
import static org.vectorgrad.backend.BoxMuller.LOG_P1;
import static org.vectorgrad.backend.BoxMuller.LOG_P2;
import static org.vectorgrad.backend.BoxMuller.LOG_P3;
import static org.vectorgrad.backend.BoxMuller.LOG_P4;
import static org.vectorgrad.backend.BoxMuller.LOG_P5;
import static org.vectorgrad.backend.BoxMuller.LOG_P6;
import static org.vectorgrad.backend.BoxMuller.LOG_P7;
import static org.vectorgrad.backend.BoxMuller.LOG_P8;
import static org.vectorgrad.backend.BoxMuller.LOG_Q1;
import static org.vectorgrad.backend.BoxMuller.LOG_Q2;
import static org.vectorgrad.backend.BoxMuller.MINUS_DP1;
import static org.vectorgrad.backend.BoxMuller.MINUS_DP2;
import static org.vectorgrad.backend.BoxMuller.MINUS_DP3;
import static org.vectorgrad.backend.BoxMuller.SIN_P0;
import static org.vectorgrad.backend.BoxMuller.SIN_P1;
import static org.vectorgrad.backend.BoxMuller.SIN_P2;
import static org.vectorgrad.backend.BoxMuller.SQRT_HALF;
import static org.vectorgrad.backend.BoxMuller.TWO_PI_F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.vectorgrad.backend.BoxMuller;

/**
 * float32 {@code normal_}'s Box-Muller step on lanes: {@link BoxMuller}'s operations (avx_mathfun's
 * {@code log256_ps} and {@code sincos256_ps}, FMAs where GCC fuses them) applied to eight pairs at once,
 * as PyTorch's AVX2 kernel does, so every normal has the scalar step's bits ({@code BoxMullerLanesTest}
 * checks every uniform a draw can give). A block's radii come from its first eight uniforms and its
 * angles from the last eight, so the vectors are 256 bits wide on 256- and 512-bit machines and two
 * 128-bit halves on 128-bit ones.
 */
final class BoxMullerLanes {
    private static final VectorSpecies<Float> S = Widths.BITS >= 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = S.vectorShape().withLanes(int.class);
    private static final int HALF = BoxMuller.BLOCK / 2;

    private BoxMullerLanes() {
    }

    /**
     * {@link BoxMuller#blocks(float[], int, int, float, float)}, the same bits: the radii in place first, then
     * the rotation. Two passes because one method doing both is beyond what C2 inlines whole, and a
     * vector passed to or returned from a call C2 does not inline is boxed, which costs more than the math.
     */
    static void blocks(float[] d, int offset, int blocks, float mean, float std) {
        radii(d, offset, blocks);
        rotate(d, offset, blocks, mean, std);
    }

    /** {@code sqrt(-2 log(1 - u1))} in place of each block's first eight uniforms, with {@code log256_ps}. */
    private static void radii(float[] d, int offset, int blocks) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector p2 = bc(LOG_P2), p3 = bc(LOG_P3), p4 = bc(LOG_P4), p5 = bc(LOG_P5), p6 = bc(LOG_P6);
        FloatVector p7 = bc(LOG_P7), p8 = bc(LOG_P8), half = bc(0.5f), q2 = bc(LOG_Q2);
        for (int b = 0; b < blocks; b++) {
            int at = offset + b * BoxMuller.BLOCK;
            for (int j = at; j < at + HALF; j += S.length()) {
                // 1 - u1 is in (0, 1] for uniforms in [0, 1): never zero, negative or NaN
                FloatVector x = FloatVector.broadcast(S, 1f).sub(FloatVector.fromArray(S, d, j));
                IntVector bits = x.max(Float.MIN_NORMAL).reinterpretAsInts();
                FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(0x7f)
                        .convert(VectorOperators.I2F, 0)).add(1f);
                FloatVector m = bits.and(~0x7f800000).or(Float.floatToRawIntBits(0.5f)).reinterpretAsFloats();
                VectorMask<Float> small = m.lt(SQRT_HALF);
                e = e.sub(1f, small);
                m = m.sub(1f).add(zero.blend(m, small));
                FloatVector z = m.mul(m);
                FloatVector y = m.fma(LOG_P0, LOG_P1).fma(m, p2).fma(m, p3).fma(m, p4).fma(m, p5).fma(m, p6)
                        .fma(m, p7).fma(m, p8);
                y = y.mul(m).fma(z, e.mul(LOG_Q1));
                y = z.neg().fma(half, y);
                e.fma(q2, m.add(y)).mul(-2f).sqrt().intoArray(d, j);
            }
        }
    }

    /** Each radius times the cosine and sine of {@code 2 pi u2} ({@code sincos256_ps}), times std plus mean. */
    private static void rotate(float[] d, int offset, int blocks, float mean, float std) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector dp1 = bc(MINUS_DP1), dp2 = bc(MINUS_DP2), dp3 = bc(MINUS_DP3);
        FloatVector c2 = bc(COS_P2), s2 = bc(SIN_P2), minusHalf = bc(-0.5f);
        FloatVector stds = bc(std), means = bc(mean);
        for (int b = 0; b < blocks; b++) {
            int at = offset + b * BoxMuller.BLOCK;
            for (int j = at; j < at + HALF; j += S.length()) {
                FloatVector radius = FloatVector.fromArray(S, d, j);
                FloatVector x = FloatVector.fromArray(S, d, j + HALF).mul(TWO_PI_F);   // in [0, 2 pi)
                IntVector sinSign = x.reinterpretAsInts().and(0x80000000);
                x = x.abs();
                IntVector octant = ((IntVector) x.mul(FOUR_OVER_PI).convert(VectorOperators.F2I, 0)).add(1).and(~1);
                FloatVector y = (FloatVector) octant.convert(VectorOperators.I2F, 0);
                sinSign = sinSign.lanewise(VectorOperators.XOR, octant.and(4).lanewise(VectorOperators.LSHL, 29));
                IntVector cosSign = octant.sub(2).not().and(4).lanewise(VectorOperators.LSHL, 29);
                VectorMask<Float> sinUsesSinPoly = octant.and(2).eq(0).cast(S);
                x = y.fma(dp1, x);
                x = y.fma(dp2, x);
                x = y.fma(dp3, x);
                FloatVector z = x.mul(x);
                FloatVector cosPoly = z.fma(COS_P0, COS_P1).fma(z, c2).mul(z);
                cosPoly = cosPoly.fma(z, z.mul(minusHalf)).add(1f);
                FloatVector sinPoly = z.fma(SIN_P0, SIN_P1).fma(z, s2).mul(z);
                sinPoly = sinPoly.fma(x, x);
                FloatVector sinPart = zero.blend(sinPoly, sinUsesSinPoly);
                FloatVector cosPart = cosPoly.blend(zero, sinUsesSinPoly);
                FloatVector sin = cosPart.add(sinPart).reinterpretAsInts()
                        .lanewise(VectorOperators.XOR, sinSign).reinterpretAsFloats();
                FloatVector cos = cosPoly.sub(cosPart).add(sinPoly.sub(sinPart)).reinterpretAsInts()
                        .lanewise(VectorOperators.XOR, cosSign).reinterpretAsFloats();
                radius.mul(cos).fma(stds, means).intoArray(d, j);
                radius.mul(sin).fma(stds, means).intoArray(d, j + HALF);
            }
        }
    }

    private static FloatVector bc(float c) {
        return FloatVector.broadcast(S, c);
    }
}
