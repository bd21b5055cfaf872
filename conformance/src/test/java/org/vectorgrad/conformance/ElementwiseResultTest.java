package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.examples.Py;

/**
 * The result of an elementwise op, under every backend: its values, its fresh storage and layout
 * (PyTorch 1.13's strides), its graph, and its dtype. The same-shape contiguous case takes the
 * ops layer's short cuts (no broadcast, the operand's layout reused); the other cases check that
 * they still take the general road.
 */
class ElementwiseResultTest {

    static List<String> backends() {
        return Backends.available();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sameShapeAddIsExactAndOwnsItsStorage(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor a = Tensor.of(1.5, -2.0, 3.25, 0.1);
            Tensor b = Tensor.of(0.25, 4.0, -3.25, 0.2);
            Tensor r = a.add(b);
            assertEquals("[1.75, 2.0, 0.0, 0.30000001192092896]", Py.tolist(r));   // PyTorch's float32 sums
            assertArrayEquals(new long[] {1}, r.stride());
            assertFalse(r.requiresGrad());
            assertNull(r.gradFn());
            r.add_(100.0);
            assertEquals("[1.5, -2.0, 3.25, 0.10000000149011612]", Py.tolist(a), "the result shares no storage with a");
            assertEquals("[0.25, 4.0, -3.25, 0.20000000298023224]", Py.tolist(b));
            assertEquals(0, a.version());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void resultsOfViewsStartAtOffsetZeroWithRowMajorStrides(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor row = Tensor.arange(12.0).reshape(4, 3).narrow(0, 1, 1);   // shape (1, 3), offset 3
            Tensor r = row.add(row);
            assertEquals("[[6.0, 8.0, 10.0]]", Py.tolist(r));
            assertEquals(0, r.storageOffset());
            assertArrayEquals(new long[] {3, 1}, r.stride());
            assertEquals(0, row.sin().storageOffset());

            Tensor column = Tensor.arange(3.0).reshape(3, 1).t();   // shape (1, 3), contiguous, strides (1, 1)
            assertArrayEquals(new long[] {1, 1}, column.stride());
            assertArrayEquals(new long[] {3, 1}, column.add(Tensor.ones(1, 3)).stride());
            assertArrayEquals(new long[] {3, 1}, Tensor.ones(1, 3).add(column).stride());
            assertArrayEquals(new long[] {3, 1}, column.neg().stride());
            assertEquals("[[1.0, 2.0, 3.0]]", Py.tolist(column.add(Tensor.ones(1, 3))));

            Tensor everyOther = Tensor.arange(8.0).reshape(4, 2).select(1, 1);   // shape (4), stride 2, offset 1
            Tensor twice = everyOther.mul(2.0);
            assertEquals("[2.0, 6.0, 10.0, 14.0]", Py.tolist(twice));
            assertEquals(0, twice.storageOffset());
            assertArrayEquals(new long[] {1}, twice.stride());
            Tensor fresh = Tensor.of(1.0, 2.0);
            fresh.mul(2.0).add_(1.0);
            assertEquals("[1.0, 2.0]", Py.tolist(fresh), "x * 2 shares no storage with x");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void transposedOperandsGiveATransposedResult(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor t = Tensor.arange(6.0).reshape(3, 2).t();
            Tensor r = t.add(t);
            assertEquals("[[0.0, 4.0, 8.0], [2.0, 6.0, 10.0]]", Py.tolist(r));
            assertArrayEquals(new long[] {1, 2}, r.stride());
            assertArrayEquals(new long[] {1, 2}, t.add(Tensor.ones(2, 3)).stride(), "the first operand's order wins");
            assertArrayEquals(new long[] {3, 1}, Tensor.ones(2, 3).add(t).stride());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void broadcastingAddStillBroadcasts(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor m = Tensor.arange(6.0).reshape(2, 3);
            assertEquals("[[10.0, 21.0, 32.0], [13.0, 24.0, 35.0]]", Py.tolist(m.add(Tensor.of(10., 20., 30.))));
            Tensor column = Tensor.of(new double[][] {{1}, {2}, {3}});
            Tensor row = Tensor.of(new double[][] {{10, 20, 30, 40}});
            Tensor r = column.add(row);
            assertEquals("[[11.0, 21.0, 31.0, 41.0], [12.0, 22.0, 32.0, 42.0], [13.0, 23.0, 33.0, 43.0]]", Py.tolist(r));
            assertArrayEquals(new long[] {4, 1}, r.stride());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anInputThatRequiresGradStillBuildsTheGraph(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor a = Tensor.of(1.0, 2.0, 3.0).requiresGrad_(true);
            Tensor b = Tensor.of(4.0, 5.0, 6.0);
            Tensor sum = a.add(b);
            assertEquals("AddBackward0", sum.gradFn().name());
            Tensor product = a.mul(b);
            sum.add(product).sum().backward();
            assertEquals("[5.0, 6.0, 7.0]", Py.tolist(a.grad()));   // d(a + b + a*b)/da = 1 + b
            assertNull(b.grad());
            assertFalse(b.requiresGrad());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void resultTypesFollowPyTorch(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor f = Tensor.of(0.1, 0.2);
            Tensor r = f.add(Tensor.of(new double[] {0.1, 0.2}, DType.FLOAT64));
            assertEquals(DType.FLOAT64, r.dtype());
            assertEquals("[0.20000000149011612, 0.40000000298023225]", Py.tolist(r));   // float32 0.1 widened, then added
            r = f.add(Tensor.of(1L, 2L));
            assertEquals(DType.FLOAT32, r.dtype());
            assertEquals("[1.100000023841858, 2.200000047683716]", Py.tolist(r));
            assertEquals(DType.FLOAT32, f.add(Tensor.of(1.0, DType.FLOAT64)).dtype(), "a 0-dim float64 does not promote");
            Tensor i = Tensor.of(1L, 2L);
            assertEquals("[3.5, 4.5]", Py.tolist(i.add(Tensor.of(2.5))));
            assertEquals(DType.FLOAT32, i.add(2.5).dtype());
            r = Tensor.of(new double[] {1, 2}, DType.INT32).add(Tensor.of(3L, 4L));
            assertEquals(DType.INT64, r.dtype());
            assertEquals("[4, 6]", Py.tolist(r));
            r = Tensor.of(true, false).add(Tensor.of(true, true));
            assertEquals(DType.BOOL, r.dtype());
            assertEquals("[True, True]", Py.tolist(r));
        }
    }
}
