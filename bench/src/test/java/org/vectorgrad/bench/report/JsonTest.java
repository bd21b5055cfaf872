package org.vectorgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsNestedValuesInOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e3, true, null], \"a\": {\"s\": \"x\\\"y\\u00b5\\n\"}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(Arrays.asList(1.0, -2500.0, true, null), m.get("b"));
        assertEquals("x\"yµ\n", ((Map<?, ?>) m.get("a")).get("s"));
    }

    @Test
    void numbersWrittenAsStringsByJmh() {
        assertTrue(Double.isNaN(Json.number("NaN")));
        assertEquals(Double.POSITIVE_INFINITY, Json.number("Infinity"));
        assertEquals(3.5, Json.number(3.5));
    }

    @Test
    void malformedInputNamesThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertEquals("malformed JSON at character 5: expected ']'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }
}
