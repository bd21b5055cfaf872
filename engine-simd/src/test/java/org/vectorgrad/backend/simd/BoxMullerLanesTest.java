package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.BoxMuller;

/**
 * The lanes give {@link BoxMuller}'s bits (the port of PyTorch's AVX2 step, itself checked against
 * PyTorch's draws in {@code CpuGeneratorTest}) for every uniform a float32 draw can give: the 2^24
 * multiples of 2^-24 in [0, 1), each once as a radius input and once as an angle input.
 */
class BoxMullerLanesTest {
    private static final int UNIFORMS = 1 << 24;
    private static final int HALF = BoxMuller.BLOCK / 2;

    @Test
    void everyFloat32UniformGivesTheScalarStepsBits() {
        int blocksPerChunk = 1 << 14;
        float[] lanes = new float[blocksPerChunk * BoxMuller.BLOCK];
        float[] scalar = new float[lanes.length];
        for (int first = 0; first < UNIFORMS; first += blocksPerChunk * HALF) {
            for (int b = 0; b < blocksPerChunk; b++) {
                for (int j = 0; j < HALF; j++) {
                    int k = first + b * HALF + j;
                    lanes[b * BoxMuller.BLOCK + j] = k * 0x1p-24f;                           // radius input
                    lanes[b * BoxMuller.BLOCK + HALF + j] = (UNIFORMS - 1 - k) * 0x1p-24f;   // angle input
                }
            }
            compare(lanes, scalar, blocksPerChunk, 0f, 1f);
        }
    }

    @Test
    void meanStdOffsetsAndPartialOverlapsGiveTheScalarStepsBits() {
        SplittableRandom r = new SplittableRandom(7);
        float[][] meanStd = {{0f, 1f}, {0.5f, 2f}, {-3f, 0.01f}, {1e30f, 1e-30f}, {0f, 0f}};
        for (float[] ms : meanStd) {
            int blocks = 37;
            float[] lanes = new float[3 + blocks * BoxMuller.BLOCK];
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = r.nextInt(UNIFORMS) * 0x1p-24f;
            }
            float[] before = lanes.clone();
            BoxMullerLanes.blocks(lanes, 3, blocks, ms[0], ms[1]);
            BoxMuller.blocks(before, 3, blocks, ms[0], ms[1]);
            for (int i = 0; i < lanes.length; i++) {
                assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(lanes[i]),
                        "element " + i + " with mean " + ms[0] + ", std " + ms[1]);
            }
        }
    }

    private static void compare(float[] lanes, float[] scalar, int blocks, float mean, float std) {
        System.arraycopy(lanes, 0, scalar, 0, lanes.length);
        float[] input = lanes.clone();
        BoxMullerLanes.blocks(lanes, 0, blocks, mean, std);
        BoxMuller.blocks(scalar, 0, blocks, mean, std);
        for (int i = 0; i < lanes.length; i++) {
            if (Float.floatToRawIntBits(lanes[i]) != Float.floatToRawIntBits(scalar[i])) {
                int pair = i % BoxMuller.BLOCK % HALF + i / BoxMuller.BLOCK * BoxMuller.BLOCK;
                fail("element " + i + ": lanes " + lanes[i] + ", scalar " + scalar[i] + " for u1 = "
                        + input[pair] + ", u2 = " + input[pair + HALF]);
            }
        }
    }
}
