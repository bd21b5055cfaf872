package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;

/** The reference the bound checks measure against. */
class ExactTest {

    @Test
    void aCorrectlyRoundedProductOnARoundingTieIsWithinTheBound() {
        // -3.0E-309 * 260.546134026596 lies exactly half an ulp from both neighbours; round-to-even
        // gives -7.816384020797881E-307, and hi + lo of the exact sum rounds to the other neighbour.
        double a = -3.0E-309;
        double b = 260.546134026596;
        Exact e = new Exact().addProduct(a, b);
        assertEquals(-7.816384020797881E-307, a * b);
        assertNull(e.check(DType.FLOAT64, a * b));
        assertNotNull(e.check(DType.FLOAT64, Math.nextDown(Math.nextDown(a * b))), "two ulps off is beyond the bound");
    }
}
