package org.vectorgrad.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Backend#inRange}: every index in {@code [0, size)}, at the edges and the extremes of a long. */
class IndexRangeTest {

    @Test
    void acceptsExactlyTheIndicesFromZeroToSizeLessOne() {
        assertTrue(Backend.inRange(new long[0], 0));
        assertTrue(Backend.inRange(new long[] {0, 4, 2}, 5));
        assertFalse(Backend.inRange(new long[] {0, 5, 2}, 5));
        assertFalse(Backend.inRange(new long[] {0, -1, 2}, 5));
        assertFalse(Backend.inRange(new long[] {0}, 0));
        assertFalse(Backend.inRange(new long[] {Long.MIN_VALUE}, 5));
        assertFalse(Backend.inRange(new long[] {Long.MAX_VALUE}, 5));
        assertFalse(Backend.inRange(new long[] {Long.MIN_VALUE + 4}, 5));
        assertTrue(Backend.inRange(new long[] {Integer.MAX_VALUE - 9L}, Integer.MAX_VALUE - 8L));
        long[] many = new long[1000];
        java.util.Arrays.setAll(many, i -> i % 7);
        assertTrue(Backend.inRange(many, 7));
        many[777] = 7;   // one bad index among many, past the vector loop's first blocks
        assertFalse(Backend.inRange(many, 7));
    }
}
