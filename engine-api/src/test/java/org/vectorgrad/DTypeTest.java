package org.vectorgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void promotionGoesToTheHigherCategoryThenTheWiderType() {
        assertEquals(DType.FLOAT32, DType.promote(DType.INT64, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT32, DType.FLOAT64));
        assertEquals(DType.INT64, DType.promote(DType.INT32, DType.INT64));
        assertEquals(DType.INT32, DType.promote(DType.BOOL, DType.INT32));
    }

    @Test
    void parseAcceptsPyTorchNamesAndRejectsOthersByName() {
        assertEquals(DType.FLOAT64, DType.parse("torch.float64"));
        assertEquals(DType.INT64, DType.parse("long"));
        var e = assertThrows(IllegalArgumentException.class, () -> DType.parse("float16"));
        assertEquals("unknown dtype 'float16'; known dtypes: bool, int32, int64, float32, float64", e.getMessage());
    }
}
