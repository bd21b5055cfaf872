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
     * {@link BoxMuller#blocks(float[], int, int, float, float)}, the same bits. One method on purpose: a
     * vector passed to or returned from a call C2 does not inline is boxed, which costs more than the math.
     */
    static void blocks(float[] d, int offset, int blocks, float mean, float std) {
        FloatVector zero = FloatVector.zero(S);
        for (int b = 0; b < blocks; b++) {
            int at = offset + b * BoxMuller.BLOCK;
            for (int j = at; j < at + HALF; j += S.length()) {
                // log256_ps of 1 - u1, in (0, 1] for uniforms in [0, 1), so never zero, negative or NaN
                FloatVector x = FloatVector.broadcast(S, 1f).sub(FloatVector.fromArray(S, d, j));
                IntVector bits = x.max(Float.MIN_NORMAL).reinterpretAsInts();
                FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(0x7f)
                        .convert(VectorOperators.I2F, 0)).add(1f);
                FloatVector m = bits.and(~0x7f800000).or(Float.floatToRawIntBits(0.5f)).reinterpretAsFloats();
                VectorMask<Float> small = m.lt(SQRT_HALF);
                e = e.sub(1f, small);
                m = m.sub(1f).add(zero.blend(m, small));
                FloatVector z = m.mul(m);
                FloatVector p = m.fma(LOG_P0, LOG_P1).fma(m, bc(LOG_P2)).fma(m, bc(LOG_P3)).fma(m, bc(LOG_P4))
                        .fma(m, bc(LOG_P5)).fma(m, bc(LOG_P6)).fma(m, bc(LOG_P7)).fma(m, bc(LOG_P8));
                p = p.mul(m).fma(z, e.mul(LOG_Q1));
                p = z.neg().fma(bc(0.5f), p);
                FloatVector radius = e.fma(bc(LOG_Q2), m.add(p)).mul(-2f).sqrt();

                // sincos256_ps of 2 pi u2, in [0, 2 pi)
                FloatVector angle = FloatVector.fromArray(S, d, j + HALF).mul(TWO_PI_F);
                IntVector sinSign = angle.reinterpretAsInts().and(0x80000000);
                FloatVector a = angle.abs();
                IntVector octant = ((IntVector) a.mul(FOUR_OVER_PI).convert(VectorOperators.F2I, 0)).add(1).and(~1);
                FloatVector y = (FloatVector) octant.convert(VectorOperators.I2F, 0);
                sinSign = sinSign.lanewise(VectorOperators.XOR, octant.and(4).lanewise(VectorOperators.LSHL, 29));
                IntVector cosSign = octant.sub(2).not().and(4).lanewise(VectorOperators.LSHL, 29);
                VectorMask<Float> sinUsesSinPoly = octant.and(2).eq(0).cast(S);
                a = y.fma(bc(MINUS_DP1), a);
                a = y.fma(bc(MINUS_DP2), a);
                a = y.fma(bc(MINUS_DP3), a);
                FloatVector t = a.mul(a);
                FloatVector cosPoly = t.fma(COS_P0, COS_P1).fma(t, bc(COS_P2)).mul(t);
                cosPoly = cosPoly.fma(t, t.mul(0.5f).neg()).add(1f);
                FloatVector sinPoly = t.fma(SIN_P0, SIN_P1).fma(t, bc(SIN_P2)).mul(t);
                sinPoly = sinPoly.fma(a, a);
                FloatVector sinPart = zero.blend(sinPoly, sinUsesSinPoly);
                FloatVector cosPart = cosPoly.blend(zero, sinUsesSinPoly);
                FloatVector sin = cosPart.add(sinPart).reinterpretAsInts()
                        .lanewise(VectorOperators.XOR, sinSign).reinterpretAsFloats();
                FloatVector cos = cosPoly.sub(cosPart).add(sinPoly.sub(sinPart)).reinterpretAsInts()
                        .lanewise(VectorOperators.XOR, cosSign).reinterpretAsFloats();

                radius.mul(cos).fma(std, mean).intoArray(d, j);
                radius.mul(sin).fma(std, mean).intoArray(d, j + HALF);
            }
        }
    }

    private static FloatVector bc(float c) {
        return FloatVector.broadcast(S, c);
    }
}
