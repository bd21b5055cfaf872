package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.examples.Py;

/**
 * Sizes past what a tensor holds (2^31 - 9 elements, views included) fail with a message naming the
 * size, under every backend; sizes below it work, including expanded views whose storage is small.
 * PyTorch would accept the large shapes (and then try to allocate), so the messages are Vectorgrad's.
 */
class SizeLimitsTest {
    private static final long G = 1L << 32;
    private static final String LIMIT = "; a tensor holds at most 2147483639 (2^31 - 9) elements";

    private static void fails(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** Before: 5 elements, shape [0, 3] with sum 0, a sum of 12, raw ArrayIndexOutOfBoundsException, "negative dimension". */
    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    void theIssuesInputsFailNamingTheSize(String backend) {
        try (var scope = Backends.use(backend)) {
            fails("shape [4294967301] has 4294967301 elements" + LIMIT, () -> Tensor.ones(1).expand(G + 5));
            fails("shape [1099511627776, 3] has 3298534883328 elements" + LIMIT, () -> Tensor.ones(3).expand(1L << 40, 3));
            Tensor x = Tensor.ones(2, 3).requiresGrad_(true);
            fails("shape [4294967298, 2, 3] has 25769803788 elements" + LIMIT, () -> x.expand(G + 2, 2, 3).sum());
            fails("shape [4294967298] has 4294967298 elements" + LIMIT, () -> Tensor.arange(G + 2));
            fails("shape [4294967298] has 4294967298 elements" + LIMIT, () -> Tensor.linspace(0, 1, G + 2));
            fails("shape [2147483648] has 2147483648 elements" + LIMIT, () -> Tensor.linspace(0, 1, 1L << 31));
        }
    }

    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    void everyFactoryAndViewChecksTheWholeShape(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor small = Tensor.ones(2);
            fails("shape [65536, 65536] has 4294967296 elements" + LIMIT, () -> Tensor.ones(1, 1).expand(1 << 16, 1 << 16));
            fails("shape [10000000000] has 10000000000 elements" + LIMIT, () -> Tensor.arange(1e10));
            fails("shape [4294967296, 4294967296] has 18446744073709551616 elements" + LIMIT, () -> Tensor.eye(G));
            fails("shape [0, 1099511627776] has a size of 1099511627776" + LIMIT, () -> Tensor.zeros(0, 1L << 40));
            fails("shape [65536, 65536] has 4294967296 elements" + LIMIT, () -> Tensor.rand(1 << 16, 1 << 16));
            fails("shape [65536, 65536] has 4294967296 elements" + LIMIT, () -> Tensor.full(DType.INT64, 1, 1 << 16, 1 << 16));
            fails("shape [4294967296] has 4294967296 elements" + LIMIT, () -> small.repeat(1L << 31));
            fails("shape [4611686018427387904] has 4611686018427387904 elements" + LIMIT, () -> small.repeat(1L << 62));
            fails("Trying to create tensor with negative dimension -2: [-2]", () -> small.repeat(-1));   // PyTorch's
            // a product of sizes that wraps around 2^64 to 2 must not pass for 2 elements
            fails("shape '[4294967296, 4294967296, 2]' is invalid for input of size 2", () -> small.view(G, G, 2));
            fails("shape '[4294967296, 4294967296, -1]' is invalid for input of size 2", () -> small.reshape(G, G, -1));
            fails("shape [4294967296, 0] has a size of 4294967296" + LIMIT, () -> Tensor.from(new float[0], G, 0));
            assertArrayEquals(new long[] {0}, Tensor.broadcastShapes(new long[] {0}, new long[] {1}));
            fails("shape [4294967296] has 4294967296 elements" + LIMIT, () -> Tensor.broadcastShapes(new long[] {G}));
            assertEquals("[]", Py.tolist(small.slice(0, 2, Long.MAX_VALUE, Long.MAX_VALUE)));
            Tensor one = Tensor.arange(5).slice(0, 1, Long.MAX_VALUE, G + 1);   // not a step of 1 once narrowed to an int
            assertEquals("[1]", Py.tolist(one));
            assertEquals("[1, 3]", Py.tolist(Tensor.arange(5).slice(0, 1, G, 2)));
        }
    }

    /** 6M logical elements over 6 stored ones: sum, mean and the gradient through expand are exact. */
    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    void aLargeExpandedViewSumsAndBackpropagates(String backend) {
        try (var scope = Backends.use(backend)) {
            long n = 1L << 20;
            Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, DType.FLOAT64).view(2, 3).requiresGrad_(true);
            Tensor e = x.expand(n, 2, 3);
            assertEquals(n * 6, e.numel());
            assertArrayEquals(new long[] {0, 3, 1}, e.stride());
            Tensor s = e.sum();
            assertEquals(21.0 * n, s.item());
            assertEquals(3.5, e.mean().item());
            s.backward();
            assertEquals("[[1048576.0, 1048576.0, 1048576.0], [1048576.0, 1048576.0, 1048576.0]]", Py.tolist(x.grad()));
        }
    }
}
