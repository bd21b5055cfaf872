package org.vectorgrad.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;

/**
 * {@link TensorFormatter} against PyTorch 1.13. Methods named after a case number port the
 * printing cases of {@code shared/reference/cases/NNN_*.py}, with the expected text taken from the
 * matching {@code .out}; the others were made by running the PyTorch expression in the comment
 * above each check with {@code /usr/bin/python3} and pasting its {@code repr}. Either way the only
 * edit is {@code dtype=torch.float64} becoming {@code dtype=float64}.
 */
class TensorFormatterTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** A contiguous tensor over plain arrays; float32 values are rounded to float, as PyTorch stores them. */
    private record T(long[] shape, DType dtype, double[] doubles, long[] longs, boolean requiresGrad, String gradFnName)
            implements Printable {
        @Override
        public double doubleAt(long flatIndex) {
            return dtype.isFloatingPoint() ? doubles[(int) flatIndex] : longs[(int) flatIndex];
        }

        @Override
        public long longAt(long flatIndex) {
            return dtype.isFloatingPoint() ? (long) doubles[(int) flatIndex] : longs[(int) flatIndex];
        }

        /** The same elements viewed with another shape; no dimensions makes a 0-dim tensor. */
        T reshape(long... newShape) {
            long n = LongStream.of(newShape).reduce(1, (a, b) -> a * b);
            int count = dtype.isFloatingPoint() ? doubles.length : longs.length;
            if (n != count) {
                throw new IllegalArgumentException(Arrays.toString(newShape) + " does not hold " + count + " elements");
            }
            return new T(newShape, dtype, doubles, longs, requiresGrad, gradFnName);
        }

        T withGrad() {
            return new T(shape, dtype, doubles, longs, true, null);
        }

        T gradFn(String name) {
            return new T(shape, dtype, doubles, longs, true, name);
        }
    }

    private static T f32(double... values) {
        double[] rounded = DoubleStream.of(values).map(v -> (float) v).toArray();
        return new T(new long[] {values.length}, DType.FLOAT32, rounded, null, false, null);
    }

    private static T f64(double... values) {
        return new T(new long[] {values.length}, DType.FLOAT64, values.clone(), null, false, null);
    }

    private static T i64(long... values) {
        return new T(new long[] {values.length}, DType.INT64, null, values.clone(), false, null);
    }

    private static T i32(long... values) {
        return new T(new long[] {values.length}, DType.INT32, null, values.clone(), false, null);
    }

    private static T boolBits(long... values) {
        return new T(new long[] {values.length}, DType.BOOL, null, values.clone(), false, null);
    }

    private static T bool(boolean... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = values[i] ? 1 : 0;
        }
        return boolBits(bits);
    }

    /** 0, 1, ..., n - 1, as torch.arange(n.). */
    private static double[] range(int n) {
        return DoubleStream.iterate(0, v -> v + 1).limit(n).toArray();
    }

    /** from, ..., to - 1, as torch.arange(from, to). */
    private static long[] lrange(long from, long to) {
        return LongStream.range(from, to).toArray();
    }

    private static double[] map(double[] values, DoubleUnaryOperator f) {
        return DoubleStream.of(values).map(f).toArray();
    }

    private static long[] lmap(long[] values, LongUnaryOperator f) {
        return LongStream.of(values).map(f).toArray();
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(DoubleStream::of).toArray();
    }

    private static void check(String expected, Printable t) {
        assertEquals(expected, TensorFormatter.repr(t));
    }

    /** For reprs too long to paste: PyTorch's line count and first and last lines. */
    private static void assertDigest(Printable t, int lines, String first, String last) {
        String[] actual = TensorFormatter.repr(t).split("\n", -1);
        assertEquals(first, actual[0]);
        assertEquals(last, actual[actual.length - 1]);
        assertEquals(lines, actual.length);
    }

    @Test
    void threshold_018() {
        // case 018: repr(torch.arange(1000.)) is not summarized, lines=84
        String r1000 = TensorFormatter.repr(f32(range(1000)));
        assertEquals(false, r1000.contains("..."));
        assertDigest(f32(range(1000)), 84,
                "tensor([  0.,   1.,   2.,   3.,   4.,   5.,   6.,   7.,   8.,   9.,  10.,  11.,",
                "        996., 997., 998., 999.])");
    }

    @Test
    void sizeAndTuple_013_023() {
        // case 023: x.shape, x.stride(), tuple(x.shape) for torch.zeros(2, 3); case 013: torch.zeros(0, 3).stride()
        assertEquals("torch.Size([2, 3])", TensorFormatter.size(new long[] {2, 3}));
        assertEquals("(3, 1)", TensorFormatter.tuple(new long[] {3, 1}));
        assertEquals("(2, 3)", TensorFormatter.tuple(new long[] {2, 3}));
        // torch.zeros(4).shape, torch.tensor(1.).shape, tuple(torch.zeros(4).shape), torch.tensor(1.).stride()
        assertEquals("torch.Size([4])", TensorFormatter.size(new long[] {4}));
        assertEquals("torch.Size([])", TensorFormatter.size(new long[] {}));
        assertEquals("(4,)", TensorFormatter.tuple(new long[] {4}));
        assertEquals("()", TensorFormatter.tuple(new long[] {}));
    }

    @Test
    void rejectsNegativeDimension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorFormatter.repr(new T(new long[] {2, -1}, DType.FLOAT32, new double[0], null, false, null)));
        assertEquals("negative dimension in shape (2, -1)", e.getMessage());
    }

    @Test
    void float32Basic_001() {
        // case 001 'a': torch.tensor([0.5, -1.25, 3.14159])
        check("tensor([ 0.5000, -1.2500,  3.1416])",
                f32(0.5, -1.25, 3.14159));
        // case 001 'b': torch.tensor([1.5, 2.25])
        check("tensor([1.5000, 2.2500])",
                f32(1.5, 2.25));
        // case 001 'c': torch.tensor([0.1, 0.2, 0.3])
        check("tensor([0.1000, 0.2000, 0.3000])",
                f32(0.1, 0.2, 0.3));
        // case 001 'd': torch.tensor([1/3, 2/3, -1/3])
        check("tensor([ 0.3333,  0.6667, -0.3333])",
                f32(1.0 / 3, 2.0 / 3, -1.0 / 3));
        // case 001 'e': torch.tensor([10.5, -0.001, 123.456])
        check("tensor([ 1.0500e+01, -1.0000e-03,  1.2346e+02])",
                f32(10.5, -0.001, 123.456));
        // case 001 'f': torch.tensor([4.3])
        check("tensor([4.3000])",
                f32(4.3));
        // case 001 'g': torch.tensor(4.3)
        check("tensor(4.3000)",
                f32(4.3).reshape());
    }

    @Test
    void float64Suffix_002() {
        // case 002 'vec': torch.tensor([0.5, -1.25, 3.14159], dtype=torch.double)
        check("tensor([ 0.5000, -1.2500,  3.1416], dtype=float64)",
                f64(0.5, -1.25, 3.14159));
        // case 002 'scalar': torch.tensor(4.3, dtype=torch.double)
        check("tensor(4.3000, dtype=float64)",
                f64(4.3).reshape());
        // case 002 'scalar_int_valued': torch.tensor(2., dtype=torch.float64)
        check("tensor(2., dtype=float64)",
                f64(2).reshape());
        // case 002 'mat': torch.tensor([[1., 2.5], [3., 4.]], dtype=torch.float64)
        check("""
                tensor([[1.0000, 2.5000],
                        [3.0000, 4.0000]], dtype=float64)""",
                f64(1, 2.5, 3, 4).reshape(2, 2));
        // case 002 'int_valued_vec': torch.ones(3, dtype=torch.double)
        check("tensor([1., 1., 1.], dtype=float64)",
                f64(1, 1, 1));
        // case 002 'req_grad': torch.tensor(4.3, dtype=torch.double, requires_grad=True)
        check("tensor(4.3000, dtype=float64, requires_grad=True)",
                f64(4.3).reshape().withGrad());
    }

    @Test
    void integerValuedFloats_003() {
        // case 003 'ones': torch.tensor([1., 2., 3.])
        check("tensor([1., 2., 3.])",
                f32(1, 2, 3));
        // case 003 'neg': torch.tensor([-1., 0., 10.])
        check("tensor([-1.,  0., 10.])",
                f32(-1, 0, 10));
        // case 003 'hundred': torch.tensor([100., -5.])
        check("tensor([100.,  -5.])",
                f32(100, -5));
        // case 003 'ratio_1000_fixed': torch.tensor([1., 1000.])
        check("tensor([   1., 1000.])",
                f32(1, 1000));
        // case 003 'ratio_1001_sci': torch.tensor([1., 1001.])
        check("tensor([1.0000e+00, 1.0010e+03])",
                f32(1, 1001));
        // case 003 'ratio_2000_sci': torch.tensor([1., 2000.])
        check("tensor([1.0000e+00, 2.0000e+03])",
                f32(1, 2000));
        // case 003 '1e8_fixed': torch.tensor([1e8])
        check("tensor([100000000.])",
                f32(1e8));
        // case 003 '1e8_plus': torch.tensor([1e8, 1e8 + 8])
        check("tensor([1.0000e+08, 1.0000e+08])",
                f32(1e8, 1e8 + 8));
        // case 003 '1e9_sci': torch.tensor([1e9])
        check("tensor([1.0000e+09])",
                f32(1e9));
        // case 003 'zeros': torch.zeros(3)
        check("tensor([0., 0., 0.])",
                f32(0, 0, 0));
        // case 003 'zero_dim_int_valued': torch.tensor(27.)
        check("tensor(27.)",
                f32(27).reshape());
        // case 003 'big_int_valued': torch.tensor([123456., 7.])
        check("tensor([1.2346e+05, 7.0000e+00])",
                f32(123456, 7));
        // case 003 'mixed_int_and_frac': torch.tensor([1., 2.5])
        check("tensor([1.0000, 2.5000])",
                f32(1, 2.5));
        // case 003 'arange4': torch.arange(4.0)
        check("tensor([0., 1., 2., 3.])",
                f32(range(4)));
    }

    @Test
    void sciLarge_005() {
        // case 005 '1e10_and_1': torch.tensor([1e10, 1.])
        check("tensor([1.0000e+10, 1.0000e+00])",
                f32(1e10, 1));
        // case 005 '1.5e8': torch.tensor([1.5e8])
        check("tensor([1.5000e+08])",
                f32(1.5e8));
        // case 005 '1.5e8_scalar': torch.tensor(1.5e8)
        check("tensor(1.5000e+08)",
                f32(1.5e8).reshape());
        // case 005 '123456789.5': torch.tensor([123456789.5], dtype=torch.double)
        check("tensor([1.2346e+08], dtype=float64)",
                f64(123456789.5));
        // case 005 '1e8_frac_f64': torch.tensor([100000000.5], dtype=torch.double)
        check("tensor([1.0000e+08], dtype=float64)",
                f64(100000000.5));
        // case 005 '99999999.5_f64': torch.tensor([99999999.5], dtype=torch.double)
        check("tensor([99999999.5000], dtype=float64)",
                f64(99999999.5));
        // case 005 'neg_large': torch.tensor([-3.5e12, 2.25])
        check("tensor([-3.5000e+12,  2.2500e+00])",
                f32(-3.5e12, 2.25));
        // case 005 '1e20': torch.tensor([1e20, -1e20])
        check("tensor([ 1.0000e+20, -1.0000e+20])",
                f32(1e20, -1e20));
        // case 005 'float64_1e300': torch.tensor([1e300, 1.], dtype=torch.double)
        check("tensor([1.0000e+300,  1.0000e+00], dtype=float64)",
                f64(1e300, 1));
        // case 005 'large_fixed': torch.tensor([12345.678, 99999.5])
        check("tensor([12345.6777, 99999.5000])",
                f32(12345.678, 99999.5));
    }

    @Test
    void sciSmall_006() {
        // case 006 '1e-5_and_1': torch.tensor([1e-5, 1.])
        check("tensor([1.0000e-05, 1.0000e+00])",
                f32(1e-5, 1));
        // case 006 '0.0001_fixed': torch.tensor([0.0001, 0.5])
        check("tensor([1.0000e-04, 5.0000e-01])",
                f32(0.0001, 0.5));
        // case 006 '0.00009_sci': torch.tensor([0.00009, 0.5])
        check("tensor([9.0000e-05, 5.0000e-01])",
                f32(0.00009, 0.5));
        // case 006 'tiny_scalar': torch.tensor(-1e-5)
        check("tensor(-1.0000e-05)",
                f32(-1e-5).reshape());
        // case 006 'tiny_scalar_f64': torch.tensor(1.5e-10, dtype=torch.double)
        check("tensor(1.5000e-10, dtype=float64)",
                f64(1.5e-10).reshape());
        // case 006 'with_zero': torch.tensor([0., 1e-6, 2.])
        check("tensor([0.0000e+00, 1.0000e-06, 2.0000e+00])",
                f32(0, 1e-6, 2));
        // case 006 'only_tiny': torch.tensor([1e-5, 2e-5, 3e-5])
        check("tensor([1.0000e-05, 2.0000e-05, 3.0000e-05])",
                f32(1e-5, 2e-5, 3e-5));
        // case 006 'denormal_f32': torch.tensor([1e-40])
        check("tensor([9.9999e-41])",
                f32(1e-40));
        // case 006 'min_1e-4_f32': torch.tensor([1e-4])
        check("tensor([1.0000e-04])",
                f32(1e-4));
        // case 006 'min_1e-4_f64': torch.tensor([1e-4], dtype=torch.double)
        check("tensor([0.0001], dtype=float64)",
                f64(1e-4));
    }

    @Test
    void sciMixedRatio_007() {
        // case 007 'ratio_1500': torch.tensor([0.001, 1.5])
        check("tensor([1.0000e-03, 1.5000e+00])",
                f32(0.001, 1.5));
        // case 007 'ratio_999': torch.tensor([0.01, 9.99])
        check("tensor([0.0100, 9.9900])",
                f32(0.01, 9.99));
        // case 007 'ratio_1001': torch.tensor([0.5, 500.5])
        check("tensor([5.0000e-01, 5.0050e+02])",
                f32(0.5, 500.5));
        // case 007 'neg_ratio': torch.tensor([-1e-3, 2.])
        check("tensor([-1.0000e-03,  2.0000e+00])",
                f32(-1e-3, 2));
        // case 007 'grads_like_seed002': torch.tensor([102.4, 1024., 0.1024])
        check("tensor([1.0240e+02, 1.0240e+03, 1.0240e-01])",
                f32(102.4, 1024, 0.1024));
        // case 007 'seed002_notebook_values': torch.tensor([51.2, 512.0, 0.0512])
        check("tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])",
                f32(51.2, 512, 0.0512));
        // case 007 'mixed_2d': torch.tensor([[1e-3, 1.], [10., 100.]])
        check("""
                tensor([[1.0000e-03, 1.0000e+00],
                        [1.0000e+01, 1.0000e+02]])""",
                f32(1e-3, 1, 10, 100).reshape(2, 2));
        // case 007 'mixed_2d_sci': torch.tensor([[1e-3, 1.], [10., 1000.5]])
        check("""
                tensor([[1.0000e-03, 1.0000e+00],
                        [1.0000e+01, 1.0005e+03]])""",
                f32(1e-3, 1, 10, 1000.5).reshape(2, 2));
    }

    @Test
    void nanInf_009() {
        // case 009 'only_nonfinite': torch.tensor([nan, inf, -inf])
        check("tensor([nan, inf, -inf])",
                f32(NAN, INF, -INF));
        // case 009 'with_int_valued': torch.tensor([nan, inf, -inf, 1.])
        check("tensor([nan, inf, -inf, 1.])",
                f32(NAN, INF, -INF, 1));
        // case 009 'with_frac': torch.tensor([nan, 1.5])
        check("tensor([   nan, 1.5000])",
                f32(NAN, 1.5));
        // case 009 'with_frac_neg': torch.tensor([-inf, 1.5, -2.25])
        check("tensor([   -inf,  1.5000, -2.2500])",
                f32(-INF, 1.5, -2.25));
        // case 009 'with_sci': torch.tensor([inf, 1e-5, 1.])
        check("tensor([       inf, 1.0000e-05, 1.0000e+00])",
                f32(INF, 1e-5, 1));
        // case 009 'nan_scalar': torch.tensor(nan)
        check("tensor(nan)",
                f32(NAN).reshape());
        // case 009 'inf_scalar': torch.tensor(-inf)
        check("tensor(-inf)",
                f32(-INF).reshape());
        // case 009 'nan_f64': torch.tensor([nan, 2.], dtype=torch.double)
        check("tensor([nan, 2.], dtype=float64)",
                f64(NAN, 2));
        // case 009 'div_by_zero': torch.tensor([1., -1., 0.]) / 0
        check("tensor([inf, -inf, nan])",
                f32(INF, -INF, NAN));
        // case 009 'log_zero': torch.log(torch.tensor([0., 1.]))
        check("tensor([-inf, 0.])",
                f32(-INF, 0));
        // case 009 'nan_2d': torch.tensor([[nan, 1.], [2., 300.]])
        check("""
                tensor([[ nan,   1.],
                        [  2., 300.]])""",
                f32(NAN, 1, 2, 300).reshape(2, 2));
    }

    @Test
    void int64_010() {
        // case 010 'vec': torch.tensor([1, -2, 30])
        check("tensor([ 1, -2, 30])",
                i64(1, -2, 30));
        // case 010 'scalar': torch.tensor(5)
        check("tensor(5)",
                i64(5).reshape());
        // case 010 'neg_scalar': torch.tensor(-7)
        check("tensor(-7)",
                i64(-7).reshape());
        // case 010 'mat': torch.tensor([[1, 2], [300, -4]])
        check("""
                tensor([[  1,   2],
                        [300,  -4]])""",
                i64(1, 2, 300, -4).reshape(2, 2));
        // case 010 'int32': torch.tensor([1, 2], dtype=torch.int32)
        check("tensor([1, 2], dtype=int32)",
                i32(1, 2));
        // case 010 'big': torch.tensor([2**40, 1])
        check("tensor([1099511627776,             1])",
                i64(1L << 40, 1));
        // case 010 'arange10': torch.arange(10)
        check("tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])",
                i64(lrange(0, 10)));
        // case 010 'zeros_long': torch.zeros(3, dtype=torch.long)
        check("tensor([0, 0, 0])",
                i64(0, 0, 0));
        // case 010 'int_from_float_cast': torch.tensor([1.7, -1.7, 2.5]).int()
        check("tensor([ 1, -1,  2], dtype=int32)",
                i32(1, -1, 2));
    }

    @Test
    void bool_011() {
        // case 011 'vec': torch.tensor([True, False])
        check("tensor([ True, False])",
                bool(true, false));
        // case 011 'scalar': torch.tensor(True)
        check("tensor(True)",
                bool(true).reshape());
        // case 011 'mat': torch.tensor([[True, False], [False, True]])
        check("""
                tensor([[ True, False],
                        [False,  True]])""",
                bool(true, false, false, true).reshape(2, 2));
        // case 011 'gt': torch.arange(4.0) > 1
        check("tensor([False, False,  True,  True])",
                bool(false, false, true, true));
        // case 011 'eq': torch.arange(4.0) == torch.tensor([0., 5., 2., 7.])
        check("tensor([ True, False,  True, False])",
                bool(true, false, true, false));
        // case 011 'eq_all': torch.arange(4.0).eq(torch.arange(4.0)).all()
        check("tensor(True)",
                bool(true).reshape());
        // case 011 'any': (torch.arange(4.0) > 10).any()
        check("tensor(False)",
                bool(false).reshape());
        // case 011 'sum_bool': (torch.arange(4.0) > 1).sum()
        check("tensor(2)",
                i64(2).reshape());
        // case 011 'empty_bool': torch.tensor([], dtype=torch.bool)
        check("tensor([], dtype=bool)",
                bool());
    }

    @Test
    void empty_013() {
        // case 013 'empty_1d': torch.tensor([])
        check("tensor([])",
                f32());
        // case 013 'empty_2d': torch.zeros(0, 3)
        check("tensor([], size=(0, 3))",
                f32().reshape(0, 3));
        // case 013 'empty_3d': torch.ones(2, 0, 1)
        check("tensor([], size=(2, 0, 1))",
                f32().reshape(2, 0, 1));
        // case 013 'empty_int64': torch.tensor([], dtype=torch.int64)
        check("tensor([], dtype=int64)",
                i64());
        // case 013 'empty_int64_2d': torch.zeros(0, 2, dtype=torch.long)
        check("tensor([], size=(0, 2), dtype=int64)",
                i64().reshape(0, 2));
        // case 013 'empty_f64': torch.tensor([], dtype=torch.double)
        check("tensor([], dtype=float64)",
                f64());
        // case 013 'empty_bool': torch.tensor([], dtype=torch.bool)
        check("tensor([], dtype=bool)",
                bool());
        // case 013 'empty_req': torch.zeros(0, requires_grad=True)
        check("tensor([], requires_grad=True)",
                f32().withGrad());
        // case 013 'empty_slice': torch.arange(5.)[3:3]
        check("tensor([])",
                f32());
        // case 013 'empty_sum': torch.tensor([]).sum()
        check("tensor(0.)",
                f32(0).reshape());
        // case 013 'empty_arange_int': torch.arange(0)
        check("tensor([], dtype=int64)",
                i64());
    }

    @Test
    void twoD_014() {
        // case 014 'ones': torch.ones(2, 2)
        check("""
                tensor([[1., 1.],
                        [1., 1.]])""",
                f32(1, 1, 1, 1).reshape(2, 2));
        // case 014 'widths': torch.tensor([[1.5, -20.25], [300.125, 4.]])
        check("""
                tensor([[  1.5000, -20.2500],
                        [300.1250,   4.0000]])""",
                f32(1.5, -20.25, 300.125, 4).reshape(2, 2));
        // case 014 'ints': torch.tensor([[1, 22], [-333, 4]])
        check("""
                tensor([[   1,   22],
                        [-333,    4]])""",
                i64(1, 22, -333, 4).reshape(2, 2));
        // case 014 'col': torch.tensor([[1.], [2.], [3.]])
        check("""
                tensor([[1.],
                        [2.],
                        [3.]])""",
                f32(1, 2, 3).reshape(3, 1));
        // case 014 'row': torch.tensor([[1., 2., 3.]])
        check("tensor([[1., 2., 3.]])",
                f32(1, 2, 3).reshape(1, 3));
        // case 014 'req': torch.ones(2, 3, requires_grad=True)
        check("""
                tensor([[1., 1., 1.],
                        [1., 1., 1.]], requires_grad=True)""",
                f32(1, 1, 1, 1, 1, 1).reshape(2, 3).withGrad());
        // case 014 'f64': torch.eye(2, dtype=torch.double)
        check("""
                tensor([[1., 0.],
                        [0., 1.]], dtype=float64)""",
                f64(1, 0, 0, 1).reshape(2, 2));
        // case 014 'wide_rows': torch.arange(24.).reshape(2, 12) / 7
        check("""
                tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,
                         1.2857, 1.4286, 1.5714],
                        [1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286, 2.5714, 2.7143, 2.8571,
                         3.0000, 3.1429, 3.2857]])""",
                f32(map(range(24), v -> (float) v / 7f)).reshape(2, 12));
    }

    @Test
    void threeDFourD_015() {
        // case 015 '3d': torch.arange(24.).reshape(2, 3, 4)
        check("""
                tensor([[[ 0.,  1.,  2.,  3.],
                         [ 4.,  5.,  6.,  7.],
                         [ 8.,  9., 10., 11.]],

                        [[12., 13., 14., 15.],
                         [16., 17., 18., 19.],
                         [20., 21., 22., 23.]]])""",
                f32(range(24)).reshape(2, 3, 4));
        // case 015 '3d_int': torch.arange(8).reshape(2, 2, 2)
        check("""
                tensor([[[0, 1],
                         [2, 3]],

                        [[4, 5],
                         [6, 7]]])""",
                i64(lrange(0, 8)).reshape(2, 2, 2));
        // case 015 '4d': torch.arange(8.).reshape(2, 1, 2, 2)
        check("""
                tensor([[[[0., 1.],
                          [2., 3.]]],


                        [[[4., 5.],
                          [6., 7.]]]])""",
                f32(range(8)).reshape(2, 1, 2, 2));
        // case 015 '3d_single': torch.zeros(1, 1, 1)
        check("tensor([[[0.]]])",
                f32(0).reshape(1, 1, 1));
        // case 015 '3d_req': torch.ones(2, 1, 2, requires_grad=True)
        check("""
                tensor([[[1., 1.]],

                        [[1., 1.]]], requires_grad=True)""",
                f32(1, 1, 1, 1).reshape(2, 1, 2).withGrad());
    }

    @Test
    void suffixWrap_017() {
        // case 017 'f64_8_per_line': torch.arange(8., dtype=torch.double) + 0.5
        check("""
                tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000],
                       dtype=float64)""",
                f64(map(range(8), v -> v + 0.5)));
        // case 017 'f64_9': torch.arange(9., dtype=torch.double) + 0.5
        check("""
                tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000],
                       dtype=float64)""",
                f64(map(range(9), v -> v + 0.5)));
        // case 017 'f32_req_8': (torch.arange(8.) + 0.5).requires_grad_()
        check("""
                tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000],
                       requires_grad=True)""",
                f32(map(range(8), v -> v + 0.5)).withGrad());
        // case 017 'f32_gradfn_8': (torch.arange(8.) + 0.5).requires_grad_() * 2
        check("tensor([ 1.,  3.,  5.,  7.,  9., 11., 13., 15.], grad_fn=<MulBackward0>)",
                f32(map(range(8), v -> 2 * v + 1)).gradFn("MulBackward0"));
        // case 017 'f64_req_short': torch.arange(3., dtype=torch.double).requires_grad_()
        check("tensor([0., 1., 2.], dtype=float64, requires_grad=True)",
                f64(range(3)).withGrad());
        // case 017 'f64_req_long': (torch.arange(7., dtype=torch.double) + 0.5).requires_grad_()
        check("""
                tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000],
                       dtype=float64, requires_grad=True)""",
                f64(map(range(7), v -> v + 0.5)).withGrad());
        // case 017 'f64_gradfn_6': (torch.arange(6., dtype=torch.double) + 0.5).requires_grad_() * 2
        check("""
                tensor([ 1.,  3.,  5.,  7.,  9., 11.], dtype=float64,
                       grad_fn=<MulBackward0>)""",
                f64(map(range(6), v -> 2 * v + 1)).gradFn("MulBackward0"));
        // case 017 'int32_long': torch.arange(24, dtype=torch.int32) * 1000
        check("""
                tensor([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,  9000,
                        10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000,
                        20000, 21000, 22000, 23000], dtype=int32)""",
                i32(lmap(lrange(0, 24), v -> v * 1000)));
    }

    @Test
    void summarize1d_018() {
        // case 018 'arange1001': torch.arange(1001.)
        check("tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])",
                f32(range(1001)));
        // case 018 'arange2000_int': torch.arange(2000)
        check("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])",
                i64(lrange(0, 2000)));
        // case 018 'ones1001_req': torch.ones(1001, requires_grad=True)
        check("tensor([1., 1., 1.,  ..., 1., 1., 1.], requires_grad=True)",
                f32(map(range(1001), v -> 1)).withGrad());
        // case 018 'randn_2000_f64': torch.linspace(-1, 1, 2001, dtype=torch.double)
        check("""
                tensor([-1.0000, -0.9990, -0.9980,  ...,  0.9980,  0.9990,  1.0000],
                       dtype=float64)""",
                f64(map(range(2001), v -> -1 + v / 1000)));
    }

    @Test
    void summarize2d3d_019() {
        // case 019 '40x50': torch.arange(2000.).reshape(40, 50)
        check("""
                tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,
                         4.9000e+01],
                        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,
                         9.9000e+01],
                        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,
                         1.4900e+02],
                        ...,
                        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,
                         1.8990e+03],
                        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,
                         1.9490e+03],
                        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,
                         1.9990e+03]])""",
                f32(range(2000)).reshape(40, 50));
        // case 019 '2x600': torch.arange(1200.).reshape(2, 600)
        check("""
                tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 5.9700e+02, 5.9800e+02,
                         5.9900e+02],
                        [6.0000e+02, 6.0100e+02, 6.0200e+02,  ..., 1.1970e+03, 1.1980e+03,
                         1.1990e+03]])""",
                f32(range(1200)).reshape(2, 600));
        // case 019 '600x2': torch.arange(1200).reshape(600, 2)
        check("""
                tensor([[   0,    1],
                        [   2,    3],
                        [   4,    5],
                        ...,
                        [1194, 1195],
                        [1196, 1197],
                        [1198, 1199]])""",
                i64(lrange(0, 1200)).reshape(600, 2));
        // case 019 '11x10x10': torch.arange(1100.).reshape(11, 10, 10)
        check("""
                tensor([[[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 7.0000e+00,
                          8.0000e+00, 9.0000e+00],
                         [1.0000e+01, 1.1000e+01, 1.2000e+01,  ..., 1.7000e+01,
                          1.8000e+01, 1.9000e+01],
                         [2.0000e+01, 2.1000e+01, 2.2000e+01,  ..., 2.7000e+01,
                          2.8000e+01, 2.9000e+01],
                         ...,
                         [7.0000e+01, 7.1000e+01, 7.2000e+01,  ..., 7.7000e+01,
                          7.8000e+01, 7.9000e+01],
                         [8.0000e+01, 8.1000e+01, 8.2000e+01,  ..., 8.7000e+01,
                          8.8000e+01, 8.9000e+01],
                         [9.0000e+01, 9.1000e+01, 9.2000e+01,  ..., 9.7000e+01,
                          9.8000e+01, 9.9000e+01]],

                        [[1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.0700e+02,
                          1.0800e+02, 1.0900e+02],
                         [1.1000e+02, 1.1100e+02, 1.1200e+02,  ..., 1.1700e+02,
                          1.1800e+02, 1.1900e+02],
                         [1.2000e+02, 1.2100e+02, 1.2200e+02,  ..., 1.2700e+02,
                          1.2800e+02, 1.2900e+02],
                         ...,
                         [1.7000e+02, 1.7100e+02, 1.7200e+02,  ..., 1.7700e+02,
                          1.7800e+02, 1.7900e+02],
                         [1.8000e+02, 1.8100e+02, 1.8200e+02,  ..., 1.8700e+02,
                          1.8800e+02, 1.8900e+02],
                         [1.9000e+02, 1.9100e+02, 1.9200e+02,  ..., 1.9700e+02,
                          1.9800e+02, 1.9900e+02]],

                        [[2.0000e+02, 2.0100e+02, 2.0200e+02,  ..., 2.0700e+02,
                          2.0800e+02, 2.0900e+02],
                         [2.1000e+02, 2.1100e+02, 2.1200e+02,  ..., 2.1700e+02,
                          2.1800e+02, 2.1900e+02],
                         [2.2000e+02, 2.2100e+02, 2.2200e+02,  ..., 2.2700e+02,
                          2.2800e+02, 2.2900e+02],
                         ...,
                         [2.7000e+02, 2.7100e+02, 2.7200e+02,  ..., 2.7700e+02,
                          2.7800e+02, 2.7900e+02],
                         [2.8000e+02, 2.8100e+02, 2.8200e+02,  ..., 2.8700e+02,
                          2.8800e+02, 2.8900e+02],
                         [2.9000e+02, 2.9100e+02, 2.9200e+02,  ..., 2.9700e+02,
                          2.9800e+02, 2.9900e+02]],

                        ...,

                        [[8.0000e+02, 8.0100e+02, 8.0200e+02,  ..., 8.0700e+02,
                          8.0800e+02, 8.0900e+02],
                         [8.1000e+02, 8.1100e+02, 8.1200e+02,  ..., 8.1700e+02,
                          8.1800e+02, 8.1900e+02],
                         [8.2000e+02, 8.2100e+02, 8.2200e+02,  ..., 8.2700e+02,
                          8.2800e+02, 8.2900e+02],
                         ...,
                         [8.7000e+02, 8.7100e+02, 8.7200e+02,  ..., 8.7700e+02,
                          8.7800e+02, 8.7900e+02],
                         [8.8000e+02, 8.8100e+02, 8.8200e+02,  ..., 8.8700e+02,
                          8.8800e+02, 8.8900e+02],
                         [8.9000e+02, 8.9100e+02, 8.9200e+02,  ..., 8.9700e+02,
                          8.9800e+02, 8.9900e+02]],

                        [[9.0000e+02, 9.0100e+02, 9.0200e+02,  ..., 9.0700e+02,
                          9.0800e+02, 9.0900e+02],
                         [9.1000e+02, 9.1100e+02, 9.1200e+02,  ..., 9.1700e+02,
                          9.1800e+02, 9.1900e+02],
                         [9.2000e+02, 9.2100e+02, 9.2200e+02,  ..., 9.2700e+02,
                          9.2800e+02, 9.2900e+02],
                         ...,
                         [9.7000e+02, 9.7100e+02, 9.7200e+02,  ..., 9.7700e+02,
                          9.7800e+02, 9.7900e+02],
                         [9.8000e+02, 9.8100e+02, 9.8200e+02,  ..., 9.8700e+02,
                          9.8800e+02, 9.8900e+02],
                         [9.9000e+02, 9.9100e+02, 9.9200e+02,  ..., 9.9700e+02,
                          9.9800e+02, 9.9900e+02]],

                        [[1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.0070e+03,
                          1.0080e+03, 1.0090e+03],
                         [1.0100e+03, 1.0110e+03, 1.0120e+03,  ..., 1.0170e+03,
                          1.0180e+03, 1.0190e+03],
                         [1.0200e+03, 1.0210e+03, 1.0220e+03,  ..., 1.0270e+03,
                          1.0280e+03, 1.0290e+03],
                         ...,
                         [1.0700e+03, 1.0710e+03, 1.0720e+03,  ..., 1.0770e+03,
                          1.0780e+03, 1.0790e+03],
                         [1.0800e+03, 1.0810e+03, 1.0820e+03,  ..., 1.0870e+03,
                          1.0880e+03, 1.0890e+03],
                         [1.0900e+03, 1.0910e+03, 1.0920e+03,  ..., 1.0970e+03,
                          1.0980e+03, 1.0990e+03]]])""",
                f32(range(1100)).reshape(11, 10, 10));
    }

    @Test
    void requiresGradSuffix_021() {
        // case 021 'ones': torch.ones(2, requires_grad=True)
        check("tensor([1., 1.], requires_grad=True)",
                f32(1, 1).withGrad());
        // case 021 'f64': torch.tensor([1.5, 2.], dtype=torch.double, requires_grad=True)
        check("tensor([1.5000, 2.0000], dtype=float64, requires_grad=True)",
                f64(1.5, 2).withGrad());
        // case 021 'scalar_f64': torch.tensor(4.3, requires_grad=True, dtype=torch.double)
        check("tensor(4.3000, dtype=float64, requires_grad=True)",
                f64(4.3).reshape().withGrad());
        // case 021 'requires_grad_': torch.zeros(2).requires_grad_()
        check("tensor([0., 0.], requires_grad=True)",
                f32(0, 0).withGrad());
        // case 021 'requires_grad_false': torch.zeros(2).requires_grad_(False)
        check("tensor([0., 0.])",
                f32(0, 0));
    }

    @Test
    void gradFnSuffix_022() {
        // case 022 'add': torch.ones(2, 2, requires_grad=True) + 2
        check("""
                tensor([[3., 3.],
                        [3., 3.]], grad_fn=<AddBackward0>)""",
                f32(3, 3, 3, 3).reshape(2, 2).gradFn("AddBackward0"));
        // case 022 'mul': torch.ones(2, 2, requires_grad=True) * 3
        check("""
                tensor([[3., 3.],
                        [3., 3.]], grad_fn=<MulBackward0>)""",
                f32(3, 3, 3, 3).reshape(2, 2).gradFn("MulBackward0"));
        // case 022 'mean': (torch.ones(2, 2, requires_grad=True) * 3).mean()
        check("tensor(3., grad_fn=<MeanBackward0>)",
                f32(3).reshape().gradFn("MeanBackward0"));
        // case 022 'sum': torch.ones(2, 2, requires_grad=True).sum()
        check("tensor(4., grad_fn=<SumBackward0>)",
                f32(4).reshape().gradFn("SumBackward0"));
        // case 022 'f64_mul': torch.tensor([1., 2.], dtype=torch.double, requires_grad=True) * 2
        check("tensor([2., 4.], dtype=float64, grad_fn=<MulBackward0>)",
                f64(2, 4).gradFn("MulBackward0"));
        // case 022 'f64_sum': torch.tensor([1., 2.], dtype=torch.double, requires_grad=True).sum()
        check("tensor(3., dtype=float64, grad_fn=<SumBackward0>)",
                f64(3).reshape().gradFn("SumBackward0"));
        // case 022 'index': torch.ones(2, 2, requires_grad=True)[0]
        check("tensor([1., 1.], grad_fn=<SelectBackward0>)",
                f32(1, 1).gradFn("SelectBackward0"));
    }

    @Test
    void shapesMisc_023() {
        // case 023 'tuple_of_tensors': torch.tensor(28.)
        check("tensor(28.)",
                f32(28).reshape());
        // case 023 'tuple_of_tensors': torch.tensor([0., 4.])
        check("tensor([0., 4.])",
                f32(0, 4));
        // case 023 'list_of_tensors': torch.tensor(1)
        check("tensor(1)",
                i64(1).reshape());
        // case 023 'list_of_tensors': torch.tensor([2.5])
        check("tensor([2.5000])",
                f32(2.5));
    }

    @Test
    void alignmentNegative_025() {
        // case 025 'mixed': torch.tensor([-1.5, 2.25, -300.125])
        check("tensor([  -1.5000,    2.2500, -300.1250])",
                f32(-1.5, 2.25, -300.125));
        // case 025 'int_mode_neg': torch.tensor([-1., 2., -300.])
        check("tensor([  -1.,    2., -300.])",
                f32(-1, 2, -300));
        // case 025 'all_neg': torch.tensor([-1.5, -2.5])
        check("tensor([-1.5000, -2.5000])",
                f32(-1.5, -2.5));
        // case 025 'pos_only': torch.tensor([1.5, 22.5])
        check("tensor([ 1.5000, 22.5000])",
                f32(1.5, 22.5));
        // case 025 'sci_neg': torch.tensor([-1e-5, 1.])
        check("tensor([-1.0000e-05,  1.0000e+00])",
                f32(-1e-5, 1));
        // case 025 'int_neg': torch.tensor([-1, 5, -100])
        check("tensor([  -1,    5, -100])",
                i64(-1, 5, -100));
        // case 025 '2d_neg': torch.tensor([[-1.5, 2.], [3., -40.]])
        check("""
                tensor([[ -1.5000,   2.0000],
                        [  3.0000, -40.0000]])""",
                f32(-1.5, 2, 3, -40).reshape(2, 2));
    }

    @Test
    void summarizeMultiDim() {
        // 'fixed 2-D': (torch.arange(1500.) / 7 - 100).reshape(30, 50)
        check("""
                tensor([[-100.0000,  -99.8571,  -99.7143,  ...,  -93.2857,  -93.1429,
                          -93.0000],
                        [ -92.8571,  -92.7143,  -92.5714,  ...,  -86.1429,  -86.0000,
                          -85.8571],
                        [ -85.7143,  -85.5714,  -85.4286,  ...,  -79.0000,  -78.8571,
                          -78.7143],
                        ...,
                        [  92.8571,   93.0000,   93.1429,  ...,   99.5714,   99.7143,
                           99.8571],
                        [ 100.0000,  100.1429,  100.2857,  ...,  106.7143,  106.8571,
                          107.0000],
                        [ 107.1429,  107.2857,  107.4286,  ...,  113.8571,  114.0000,
                          114.1429]])""",
                f32(map(range(1500), v -> (float) v / 7f - 100f)).reshape(30, 50));
        // 'fixed 3-D': (torch.arange(1008.) / 1000 + 1).reshape(7, 8, 18)
        check("""
                tensor([[[1.0000, 1.0010, 1.0020,  ..., 1.0150, 1.0160, 1.0170],
                         [1.0180, 1.0190, 1.0200,  ..., 1.0330, 1.0340, 1.0350],
                         [1.0360, 1.0370, 1.0380,  ..., 1.0510, 1.0520, 1.0530],
                         ...,
                         [1.0900, 1.0910, 1.0920,  ..., 1.1050, 1.1060, 1.1070],
                         [1.1080, 1.1090, 1.1100,  ..., 1.1230, 1.1240, 1.1250],
                         [1.1260, 1.1270, 1.1280,  ..., 1.1410, 1.1420, 1.1430]],

                        [[1.1440, 1.1450, 1.1460,  ..., 1.1590, 1.1600, 1.1610],
                         [1.1620, 1.1630, 1.1640,  ..., 1.1770, 1.1780, 1.1790],
                         [1.1800, 1.1810, 1.1820,  ..., 1.1950, 1.1960, 1.1970],
                         ...,
                         [1.2340, 1.2350, 1.2360,  ..., 1.2490, 1.2500, 1.2510],
                         [1.2520, 1.2530, 1.2540,  ..., 1.2670, 1.2680, 1.2690],
                         [1.2700, 1.2710, 1.2720,  ..., 1.2850, 1.2860, 1.2870]],

                        [[1.2880, 1.2890, 1.2900,  ..., 1.3030, 1.3040, 1.3050],
                         [1.3060, 1.3070, 1.3080,  ..., 1.3210, 1.3220, 1.3230],
                         [1.3240, 1.3250, 1.3260,  ..., 1.3390, 1.3400, 1.3410],
                         ...,
                         [1.3780, 1.3790, 1.3800,  ..., 1.3930, 1.3940, 1.3950],
                         [1.3960, 1.3970, 1.3980,  ..., 1.4110, 1.4120, 1.4130],
                         [1.4140, 1.4150, 1.4160,  ..., 1.4290, 1.4300, 1.4310]],

                        ...,

                        [[1.5760, 1.5770, 1.5780,  ..., 1.5910, 1.5920, 1.5930],
                         [1.5940, 1.5950, 1.5960,  ..., 1.6090, 1.6100, 1.6110],
                         [1.6120, 1.6130, 1.6140,  ..., 1.6270, 1.6280, 1.6290],
                         ...,
                         [1.6660, 1.6670, 1.6680,  ..., 1.6810, 1.6820, 1.6830],
                         [1.6840, 1.6850, 1.6860,  ..., 1.6990, 1.7000, 1.7010],
                         [1.7020, 1.7030, 1.7040,  ..., 1.7170, 1.7180, 1.7190]],

                        [[1.7200, 1.7210, 1.7220,  ..., 1.7350, 1.7360, 1.7370],
                         [1.7380, 1.7390, 1.7400,  ..., 1.7530, 1.7540, 1.7550],
                         [1.7560, 1.7570, 1.7580,  ..., 1.7710, 1.7720, 1.7730],
                         ...,
                         [1.8100, 1.8110, 1.8120,  ..., 1.8250, 1.8260, 1.8270],
                         [1.8280, 1.8290, 1.8300,  ..., 1.8430, 1.8440, 1.8450],
                         [1.8460, 1.8470, 1.8480,  ..., 1.8610, 1.8620, 1.8630]],

                        [[1.8640, 1.8650, 1.8660,  ..., 1.8790, 1.8800, 1.8810],
                         [1.8820, 1.8830, 1.8840,  ..., 1.8970, 1.8980, 1.8990],
                         [1.9000, 1.9010, 1.9020,  ..., 1.9150, 1.9160, 1.9170],
                         ...,
                         [1.9540, 1.9550, 1.9560,  ..., 1.9690, 1.9700, 1.9710],
                         [1.9720, 1.9730, 1.9740,  ..., 1.9870, 1.9880, 1.9890],
                         [1.9900, 1.9910, 1.9920,  ..., 2.0050, 2.0060, 2.0070]]])""",
                f32(map(range(1008), v -> (float) v / 1000f + 1f)).reshape(7, 8, 18));
        // 'int 3-D negative': torch.arange(-1200, 1200).reshape(8, 10, 30)
        check("""
                tensor([[[-1200, -1199, -1198,  ..., -1173, -1172, -1171],
                         [-1170, -1169, -1168,  ..., -1143, -1142, -1141],
                         [-1140, -1139, -1138,  ..., -1113, -1112, -1111],
                         ...,
                         [ -990,  -989,  -988,  ...,  -963,  -962,  -961],
                         [ -960,  -959,  -958,  ...,  -933,  -932,  -931],
                         [ -930,  -929,  -928,  ...,  -903,  -902,  -901]],

                        [[ -900,  -899,  -898,  ...,  -873,  -872,  -871],
                         [ -870,  -869,  -868,  ...,  -843,  -842,  -841],
                         [ -840,  -839,  -838,  ...,  -813,  -812,  -811],
                         ...,
                         [ -690,  -689,  -688,  ...,  -663,  -662,  -661],
                         [ -660,  -659,  -658,  ...,  -633,  -632,  -631],
                         [ -630,  -629,  -628,  ...,  -603,  -602,  -601]],

                        [[ -600,  -599,  -598,  ...,  -573,  -572,  -571],
                         [ -570,  -569,  -568,  ...,  -543,  -542,  -541],
                         [ -540,  -539,  -538,  ...,  -513,  -512,  -511],
                         ...,
                         [ -390,  -389,  -388,  ...,  -363,  -362,  -361],
                         [ -360,  -359,  -358,  ...,  -333,  -332,  -331],
                         [ -330,  -329,  -328,  ...,  -303,  -302,  -301]],

                        ...,

                        [[  300,   301,   302,  ...,   327,   328,   329],
                         [  330,   331,   332,  ...,   357,   358,   359],
                         [  360,   361,   362,  ...,   387,   388,   389],
                         ...,
                         [  510,   511,   512,  ...,   537,   538,   539],
                         [  540,   541,   542,  ...,   567,   568,   569],
                         [  570,   571,   572,  ...,   597,   598,   599]],

                        [[  600,   601,   602,  ...,   627,   628,   629],
                         [  630,   631,   632,  ...,   657,   658,   659],
                         [  660,   661,   662,  ...,   687,   688,   689],
                         ...,
                         [  810,   811,   812,  ...,   837,   838,   839],
                         [  840,   841,   842,  ...,   867,   868,   869],
                         [  870,   871,   872,  ...,   897,   898,   899]],

                        [[  900,   901,   902,  ...,   927,   928,   929],
                         [  930,   931,   932,  ...,   957,   958,   959],
                         [  960,   961,   962,  ...,   987,   988,   989],
                         ...,
                         [ 1110,  1111,  1112,  ...,  1137,  1138,  1139],
                         [ 1140,  1141,  1142,  ...,  1167,  1168,  1169],
                         [ 1170,  1171,  1172,  ...,  1197,  1198,  1199]]])""",
                i64(lrange(-1200, 1200)).reshape(8, 10, 30));
        // 'only last dim long': torch.arange(1200).reshape(6, 200)
        check("""
                tensor([[   0,    1,    2,  ...,  197,  198,  199],
                        [ 200,  201,  202,  ...,  397,  398,  399],
                        [ 400,  401,  402,  ...,  597,  598,  599],
                        [ 600,  601,  602,  ...,  797,  798,  799],
                        [ 800,  801,  802,  ...,  997,  998,  999],
                        [1000, 1001, 1002,  ..., 1197, 1198, 1199]])""",
                i64(lrange(0, 1200)).reshape(6, 200));
        // '4-D': (torch.arange(1040.) - 520).reshape(2, 2, 2, 130)
        check("""
                tensor([[[[-520., -519., -518.,  ..., -393., -392., -391.],
                          [-390., -389., -388.,  ..., -263., -262., -261.]],

                         [[-260., -259., -258.,  ..., -133., -132., -131.],
                          [-130., -129., -128.,  ...,   -3.,   -2.,   -1.]]],


                        [[[   0.,    1.,    2.,  ...,  127.,  128.,  129.],
                          [ 130.,  131.,  132.,  ...,  257.,  258.,  259.]],

                         [[ 260.,  261.,  262.,  ...,  387.,  388.,  389.],
                          [ 390.,  391.,  392.,  ...,  517.,  518.,  519.]]]])""",
                f32(map(range(1040), v -> v - 520)).reshape(2, 2, 2, 130));
        // 'no dim longer than 6': torch.arange(1080).reshape(5, 6, 6, 6)
        assertDigest(i64(lrange(0, 1080)).reshape(5, 6, 6, 6), 213,
                "tensor([[[[   0,    1,    2,    3,    4,    5],",
                "          [1074, 1075, 1076, 1077, 1078, 1079]]]])");
        // 'hidden values do not count': torch.cat([torch.arange(500.), torch.tensor([1e9, 0.5]), torch.arange(499.)])
        check("tensor([  0.,   1.,   2.,  ..., 496., 497., 498.])",
                f32(concat(range(500), new double[] {1e9, 0.5}, range(499))));
        // 'bool': (torch.arange(1100).reshape(11, 100) % 3) == 0
        check("""
                tensor([[ True, False, False,  ..., False, False,  True],
                        [False, False,  True,  ..., False,  True, False],
                        [False,  True, False,  ...,  True, False, False],
                        ...,
                        [False,  True, False,  ...,  True, False, False],
                        [ True, False, False,  ..., False, False,  True],
                        [False, False,  True,  ..., False,  True, False]])""",
                boolBits(lmap(lrange(0, 1100), v -> v % 3 == 0 ? 1 : 0)).reshape(11, 100));
    }

    @Test
    void sciModeNegative() {
        // 'mixed': torch.tensor([-1.5e-5, 2.5, -3e9])
        check("tensor([-1.5000e-05,  2.5000e+00, -3.0000e+09])",
                f32(-1.5e-5, 2.5, -3e9));
        // '2-D': torch.tensor([[-123456.7, 0.001], [5., -0.0]])
        check("""
                tensor([[-1.2346e+05,  1.0000e-03],
                        [ 5.0000e+00, -0.0000e+00]])""",
                f32(-123456.7, 0.001, 5, -0.0).reshape(2, 2));
        // 'f64 all negative': torch.tensor([-1e-7, -2.5e-3], dtype=torch.double)
        check("tensor([-1.0000e-07, -2.5000e-03], dtype=float64)",
                f64(-1e-7, -2.5e-3));
        // 'int-valued': torch.tensor([-1., 10000., -2.])
        check("tensor([-1.0000e+00,  1.0000e+04, -2.0000e+00])",
                f32(-1, 10000, -2));
    }

    @Test
    void integerValuedWithNonFinite() {
        // 'sci': torch.tensor([nan, 1e9, -2.])
        check("tensor([        nan,  1.0000e+09, -2.0000e+00])",
                f32(NAN, 1e9, -2));
        // 'fixed': torch.tensor([inf, -inf, 100., -3.])
        check("tensor([ inf, -inf, 100.,  -3.])",
                f32(INF, -INF, 100, -3));
        // 'f64 with zero': torch.tensor([nan, 0., -5.], dtype=torch.double)
        check("tensor([nan,  0., -5.], dtype=float64)",
                f64(NAN, 0, -5));
        // 'sci ratio': torch.tensor([1., 1e4, nan])
        check("tensor([1.0000e+00, 1.0000e+04,        nan])",
                f32(1, 1e4, NAN));
        // '2-D': torch.tensor([[-inf, 7.], [nan, -12.]])
        check("""
                tensor([[-inf,   7.],
                        [ nan, -12.]])""",
                f32(-INF, 7, NAN, -12).reshape(2, 2));
    }

    @Test
    void integerWidths() {
        // 'negative widest': torch.tensor([[-1000, 5], [7, -2]])
        check("""
                tensor([[-1000,     5],
                        [    7,    -2]])""",
                i64(-1000, 5, 7, -2).reshape(2, 2));
        // 'int32 limits': torch.tensor([-2147483648, 2147483647], dtype=torch.int32)
        check("tensor([-2147483648,  2147483647], dtype=int32)",
                i32(Integer.MIN_VALUE, Integer.MAX_VALUE));
        // 'int64 limits': torch.tensor([-9223372036854775808, 9223372036854775807])
        check("tensor([-9223372036854775808,  9223372036854775807])",
                i64(Long.MIN_VALUE, Long.MAX_VALUE));
        // 'wrapping': torch.arange(-30, 0) * 7
        check("""
                tensor([-210, -203, -196, -189, -182, -175, -168, -161, -154, -147, -140, -133,
                        -126, -119, -112, -105,  -98,  -91,  -84,  -77,  -70,  -63,  -56,  -49,
                         -42,  -35,  -28,  -21,  -14,   -7])""",
                i64(lmap(lrange(-30, 0), v -> v * 7)));
        // 'int32 2-D': torch.tensor([[3, -40], [500, 6]], dtype=torch.int32)
        check("""
                tensor([[  3, -40],
                        [500,   6]], dtype=int32)""",
                i32(3, -40, 500, 6).reshape(2, 2));
    }

    @Test
    void bool2d() {
        // 'all true': torch.tensor([[True, True], [True, True]])
        check("""
                tensor([[True, True],
                        [True, True]])""",
                bool(true, true, true, true).reshape(2, 2));
        // '3x3': torch.eye(3) > 0
        check("""
                tensor([[ True, False, False],
                        [False,  True, False],
                        [False, False,  True]])""",
                bool(true, false, false, false, true, false, false, false, true).reshape(3, 3));
        // '3-D with grad-less suffix': torch.tensor([[[False], [True]]])
        check("""
                tensor([[[False],
                         [ True]]])""",
                bool(false, true).reshape(1, 2, 1));
        // 'long row': torch.arange(20) % 2 == 0
        check("""
                tensor([ True, False,  True, False,  True, False,  True, False,  True, False,
                         True, False,  True, False,  True, False,  True, False,  True, False])""",
                boolBits(lmap(lrange(0, 20), v -> v % 2 == 0 ? 1 : 0)));
    }

    @Test
    void zeroDim() {
        // 'float32 fixed': torch.tensor(2.5)
        check("tensor(2.5000)",
                f32(2.5).reshape());
        // 'float32 negative zero': torch.tensor(-0.0)
        check("tensor(-0.)",
                f32(-0.0).reshape());
        // 'float32 sci': torch.tensor(123456789.)
        check("tensor(1.2346e+08)",
                f32(123456789).reshape());
        // 'float64 sci': torch.tensor(1e-5, dtype=torch.double)
        check("tensor(1.0000e-05, dtype=float64)",
                f64(1e-5).reshape());
        // 'float64 nan': torch.tensor(nan, dtype=torch.double)
        check("tensor(nan, dtype=float64)",
                f64(NAN).reshape());
        // 'float64 int-valued grad': torch.tensor(3., dtype=torch.double, requires_grad=True)
        check("tensor(3., dtype=float64, requires_grad=True)",
                f64(3).reshape().withGrad());
        // 'int32': torch.tensor(7, dtype=torch.int32)
        check("tensor(7, dtype=int32)",
                i32(7).reshape());
        // 'int64': torch.tensor(-3)
        check("tensor(-3)",
                i64(-3).reshape());
        // 'bool': torch.tensor(False)
        check("tensor(False)",
                bool(false).reshape());
        // 'grad_fn': torch.tensor(2., requires_grad=True).exp()
        check("tensor(7.3891, grad_fn=<ExpBackward0>)",
                f32(Math.exp(2)).reshape().gradFn("ExpBackward0"));
    }

    @Test
    void emptyWithDtypes() {
        // '(0, 3) float32': torch.zeros(0, 3)
        check("tensor([], size=(0, 3))",
                f32().reshape(0, 3));
        // '(0, 3) float64': torch.zeros(0, 3, dtype=torch.double)
        check("tensor([], size=(0, 3), dtype=float64)",
                f64().reshape(0, 3));
        // '(0, 3) int32': torch.zeros(0, 3, dtype=torch.int32)
        check("tensor([], size=(0, 3), dtype=int32)",
                i32().reshape(0, 3));
        // '(0, 3) int64': torch.zeros(0, 3, dtype=torch.long)
        check("tensor([], size=(0, 3), dtype=int64)",
                i64().reshape(0, 3));
        // '(0, 3) bool': torch.zeros(0, 3, dtype=torch.bool)
        check("tensor([], size=(0, 3), dtype=bool)",
                bool().reshape(0, 3));
        // '(2, 0, 1) float64': torch.zeros(2, 0, 1, dtype=torch.double)
        check("tensor([], size=(2, 0, 1), dtype=float64)",
                f64().reshape(2, 0, 1));
        // '(2, 0, 1) int64': torch.zeros(2, 0, 1, dtype=torch.long)
        check("tensor([], size=(2, 0, 1), dtype=int64)",
                i64().reshape(2, 0, 1));
        // '(2, 0, 1) bool': torch.zeros(2, 0, 1, dtype=torch.bool)
        check("tensor([], size=(2, 0, 1), dtype=bool)",
                bool().reshape(2, 0, 1));
        // '(2, 0, 1) float64 grad': torch.zeros(2, 0, 1, dtype=torch.double, requires_grad=True)
        check("tensor([], size=(2, 0, 1), dtype=float64, requires_grad=True)",
                f64().reshape(2, 0, 1).withGrad());
        // '(0,) int32': torch.zeros(0, dtype=torch.int32)
        check("tensor([], dtype=int32)",
                i32());
        // '(0, 3) grad_fn': torch.zeros(0, 3, requires_grad=True) * 2
        check("tensor([], size=(0, 3), grad_fn=<MulBackward0>)",
                f32().reshape(0, 3).gradFn("MulBackward0"));
    }

    @Test
    void negativeZero() {
        // 'int-valued': torch.tensor([-0.0, 1.])
        check("tensor([-0., 1.])",
                f32(-0.0, 1));
        // 'only zeros': torch.tensor([-0.0, 0.0])
        check("tensor([-0., 0.])",
                f32(-0.0, 0.0));
        // 'fixed': torch.tensor([-0.0, 1.5])
        check("tensor([-0.0000, 1.5000])",
                f32(-0.0, 1.5));
        // 'sci': torch.tensor([-0.0, 1e-5])
        check("tensor([-0.0000e+00, 1.0000e-05])",
                f32(-0.0, 1e-5));
        // 'float64 int-valued': torch.tensor([-0.0, -7.], dtype=torch.double)
        check("tensor([-0., -7.], dtype=float64)",
                f64(-0.0, -7));
    }

    @Test
    void suffixWrapWithGradFn() {
        // 'float32 9 per line': (torch.arange(9.) + 0.5).requires_grad_() * 1
        check("""
                tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000],
                       grad_fn=<MulBackward0>)""",
                f32(map(range(9), v -> v + 0.5)).gradFn("MulBackward0"));
        // 'float64 2-D': torch.ones(3, 8, dtype=torch.double, requires_grad=True) * 1.5
        check("""
                tensor([[1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000],
                        [1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000],
                        [1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000, 1.5000]],
                       dtype=float64, grad_fn=<MulBackward0>)""",
                f64(map(range(24), v -> 1.5)).reshape(3, 8).gradFn("MulBackward0"));
        // 'float64 short': torch.ones(2, dtype=torch.double, requires_grad=True) * 1.5
        check("tensor([1.5000, 1.5000], dtype=float64, grad_fn=<MulBackward0>)",
                f64(1.5, 1.5).gradFn("MulBackward0"));
        // 'int32 wide': torch.arange(40, dtype=torch.int32) * 100
        check("""
                tensor([   0,  100,  200,  300,  400,  500,  600,  700,  800,  900, 1000, 1100,
                        1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300,
                        2400, 2500, 2600, 2700, 2800, 2900, 3000, 3100, 3200, 3300, 3400, 3500,
                        3600, 3700, 3800, 3900], dtype=int32)""",
                i32(lmap(lrange(0, 40), v -> v * 100)));
        // 'float32 long name': (torch.arange(7.) + 0.25).requires_grad_().sigmoid()
        check("""
                tensor([0.5622, 0.7773, 0.9047, 0.9627, 0.9859, 0.9948, 0.9981],
                       grad_fn=<SigmoidBackward0>)""",
                f32(map(range(7), v -> 1 / (1 + Math.exp(-(v + 0.25))))).gradFn("SigmoidBackward0"));
        // 'float64 long name': torch.ones(5, dtype=torch.double, requires_grad=True).sigmoid()
        check("""
                tensor([0.7311, 0.7311, 0.7311, 0.7311, 0.7311], dtype=float64,
                       grad_fn=<SigmoidBackward0>)""",
                f64(map(range(5), v -> 1 / (1 + Math.exp(-1)))).gradFn("SigmoidBackward0"));
    }

    @Test
    void halfEvenRounding() {
        // 'halves': torch.tensor([0.5, 1.5, 2.5])
        check("tensor([0.5000, 1.5000, 2.5000])",
                f32(0.5, 1.5, 2.5));
        // 'halves sci': torch.tensor([0.5, 1.5, 2.5, 1e-5])
        check("tensor([5.0000e-01, 1.5000e+00, 2.5000e+00, 1.0000e-05])",
                f32(0.5, 1.5, 2.5, 1e-5));
        // 'exact ties at 4 decimals': torch.tensor([0.03125, 0.09375, 1.03125, 2.65625])
        check("tensor([0.0312, 0.0938, 1.0312, 2.6562])",
                f32(0.03125, 0.09375, 1.03125, 2.65625));
        // 'exact ties at 5 digits': torch.tensor([1.03125, 1.09375e-5, 3.0625e3], dtype=torch.double)
        check("tensor([1.0312e+00, 1.0937e-05, 3.0625e+03], dtype=float64)",
                f64(1.03125, 1.09375e-5, 3.0625e3));
        // 'float32 widened': torch.tensor([2.675, 0.1, 1.00005])
        check("tensor([2.6750, 0.1000, 1.0000])",
                f32(2.675, 0.1, 1.00005));
        // 'float64 near ties': torch.tensor([2.675, 1.00005, 0.00015], dtype=torch.double)
        check("tensor([2.6750e+00, 1.0001e+00, 1.5000e-04], dtype=float64)",
                f64(2.675, 1.00005, 0.00015));
        // 'rounds up to next power': torch.tensor([9.99995, 99999.99999], dtype=torch.double)
        check("tensor([1.0000e+01, 1.0000e+05], dtype=float64)",
                f64(9.99995, 99999.99999));
        // 'fixed rounds up to 10': torch.tensor([9.99996, -1.5, 0.99995], dtype=torch.double)
        check("tensor([10.0000, -1.5000,  1.0000], dtype=float64)",
                f64(9.99996, -1.5, 0.99995));
        // 'sci rounds to 10': torch.tensor([9.99996e-5, 1.], dtype=torch.double)
        check("tensor([1.0000e-04, 1.0000e+00], dtype=float64)",
                f64(9.99996e-5, 1));
    }

    @Test
    void tinyValues() {
        // 'float32 1e-5': torch.tensor([1e-5])
        check("tensor([1.0000e-05])",
                f32(1e-5));
        // 'float64 1e-5': torch.tensor([1e-5, 2e-5], dtype=torch.double)
        check("tensor([1.0000e-05, 2.0000e-05], dtype=float64)",
                f64(1e-5, 2e-5));
        // 'float64 1e-300': torch.tensor([1e-300, -5e-324], dtype=torch.double)
        check("tensor([ 1.0000e-300, -4.9407e-324], dtype=float64)",
                f64(1e-300, -5e-324));
        // 'float32 smallest': torch.tensor([1.4e-45, 1.])
        check("tensor([1.4013e-45, 1.0000e+00])",
                f32(1.4e-45, 1));
    }

    @Test
    void largeValues() {
        // 'float32 123456789': torch.tensor([123456789.])
        check("tensor([1.2346e+08])",
                f32(123456789));
        // 'float64 123456789': torch.tensor([123456789.], dtype=torch.double)
        check("tensor([1.2346e+08], dtype=float64)",
                f64(123456789));
        // 'float64 99999999': torch.tensor([99999999.], dtype=torch.double)
        check("tensor([99999999.], dtype=float64)",
                f64(99999999));
        // 'float32 99999999': torch.tensor([99999999.])
        check("tensor([100000000.])",
                f32(99999999));
        // 'float64 1e8 and 1.5': torch.tensor([1e8, 1.5], dtype=torch.double)
        check("tensor([1.0000e+08, 1.5000e+00], dtype=float64)",
                f64(1e8, 1.5));
        // 'float64 huge': torch.tensor([1e15, -1e16, 1.7976931348623157e308], dtype=torch.double)
        check("tensor([ 1.0000e+15, -1.0000e+16, 1.7977e+308], dtype=float64)",
                f64(1e15, -1e16, Double.MAX_VALUE));
        // 'float32 max': torch.tensor([3.4028234663852886e38, -1.])
        check("tensor([ 3.4028e+38, -1.0000e+00])",
                f32(Float.MAX_VALUE, -1));
        // 'float32 fixed near 1e8': torch.tensor([99999.5, 12.25])
        check("tensor([1.0000e+05, 1.2250e+01])",
                f32(99999.5, 12.25));
    }
}
