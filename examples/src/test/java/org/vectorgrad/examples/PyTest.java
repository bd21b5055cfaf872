package org.vectorgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/** Python's reprs, checked against what Python 3.11 prints for the same values. */
class PyTest {
    @Test
    void floatReprIsPythonsShortestRepr() {
        assertEquals("5e-324", Py.floatRepr(Double.MIN_VALUE));   // Java's toString says 4.9E-324
        assertEquals("1e+16", Py.floatRepr(1e16));
        assertEquals("1000000000000000.0", Py.floatRepr(1e15));
        assertEquals("0.0001", Py.floatRepr(0.0001));
        assertEquals("1e-05", Py.floatRepr(1e-5));
        assertEquals("9.5e-05", Py.floatRepr(9.5e-5));
        assertEquals("-0.0", Py.floatRepr(-0.0));
        assertEquals("0.30000000000000004", Py.floatRepr(0.1 + 0.2));
        assertEquals("1.5e+300", Py.floatRepr(1.5e300));
        assertEquals("123456789.125", Py.floatRepr(123456789.125));
        assertEquals("2.5", Py.floatRepr(2.5));
    }

    @Test
    void fixedRoundsTheExactValueHalfToEven() {
        assertEquals("0.12", Py.fixed(0.125, 2));   // String.format gives 0.13
        assertEquals("2.67", Py.fixed(2.675, 2));   // 2.675 is 2.67499999... in binary
        assertEquals("-0.000", Py.fixed(-0.0001, 3));
    }

    @Test
    void containersUseTheReprOfTheirItems() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("x", 3);
        kwargs.put("c", 4);
        assertEquals("{'x': 3, 'c': 4}", Py.repr(kwargs));
        assertEquals("(1,)", Py.repr(Py.tuple(new long[] {1})));
        assertEquals("(10, 1)", Py.repr(Py.tuple(new long[] {10, 1})));
        assertEquals("('a', None, True)", Py.repr(Py.tuple("a", null, true)));
        assertEquals("[0.5, -1.0]", Py.repr(List.of(0.5, -1.0)));
        assertEquals("[[1, -2], [3, 4]]", Py.tolist(Tensor.of(new long[][] {{1, -2}, {3, 4}})));
        assertEquals("[True, False]", Py.tolist(Tensor.of(true, false)));
        assertEquals("[0.10000000149011612, 9.99999993922529e-09]", Py.tolist(Tensor.of(0.1, 1e-8)));
        assertEquals("a 'b' False", String.join(" ", Py.str("a"), Py.repr("b"), Py.str(false)));
        assertEquals("[1, 2]", Py.repr(new long[] {1, 2}));
        assertEquals("[0.5, 1e-07]", Py.repr(new double[] {0.5, 1e-7}));
    }

    @Test
    void torchValuesPrintAsInPython() {
        assertEquals("(torch.Size([2, 3]), torch.float32)", Py.repr(Py.tuple(Py.size(new long[] {2, 3}), DType.FLOAT32)));
        assertEquals("[torch.Size([4])]", Py.repr(List.of(Py.size(new long[] {4}))));
        assertEquals("torch.int64", Py.repr(DType.INT64));
        assertEquals("()", Py.repr(Py.tuple(new long[0])));
        assertEquals("0.10000000149011612", Py.repr(0.1f));   // a float32 value widened, as float(t) gives
        assertEquals("3 True 2.5", String.join(" ", Py.tolist(Tensor.of(3L).to(DType.INT32)), Py.tolist(Tensor.of(true)),
                Py.tolist(Tensor.of(2.5))));
    }

    @Test
    void stringsQuoteAndEscapeAsPythonDoes() {
        assertEquals("\"it's\"", Py.repr("it's"));
        assertEquals("'say \"hi\" it\\'s'", Py.repr("say \"hi\" it's"));
        assertEquals("'a\\\\b\\nc\\x7f'", Py.repr("a\\b\nc\u007f"));
    }
}
