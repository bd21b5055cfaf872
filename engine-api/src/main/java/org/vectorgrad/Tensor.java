package org.vectorgrad;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.vectorgrad.ElementwiseOps.Arithmetic;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.format.Printable;
import org.vectorgrad.format.TensorFormatter;

/**
 * An n-dimensional array with PyTorch's semantics: dtypes and type promotion, broadcasting, views
 * that share storage, and define-by-run reverse-mode autograd.
 *
 * <pre>{@code
 * Tensor x = Tensor.linspace(0, 3, 4).requiresGrad_(true);
 * Tensor y = x.sin().sum();
 * y.backward();
 * System.out.println(x.grad());     // tensor([ 1.0000,  0.5403, -0.4161, -0.9900])
 * }</pre>
 *
 * <p>Java has no operator overloading: {@code 2 * x @ x} is {@code x.mul(2).matmul(x)} and
 * {@code x[1] = 10} is {@code x.select(0, 1).fill_(10)}. Every computation goes through the current
 * {@link org.vectorgrad.backend.Backends backend}. Tensors are not thread-safe; grad mode is per thread.
 * A tensor is {@link java.io.Serializable} in a compact form (dtype, shape, elements: see
 * {@code TensorSerialForm}), so it can travel in Spark closures and RDDs.
 */
public final class Tensor implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger("org.vectorgrad");

    /** Storage, dtype and layout; replaced together only by {@link #setData}. */
    private Object data;
    private DType dtype;
    private Layout layout;
    private final VersionCounter version;
    /** The tensor whose storage this view reads (never itself a view), or null. */
    private final Tensor base;
    /** The view as a function of the base's layout (logical: also valid on a contiguous layout). */
    private final UnaryOperator<Layout> viewFromBase;
    /** A Java number standing in an expression, which promotes like a Python scalar. */
    private boolean wrappedNumber;

    /** Some view reads this (base) tensor's storage: a gradient with views is never adopted as a leaf's grad. */
    private boolean hasViews;
    /** Made by {@code nn.Parameter}: printed as "Parameter containing:". */
    private boolean parameter;
    /** Null until the tensor requires grad, gets a node or a gradient. */
    private AutogradMeta autograd;

    Tensor(Object data, DType dtype, Layout layout, VersionCounter version, Tensor base, UnaryOperator<Layout> viewFromBase) {
        this.data = data;
        this.dtype = dtype;
        this.layout = layout;
        this.version = version;
        this.base = base;
        this.viewFromBase = viewFromBase;
    }

    /** Java serialization writes the compact {@link TensorSerialForm} instead of the fields. */
    @java.io.Serial
    private Object writeReplace() {
        return new TensorSerialForm(this);
    }

    /** A fresh tensor over {@code data} (no autograd history). */
    static Tensor make(Object data, DType dtype, Layout layout) {
        return new Tensor(data, dtype, layout, new VersionCounter(), null, null);
    }

    /** A fresh, uninitialised (zero) tensor with the given shape and strides. */
    static Tensor empty(DType dtype, int[] shape, int[] strides) {
        return empty(dtype, new Layout(0, shape, strides));
    }

    /**
     * A fresh, uninitialised (zero) tensor laid out as {@code l}, which starts at offset 0. Layouts
     * are immutable, so {@code l} may be an operand's: the new storage is the tensor's own.
     */
    static Tensor empty(DType dtype, Layout l) {
        return make(Buffers.allocate(dtype, span(l)), dtype, l);
    }

    /**
     * {@link #empty(DType, Layout)} for a kernel that writes every element before anything reads one
     * (elementwise maps, copies, matrix products, which overwrite their output): when l is dense (its
     * span is its element count, so every array element is written), the storage may be an array a
     * backward pass recycled ({@link Buffers#allocateOverwritten}) instead of a freshly zeroed one.
     * Never for outputs a kernel accumulates into or writes in part (reductions, scatters).
     */
    static Tensor emptyOverwritten(DType dtype, Layout l) {
        int span = span(l);
        boolean dense = span >= Engine.MIN_RECYCLED && span == l.size() && l.isNonOverlappingAndDense();
        return make(dense ? Buffers.allocateOverwritten(dtype, span) : Buffers.allocate(dtype, span), dtype, l);
    }

    /** {@link #emptyOverwritten(DType, Layout)} with the given shape and strides. */
    static Tensor emptyOverwritten(DType dtype, int[] shape, int[] strides) {
        return emptyOverwritten(dtype, new Layout(0, shape, strides));
    }

    /** The array length a layout starting at offset 0 reaches: 1 + the offset of its last element. */
    private static int span(Layout l) {
        int span = 1;
        for (int d = 0; d < l.rank(); d++) {
            if (l.shape(d) == 0) {
                return 0;
            }
            span += (l.shape(d) - 1) * l.stride(d);
        }
        return span;
    }

    static Tensor empty(DType dtype, int... shape) {
        return empty(dtype, shape, Layout.contiguousStrides(shape));
    }

    /** A view of this tensor's storage through {@code fn}, sharing its version counter. */
    Tensor view(UnaryOperator<Layout> fn) {
        Layout l = fn.apply(layout);
        Tensor root = base == null ? this : base;
        UnaryOperator<Layout> fromBase = viewFromBase == null ? fn : compose(viewFromBase, fn);
        root.hasViews = true;
        Tensor v = new Tensor(data, dtype, l, version, root, fromBase);
        if (root.historyVersion() != 0) {
            v.autograd().baseHistorySeen = root.historyVersion();
        }
        return v;
    }

    private static UnaryOperator<Layout> compose(UnaryOperator<Layout> first, UnaryOperator<Layout> then) {
        return l -> then.apply(first.apply(l));
    }

    /** A 0-dim tensor for a Java number in an expression; promotes like a Python scalar. */
    static Tensor wrap(double v) {
        Tensor t = make(new double[] {v}, DType.FLOAT64, Layout.contiguous());
        t.wrappedNumber = true;
        return t;
    }

    static Tensor wrap(long v) {
        Tensor t = make(new long[] {v}, DType.INT64, Layout.contiguous());
        t.wrappedNumber = true;
        return t;
    }

    // ---------------------------------------------------------------- creation

    /** A 0-dim float32 tensor, as {@code torch.tensor(3.5)}. */
    public static Tensor of(double value) {
        return of(value, DType.FLOAT32);
    }

    /** A 0-dim tensor of the given dtype, as {@code torch.tensor(4.3, dtype=torch.float64)}. */
    public static Tensor of(double value, DType dtype) {
        Tensor t = empty(dtype);
        Buffers.setDouble(t.data, 0, value);
        return t;
    }

    /** A 0-dim int64 tensor, as {@code torch.tensor(5)}: {@code Tensor.of(5)} is {@code tensor(5)}. */
    public static Tensor of(long value) {
        return make(new long[] {value}, DType.INT64, Layout.contiguous());
    }

    /** A 0-dim bool tensor, as {@code torch.tensor(True)}. */
    public static Tensor of(boolean value) {
        return make(new boolean[] {value}, DType.BOOL, Layout.contiguous());
    }

    /**
     * A 1-D float32 tensor: {@code Tensor.of(1., 2., 3.)} is {@code tensor([1., 2., 3.])}. (Integer
     * literals choose {@link #of(long...)}: {@code Tensor.of(1, 2, 3)} is int64, as {@code torch.tensor([1, 2, 3])}.)
     */
    public static Tensor of(double... values) {
        return of(values, DType.FLOAT32);
    }

    /** A 1-D float32 tensor holding a copy of {@code values}. */
    public static Tensor of(float... values) {
        return make(values.clone(), DType.FLOAT32, Layout.contiguous(values.length));
    }

    /** A 1-D int64 tensor: {@code Tensor.of(1L, 2L)} is {@code tensor([1, 2])}. */
    public static Tensor of(long... values) {
        return make(values.clone(), DType.INT64, Layout.contiguous(values.length));
    }

    /** A 1-D bool tensor. */
    public static Tensor of(boolean... values) {
        return make(values.clone(), DType.BOOL, Layout.contiguous(values.length));
    }

    /** A 1-D tensor of the given dtype. */
    public static Tensor of(double[] values, DType dtype) {
        Tensor t = empty(dtype, values.length);
        for (int i = 0; i < values.length; i++) {
            Buffers.setDouble(t.data, i, values[i]);
        }
        return t;
    }

    /** A 2-D float32 tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        return fromNested(rows, DType.FLOAT32);
    }

    /** A 3-D float32 tensor. */
    public static Tensor of(double[][][] blocks) {
        return fromNested(blocks, DType.FLOAT32);
    }

    /** A 4-D float32 tensor. */
    public static Tensor of(double[][][][] blocks) {
        return fromNested(blocks, DType.FLOAT32);
    }

    /** A 2-D int64 tensor. */
    public static Tensor of(long[][] rows) {
        return fromNested(rows, DType.INT64);
    }

    /** A 2-D bool tensor. */
    public static Tensor of(boolean[][] rows) {
        return fromNested(rows, DType.BOOL);
    }

    /**
     * {@code torch.tensor(data)}: a tensor of any rank from nested Java arrays or a boxed number, with
     * the dtype inferred from the element types as PyTorch infers it from Python values: {@code boolean}
     * gives bool, integers give int64, {@code double}/{@code float} give the default dtype (float32);
     * mixed boxed elements take the widest ({@code new Object[] {true, 1}} is {@code tensor([1, 1])}).
     * An empty primitive array keeps its element type; a {@code Tensor} is copied, with PyTorch's
     * warning to use {@code clone().detach()} instead.
     *
     * <pre>{@code
     * Tensor.fromNested(new long[][] {{1, 2}, {3, 4}});   // tensor([[1, 2], [3, 4]])
     * Tensor.fromNested(new Object[] {1, 2.5});          // tensor([1.0000, 2.5000])
     * }</pre>
     *
     * @throws IllegalArgumentException for ragged arrays, as PyTorch's "expected sequence of length ...",
     *     and for elements that are not numbers or booleans
     */
    public static Tensor fromNested(Object nested) {
        return Factories.fromNested(nested, null);
    }

    /**
     * A tensor of any rank from nested Java arrays ({@code double[][]...}, {@code long[][]},
     * {@code float[][]}, {@code int[][]}, {@code boolean[][]}, {@code Object[]} of boxed numbers)
     * converted to {@code dtype}, as {@code torch.tensor(data, dtype=dtype)}.
     *
     * @throws IllegalArgumentException for ragged arrays, as PyTorch's "expected sequence of length ..."
     */
    public static Tensor fromNested(Object nested, DType dtype) {
        return Factories.fromNested(nested, java.util.Objects.requireNonNull(dtype, "dtype"));
    }

    /**
     * Wraps a caller's array without copying: writes through the tensor are visible in the array.
     * {@code Tensor.from(new float[] {1, 2, 3, 4}, 2, 2)}.
     */
    public static Tensor from(float[] data, long... shape) {
        return wrapArray(data, data.length, DType.FLOAT32, shape);
    }

    /** Wraps a caller's {@code double[]} without copying. */
    public static Tensor from(double[] data, long... shape) {
        return wrapArray(data, data.length, DType.FLOAT64, shape);
    }

    private static Tensor wrapArray(Object data, int length, DType dtype, long[] shape) {
        int[] s = shape.length == 0 && length != 1 ? new int[] {length} : Shapes.inferSize(shape, length);
        return make(data, dtype, Layout.contiguous(s));
    }

    /** {@code torch.zeros(2, 3)}: float32 zeros. */
    public static Tensor zeros(long... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** {@code torch.zeros(shape, dtype=dtype)}. */
    public static Tensor zeros(DType dtype, long... shape) {
        return empty(dtype, Shapes.toInt(shape));
    }

    /** {@code torch.ones(2, 3)}: float32 ones. */
    public static Tensor ones(long... shape) {
        return ones(DType.FLOAT32, shape);
    }

    /** {@code torch.ones(shape, dtype=dtype)}. */
    public static Tensor ones(DType dtype, long... shape) {
        return full(dtype, 1, shape);
    }

    /** {@code torch.full((2, 3), 7.)}: float32 filled with a value. */
    public static Tensor full(double value, long... shape) {
        return full(DType.FLOAT32, value, shape);
    }

    /** {@code torch.full((2,), 7)}: an integer value gives int64, {@code tensor([7, 7])}. */
    public static Tensor full(long value, long... shape) {
        Tensor t = empty(DType.INT64, Shapes.toInt(shape));
        java.util.Arrays.fill((long[]) t.data, value);   // every long exactly, beyond double's 2^53
        return t;
    }

    /**
     * {@code torch.full(shape, value, dtype=dtype)}; a value the dtype cannot hold (300 for int32 is fine,
     * 1e40 for float32 is not) is an error, as in PyTorch.
     */
    public static Tensor full(DType dtype, double value, long... shape) {
        OpSupport.checkFill(dtype, value);
        Tensor t = empty(dtype, Shapes.toInt(shape));
        if (value != 0) {
            OpSupport.kernels().fill(dtype, t.data, t.layout, value);
        }
        return t;
    }

    /** {@code torch.arange(5)}: int64 {@code 0 .. end-1}. */
    public static Tensor arange(long end) {
        return arange(0L, end, 1L);
    }

    /** {@code torch.arange(2.5)}: float32 {@code 0, 1, 2}. */
    public static Tensor arange(double end) {
        return arange(0.0, end, 1.0);
    }

    /** {@code torch.arange(start, end, step)} over integers: int64. */
    public static Tensor arange(long start, long end, long step) {
        long[] v = new long[Shapes.toIntSize(Factories.arangeLength(start, end, step))];
        OpSupport.kernels().arange(v, 0, v.length, start, step);
        return make(v, DType.INT64, Layout.contiguous(v.length));
    }

    /** {@code torch.arange(start, end, step)} over reals: float32. */
    public static Tensor arange(double start, double end, double step) {
        return arange(DType.FLOAT32, start, end, step);
    }

    /** {@code torch.arange(start, end, step, dtype=dtype)}. */
    public static Tensor arange(DType dtype, double start, double end, double step) {
        return Factories.arange(dtype, start, end, step);
    }

    /** {@code torch.linspace(start, end, steps)}: float32, both ends included. */
    public static Tensor linspace(double start, double end, long steps) {
        return linspace(DType.FLOAT32, start, end, steps);
    }

    /** {@code torch.linspace(start, end, steps, dtype=dtype)}. */
    public static Tensor linspace(DType dtype, double start, double end, long steps) {
        return Factories.linspace(dtype, start, end, steps);
    }

    /** {@code torch.eye(n)}: the n x n identity, float32. */
    public static Tensor eye(long n) {
        return eye(DType.FLOAT32, n, n);
    }

    /** {@code torch.eye(n, m)}: an n x m float32 matrix with ones on the diagonal. */
    public static Tensor eye(long n, long m) {
        return eye(DType.FLOAT32, n, m);
    }

    /** {@code torch.eye(n, m, dtype=dtype)}. */
    public static Tensor eye(DType dtype, long n, long m) {
        Tensor t = zeros(dtype, n, m);
        for (int i = 0; i < Math.min(n, m); i++) {
            Buffers.setDouble(t.data, (int) (i * m + i), 1);
        }
        return t;
    }

    /** Seeds the global generator, as {@code torch.manual_seed}: later draws match PyTorch's CPU stream. */
    public static void manualSeed(long seed) {
        Factories.manualSeed(seed);
    }

    /** {@code torch.rand(2, 3)}: uniform on [0, 1), float32. */
    public static Tensor rand(long... shape) {
        return rand(DType.FLOAT32, shape);
    }

    /** {@code torch.rand(shape, dtype=dtype)}. */
    public static Tensor rand(DType dtype, long... shape) {
        return Factories.rand(dtype, Shapes.toInt(shape));
    }

    /** {@code torch.randn(2, 3)}: standard normal, float32. */
    public static Tensor randn(long... shape) {
        return randn(DType.FLOAT32, shape);
    }

    /** {@code torch.randn(shape, dtype=dtype)}. */
    public static Tensor randn(DType dtype, long... shape) {
        return Factories.randn(dtype, Shapes.toInt(shape));
    }

    /** {@code torch.randint(low, high, shape)}: int64 uniform on [low, high). */
    public static Tensor randint(long low, long high, long... shape) {
        return Factories.randint(low, high, Shapes.toInt(shape));
    }

    /** {@code torch.zeros_like(x)}: zeros with this tensor's shape, dtype and memory layout. */
    public Tensor zerosLike() {
        return fullLike(0);
    }

    /** {@code torch.ones_like(x)}. */
    public Tensor onesLike() {
        return fullLike(1);
    }

    /**
     * {@code torch.full_like(x, value)}: this tensor's shape and dtype; laid out like it (a
     * transposed tensor gives a transposed result), as PyTorch's preserve_format.
     * {@code Tensor.zeros(2, 3).t().fullLike(7).stride()} is {@code [1, 3]}.
     */
    public Tensor fullLike(double value) {
        OpSupport.checkFill(dtype, value);
        Tensor t = empty(dtype, layout.shape(), Shapes.preservedStrides(layout));
        if (value != 0) {
            OpSupport.kernels().fill(dtype, t.data, t.layout, value);
        }
        return t;
    }

    /** {@code torch.where(condition, a, b)}: elements of a where condition holds, else of b. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return ElementwiseOps.where(condition, a, b);
    }

    /** {@code torch.stack(tensors, dim)}: joins equal-shaped tensors along a new dim. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return ViewOps.stack(tensors, dim);
    }

    /** {@code torch.cat(tensors, dim)}: joins tensors along an existing dim. */
    public static Tensor cat(int dim, Tensor... tensors) {
        return ViewOps.cat(tensors, dim);
    }

    /**
     * {@code torch.result_type(a, b)}: the dtype an operation on a and b computes in. Dimensioned
     * tensors outrank 0-dim ones within a category (bool, integer, floating).
     */
    public static DType resultType(Tensor a, Tensor b) {
        return OpSupport.resultType(a, b);
    }

    /** {@code torch.result_type(t, 1.0)}: a Java number promotes like a Python scalar, so float32 stays float32. */
    public static DType resultType(Tensor t, double scalar) {
        return OpSupport.resultType(t, wrap(scalar));
    }

    /** {@code torch.result_type(t, 2)}: an integer number never changes an integer tensor's dtype. */
    public static DType resultType(Tensor t, long scalar) {
        return OpSupport.resultType(t, wrap(scalar));
    }

    /**
     * {@code torch.broadcast_shapes}: the shape that tensors of the given shapes broadcast to.
     * {@code broadcastShapes(new long[] {2, 1, 3}, new long[] {4, 1})} is {@code [2, 4, 3]}.
     */
    public static long[] broadcastShapes(long[]... shapes) {
        int[] out = {};
        for (long[] s : shapes) {
            int[] shape = Shapes.toInt(s);
            try {
                out = Shapes.broadcast(out, shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Shape mismatch: objects cannot be broadcast to a single shape", e);
            }
        }
        return Shapes.toLong(out);
    }

    /** {@code torch.pow(2, x)}: a number raised to each element. */
    public static Tensor pow(double base, Tensor exponent) {
        return ElementwiseOps.pow(wrap(base), exponent);
    }

    // ---------------------------------------------------------------- metadata

    /** The sizes, as {@code x.shape}. */
    public long[] shape() {
        return Shapes.toLong(layout.shape());
    }

    /** The sizes, as {@code x.size()} (the same as {@link #shape()}). */
    public long[] size() {
        return shape();
    }

    /** {@code x.size(dim)}; negative dims count from the end. */
    public long size(int dim) {
        return layout.shape(Shapes.wrapDim(dim, dim()));
    }

    /** Strides in elements, as {@code x.stride()}. */
    public long[] stride() {
        return Shapes.toLong(layout.strides());
    }

    /** {@code x.stride(dim)}. */
    public long stride(int dim) {
        return layout.stride(Shapes.wrapDim(dim, dim()));
    }

    /** Number of dimensions, as {@code x.dim()}. */
    public int dim() {
        return layout.rank();
    }

    /** Number of elements, as {@code x.numel()}. */
    public long numel() {
        return layout.size();
    }

    /** Index of the first element in the storage, as {@code x.storage_offset()}. */
    public long storageOffset() {
        return layout.offset();
    }

    /** Whether the elements are laid out row-major without gaps, as {@code x.is_contiguous()}. */
    public boolean isContiguous() {
        return layout.isContiguous();
    }

    /** The element type, as {@code x.dtype}. */
    public DType dtype() {
        return dtype;
    }

    /** PyTorch's legacy type name, as {@code x.type()}: {@code "torch.FloatTensor"} for float32. */
    public String type() {
        return legacyTypeName();
    }

    /** {@code x.type(torch.float64)}: the same as {@link #to(DType)}. */
    public Tensor type(DType dtype) {
        return to(dtype);
    }

    /** True when this tensor reads the same storage as {@code other} (a view, a detached alias, ...). */
    public boolean sharesStorageWith(Tensor other) {
        return data == other.data;
    }

    // ---------------------------------------------------------------- elements

    /** The value of a one-element tensor, as {@code x.item()}. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel() + " elements cannot be converted to Scalar");
        }
        return Buffers.getDouble(data, layout.indexOfFlat(0));
    }

    /** The value of a one-element integer tensor, exactly. */
    public long itemLong() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel() + " elements cannot be converted to Scalar");
        }
        return Buffers.getLong(data, layout.indexOfFlat(0));
    }

    /**
     * Python's {@code bool(x)} of a one-element tensor: true when the element is nonzero (NaN is
     * true), for control flow on values, as {@code if x > 0:} is {@code if (x.gt(0).isTrue())}.
     *
     * @throws IllegalArgumentException for zero or several elements, with PyTorch's message
     */
    public boolean isTrue() {
        long n = numel();
        if (n != 1) {
            throw new IllegalArgumentException("Boolean value of Tensor with " + (n == 0 ? "no values" : "more than one value")
                    + " is ambiguous");
        }
        return item() != 0;
    }

    /** A row-major copy of the elements as float32, as {@code x.numpy()} would give. */
    public float[] toFloatArray() {
        return (float[]) exportAs(DType.FLOAT32);
    }

    /** The elements as a new {@code double[]}, row-major (see {@link #toFloatArray()}). */
    public double[] toDoubleArray() {
        return (double[]) exportAs(DType.FLOAT64);
    }

    /** The elements as a new {@code long[]}, row-major (see {@link #toFloatArray()}). */
    public long[] toLongArray() {
        return (long[]) exportAs(DType.INT64);
    }

    /** The elements as a new {@code boolean[]}, row-major (see {@link #toFloatArray()}). */
    public boolean[] toBooleanArray() {
        return (boolean[]) exportAs(DType.BOOL);
    }

    /** A row-major copy of the elements as int32, as {@code x.int().numpy()} would give. */
    public int[] toIntArray() {
        return (int[]) exportAs(DType.INT32);
    }

    /**
     * The storage array itself, not a copy, as {@code x.numpy()} shares memory: writes through the
     * array and through the tensor (or its views) see each other. Element {@code (i, j, ...)} is at
     * {@code storageOffset() + i * stride(0) + j * stride(1) + ...}.
     *
     * <pre>{@code
     * Tensor x = Tensor.zeros(3);
     * x.sharedFloatArray()[0] = 7;   // x is now tensor([7., 0., 0.])
     * }</pre>
     *
     * @throws IllegalStateException if this tensor requires grad (detach first) or is not float32
     */
    public float[] sharedFloatArray() {
        return (float[]) sharedArray(DType.FLOAT32);
    }

    /** The float64 storage array itself, as {@link #sharedFloatArray()}. */
    public double[] sharedDoubleArray() {
        return (double[]) sharedArray(DType.FLOAT64);
    }

    private Object sharedArray(DType expected) {
        checkExportable();
        if (dtype != expected) {
            throw new IllegalStateException("the storage of a " + dtype.pyName() + " tensor is not a "
                    + expected.pyName() + " array");
        }
        return data;
    }

    private void checkExportable() {
        if (requiresGrad() && Autograd.isGradEnabled()) {
            throw new IllegalStateException(Messages.withJava("Can't call numpy() on Tensor that requires grad. "
                    + "Use tensor.detach().numpy() instead.", "tensor.detach().toFloatArray(), or the other to...Array()"));
        }
    }

    Object exportAs(DType target) {
        checkExportable();
        if (target == dtype && layout.isContiguous() && layout.size() > 0) {
            // without the JVM's zeroing of the new array, which a copy then overwrites: advanced
            // indexing takes its int64 indices this way, 65,536 of them in half a MiB
            return Buffers.copyOfRange(data, layout.offset(), layout.offset() + layout.size());
        }
        Tensor out = empty(target, layout.shape());
        OpSupport.kernels().copy(dtype, data, layout, target, out.data, out.layout);
        return out.data;
    }

    /** {@code torch.equal}: same shape and the same elements. */
    public boolean equal(Tensor other) {
        return Arrays.equals(layout.shape(), other.layout.shape()) && ElementwiseOps.eq(this, other).all().item() != 0;
    }

    /** {@code torch.allclose} with rtol 1e-5, atol 1e-8: {@code |a - b| <= atol + rtol * |b|}. */
    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5, 1e-8);
    }

    /** {@code torch.allclose(x, other, rtol, atol)}: {@code |x - other| <= atol + rtol * |other|} everywhere. */
    public boolean allclose(Tensor other, double rtol, double atol) {
        try (var g = Autograd.noGrad()) {
            return ElementwiseOps.allclose(this, other, rtol, atol);
        }
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code x + other}, broadcasting and promoting as PyTorch. */
    public Tensor add(Tensor other) {
        return ElementwiseOps.arithmetic(Arithmetic.ADD, this, other);
    }

    /** {@code x + 2.5}: a Python float (an integer tensor promotes to float32). */
    public Tensor add(double other) {
        return ElementwiseOps.arithmetic(Arithmetic.ADD, this, wrap(other));
    }

    /** {@code x + 2}: a Python int (an integer tensor keeps its dtype). */
    public Tensor add(long other) {
        return ElementwiseOps.arithmetic(Arithmetic.ADD, this, wrap(other));
    }

    /** {@code torch.add(x, other, alpha=alpha)}: {@code this + alpha * other}. */
    public Tensor add(Tensor other, double alpha) {
        return ElementwiseOps.add(this, other, alpha);
    }

    /** {@code x - other}. */
    public Tensor sub(Tensor other) {
        return ElementwiseOps.arithmetic(Arithmetic.SUB, this, other);
    }

    /** {@code torch.sub(x, other, alpha=alpha)}: {@code this - alpha * other}. */
    public Tensor sub(Tensor other, double alpha) {
        return ElementwiseOps.sub(this, other, alpha);
    }

    /** {@code x - 2.5}. */
    public Tensor sub(double other) {
        return ElementwiseOps.arithmetic(Arithmetic.SUB, this, wrap(other));
    }

    /** {@code x - 2}. */
    public Tensor sub(long other) {
        return ElementwiseOps.arithmetic(Arithmetic.SUB, this, wrap(other));
    }

    /** {@code other - this}, as Python's {@code 2 - x}. */
    public Tensor rsub(double other) {
        return ElementwiseOps.rsub(this, wrap(other));
    }

    /** {@code x * other}. */
    public Tensor mul(Tensor other) {
        return ElementwiseOps.arithmetic(Arithmetic.MUL, this, other);
    }

    /** {@code x * 2.5}. */
    public Tensor mul(double other) {
        return ElementwiseOps.arithmetic(Arithmetic.MUL, this, wrap(other));
    }

    /** {@code x * 2}. */
    public Tensor mul(long other) {
        return ElementwiseOps.arithmetic(Arithmetic.MUL, this, wrap(other));
    }

    /** True division (integers give float32), as Python's {@code /}. */
    public Tensor div(Tensor other) {
        return ElementwiseOps.arithmetic(Arithmetic.DIV, this, other);
    }

    /** {@code x / 2.5}. */
    public Tensor div(double other) {
        return ElementwiseOps.arithmetic(Arithmetic.DIV, this, wrap(other));
    }

    /**
     * Python's {@code a // b} ({@code torch.floor_divide}): the quotient rounded toward negative
     * infinity; integers stay integers. {@code Tensor.of(7L, -7L).floorDivide(2L)} is {@code tensor([ 3, -4])}.
     *
     * @throws IllegalArgumentException "ZeroDivisionError" for an integer division by zero (PyTorch's
     *     RuntimeError; Java's ArithmeticException is not used, so one catch covers PyTorch's errors)
     */
    public Tensor floorDivide(Tensor other) {
        return ElementwiseOps.floorDivide(this, other);
    }

    /** {@code x // 2.5}. */
    public Tensor floorDivide(double other) {
        return ElementwiseOps.floorDivide(this, wrap(other));
    }

    /** {@code x // 2}. */
    public Tensor floorDivide(long other) {
        return ElementwiseOps.floorDivide(this, wrap(other));
    }

    /** {@code other / this}, as Python's {@code 2 / x}. */
    public Tensor rdiv(double other) {
        Tensor r = ElementwiseOps.apply(UnaryOp.RECIPROCAL, this);
        // PyTorch's reciprocal() * other; without a graph nothing else sees r, so it is scaled in place
        return r.requiresGrad() ? ElementwiseOps.arithmetic(Arithmetic.MUL, r, wrap(other)) : r.mul_(other);
    }

    /** {@code x ** exponent}, elementwise. */
    public Tensor pow(Tensor exponent) {
        return ElementwiseOps.pow(this, exponent);
    }

    /** {@code x ** 2.5}. */
    public Tensor pow(double exponent) {
        return ElementwiseOps.powScalar(this, wrap(exponent));
    }

    /** {@code x ** 2}. */
    public Tensor pow(long exponent) {
        return ElementwiseOps.powScalar(this, wrap(exponent));
    }

    /** {@code -x}. */
    public Tensor neg() {
        return ElementwiseOps.apply(UnaryOp.NEG, this);
    }

    /** {@code x.abs()}; its gradient is {@code sign(x)} (0 at 0). */
    public Tensor abs() {
        return ElementwiseOps.apply(UnaryOp.ABS, this);
    }

    /** {@code x.sign()}: -1, 0 or 1 (0 for NaN, as in PyTorch). */
    public Tensor sign() {
        return ElementwiseOps.apply(UnaryOp.SIGN, this);
    }

    /** {@code x.sqrt()}; integers promote to float32. */
    public Tensor sqrt() {
        return ElementwiseOps.apply(UnaryOp.SQRT, this);
    }

    /** {@code x.exp()}; integers promote to float32. */
    public Tensor exp() {
        return ElementwiseOps.apply(UnaryOp.EXP, this);
    }

    /** {@code x.log()}: natural logarithm; integers promote to float32. */
    public Tensor log() {
        return ElementwiseOps.apply(UnaryOp.LOG, this);
    }

    /** {@code x.sin()}; integers promote to float32. */
    public Tensor sin() {
        return ElementwiseOps.apply(UnaryOp.SIN, this);
    }

    /** {@code x.cos()}; integers promote to float32. */
    public Tensor cos() {
        return ElementwiseOps.apply(UnaryOp.COS, this);
    }

    /** {@code x.tan()}; integers promote to float32. {@code Tensor.of(0.5f).tan()} is {@code tensor(0.5463)}. */
    public Tensor tan() {
        return ElementwiseOps.apply(UnaryOp.TAN, this);
    }

    /** {@code x.tanh()}; integers promote to float32. */
    public Tensor tanh() {
        return ElementwiseOps.apply(UnaryOp.TANH, this);
    }

    /**
     * {@code x.erf()}: the error function {@code 2/sqrt(pi) * integral_0^x exp(-t^2) dt}, as
     * {@code torch.erf}; integers promote to float32. Within 1.05 ulp in float64 and 1 ulp in float32
     * (README, Accuracy). {@code Tensor.of(0.5f).erf()} is {@code tensor(0.5205)}.
     */
    public Tensor erf() {
        return ElementwiseOps.apply(UnaryOp.ERF, this);
    }

    /** {@code x.sigmoid()}: {@code 1 / (1 + exp(-x))}. */
    public Tensor sigmoid() {
        return ElementwiseOps.apply(UnaryOp.SIGMOID, this);
    }

    /** {@code x.relu()}: {@code max(x, 0)}. */
    public Tensor relu() {
        return ElementwiseOps.apply(UnaryOp.RELU, this);
    }

    /** {@code x.reciprocal()}: {@code 1 / x}. */
    public Tensor reciprocal() {
        return ElementwiseOps.apply(UnaryOp.RECIPROCAL, this);
    }

    /** {@code torch.maximum}: elementwise max, NaN-propagating. */
    public Tensor maximum(Tensor other) {
        return ElementwiseOps.maximum(this, other);
    }

    /** {@code torch.minimum}: elementwise min, NaN-propagating. */
    public Tensor minimum(Tensor other) {
        return ElementwiseOps.minimum(this, other);
    }

    /**
     * {@code torch.clamp(x, min, max)}: x raised to min, then lowered to max; x is kept where it equals a
     * bound and where it is NaN, and a NaN bound gives NaN everywhere, as in PyTorch.
     */
    public Tensor clamp(double min, double max) {
        return ElementwiseOps.clamp(this, min, max);
    }

    /** {@code x == other}: a bool tensor. */
    public Tensor eq(Tensor other) {
        return ElementwiseOps.eq(this, other);
    }

    /** {@code x == 2.5}: a bool tensor. */
    public Tensor eq(double other) {
        return ElementwiseOps.eq(this, wrap(other));
    }

    /** {@code x != other}: a bool tensor. */
    public Tensor ne(Tensor other) {
        return ElementwiseOps.compare(BinaryOp.NE, this, other);
    }

    /** {@code x != 2.5}: a bool tensor. */
    public Tensor ne(double other) {
        return ne(wrap(other));
    }

    /** {@code x < other}: a bool tensor. */
    public Tensor lt(Tensor other) {
        return ElementwiseOps.compare(BinaryOp.LT, this, other);
    }

    /** {@code x < 2.5}: a bool tensor. */
    public Tensor lt(double other) {
        return lt(wrap(other));
    }

    /** {@code x <= other}: a bool tensor. */
    public Tensor le(Tensor other) {
        return ElementwiseOps.compare(BinaryOp.LE, this, other);
    }

    /** {@code x <= 2.5}: a bool tensor. */
    public Tensor le(double other) {
        return le(wrap(other));
    }

    /** {@code x > other}: a bool tensor. */
    public Tensor gt(Tensor other) {
        return ElementwiseOps.compare(BinaryOp.GT, this, other);
    }

    /** {@code x > 2.5}: a bool tensor. */
    public Tensor gt(double other) {
        return gt(wrap(other));
    }

    /** {@code x >= other}: a bool tensor. */
    public Tensor ge(Tensor other) {
        return ElementwiseOps.compare(BinaryOp.GE, this, other);
    }

    /** {@code x >= 2.5}: a bool tensor. */
    public Tensor ge(double other) {
        return ge(wrap(other));
    }

    /** Elementwise logical and of the truth values (nonzero is true), as bool. */
    public Tensor logicalAnd(Tensor other) {
        return ElementwiseOps.logical(BinaryOp.MUL, this, other);
    }

    /** Elementwise logical or, as bool. */
    public Tensor logicalOr(Tensor other) {
        return ElementwiseOps.logical(BinaryOp.ADD, this, other);
    }

    /** Elementwise logical not, as bool. */
    public Tensor logicalNot() {
        // a mask compares with false as bool; with 0 it would first be widened to int64
        return ElementwiseOps.compare(BinaryOp.EQ, this, dtype == DType.BOOL ? of(false) : wrap(0L));
    }

    // ---------------------------------------------------------------- in place

    /** {@code x += other} in place; returns this. */
    public Tensor add_(Tensor other) {
        return InPlaceOps.arithmetic_(Arithmetic.ADD, this, other);
    }

    /** {@code x += 2.5}; returns this. */
    public Tensor add_(double other) {
        return add_(wrap(other));
    }

    /** {@code x -= other}; returns this. */
    public Tensor sub_(Tensor other) {
        return InPlaceOps.arithmetic_(Arithmetic.SUB, this, other);
    }

    /** {@code x -= 2.5}; returns this. */
    public Tensor sub_(double other) {
        return sub_(wrap(other));
    }

    /** {@code x *= other}; returns this. */
    public Tensor mul_(Tensor other) {
        return InPlaceOps.arithmetic_(Arithmetic.MUL, this, other);
    }

    /** {@code x *= 2.5}; returns this. */
    public Tensor mul_(double other) {
        return mul_(wrap(other));
    }

    /** {@code x /= other}; returns this. */
    public Tensor div_(Tensor other) {
        return InPlaceOps.arithmetic_(Arithmetic.DIV, this, other);
    }

    /** {@code x /= 2.5}; returns this. */
    public Tensor div_(double other) {
        return div_(wrap(other));
    }

    /** Sets every element to 0; returns this. */
    public Tensor zero_() {
        return InPlaceOps.fill_(this, wrap(0.0));
    }

    /** Sets every element to {@code value}; returns this. {@code x[1] = 10} is {@code x.select(0, 1).fill_(10)}. */
    public Tensor fill_(double value) {
        return InPlaceOps.fill_(this, wrap(value));
    }

    /** Copies {@code src} into this tensor, broadcasting and casting; returns this. */
    public Tensor copy_(Tensor src) {
        return InPlaceOps.copy_(this, src);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (integers and bools sum to int64). */
    public Tensor sum() {
        return ReductionOps.sum(this, null, false);
    }

    /** {@code x.sum(dim, keepdim)}. */
    public Tensor sum(int dim, boolean keepdim) {
        return ReductionOps.sum(this, new int[] {dim}, keepdim);
    }

    /** {@code x.sum(dim)}: the dim is removed. */
    public Tensor sum(int dim) {
        return sum(dim, false);
    }

    /** {@code x.sum((d0, d1), keepdim)}: over several dims. */
    public Tensor sum(int[] dims, boolean keepdim) {
        return ReductionOps.sum(this, dims, keepdim);
    }

    /** Mean of all elements (floating point only). */
    public Tensor mean() {
        return ReductionOps.mean(this, null, false);
    }

    /** {@code x.mean(dim, keepdim)} (floating point only). */
    public Tensor mean(int dim, boolean keepdim) {
        return ReductionOps.mean(this, new int[] {dim}, keepdim);
    }

    /** {@code x.mean(dim)}: the dim is removed. */
    public Tensor mean(int dim) {
        return mean(dim, false);
    }

    /** {@code x.mean((d0, d1), keepdim)}: over several dims. */
    public Tensor mean(int[] dims, boolean keepdim) {
        return ReductionOps.mean(this, dims, keepdim);
    }

    /** Product of all elements. */
    public Tensor prod() {
        return ReductionOps.prod(this);
    }

    /** Largest element; NaN if any element is NaN. */
    public Tensor max() {
        return ReductionOps.maxAll(this, true);
    }

    /** {@code x.min()}: the smallest element, as a 0-dim tensor. */
    public Tensor min() {
        return ReductionOps.maxAll(this, false);
    }

    /** {@code x.max(dim)}: the largest values along dim and their indices. */
    public ValuesIndices max(int dim, boolean keepdim) {
        return ReductionOps.maxDim(this, dim, keepdim, true);
    }

    /** {@code x.max(dim)}: values and indices, the dim removed. */
    public ValuesIndices max(int dim) {
        return max(dim, false);
    }

    /** {@code x.min(dim, keepdim)}: the smallest values along dim and their indices. */
    public ValuesIndices min(int dim, boolean keepdim) {
        return ReductionOps.maxDim(this, dim, keepdim, false);
    }

    /** {@code x.min(dim)}: values and indices, the dim removed. */
    public ValuesIndices min(int dim) {
        return min(dim, false);
    }

    /** {@code torch.amax(x, dim)}: largest values along dims, gradient split among ties. */
    public Tensor amax(int[] dims, boolean keepdim) {
        return ReductionOps.amax(this, dims, keepdim, true);
    }

    /** {@code x.amin(dims, keepdim)}: minimum over several dims. */
    public Tensor amin(int[] dims, boolean keepdim) {
        return ReductionOps.amax(this, dims, keepdim, false);
    }

    /** Index of the largest element of the flattened tensor. */
    public Tensor argmax() {
        return ReductionOps.maxDim(this.reshape(-1), 0, false, true).indices();
    }

    /** {@code x.argmax(dim, keepdim)}: int64 indices of the largest values along dim. */
    public Tensor argmax(int dim, boolean keepdim) {
        return max(dim, keepdim).indices();
    }

    /** {@code x.argmin()}: the int64 index of the smallest element of the flattened tensor. */
    public Tensor argmin() {
        return ReductionOps.maxDim(this.reshape(-1), 0, false, false).indices();
    }

    /** {@code x.argmin(dim, keepdim)}: int64 indices of the smallest values along dim. */
    public Tensor argmin(int dim, boolean keepdim) {
        return min(dim, keepdim).indices();
    }

    /** The 2-norm of all elements. */
    public Tensor norm() {
        return ReductionOps.norm(this, 2, null, false);
    }

    /** The p-norm of all elements ({@code p} may be infinite). */
    public Tensor norm(double p) {
        return ReductionOps.norm(this, p, null, false);
    }

    /** {@code x.norm(p, dim, keepdim)}: the p-norm along dim. */
    public Tensor norm(double p, int dim, boolean keepdim) {
        return ReductionOps.norm(this, p, new int[] {dim}, keepdim);
    }

    /** True (as a 0-dim bool) when every element is nonzero. */
    public Tensor all() {
        return ReductionOps.allAny(this, null, false, true);
    }

    /** {@code x.all(dim, keepdim)}: whether every element along dim is nonzero. */
    public Tensor all(int dim, boolean keepdim) {
        return ReductionOps.allAny(this, new int[] {dim}, keepdim, true);
    }

    /** {@code x.any()}: whether any element is nonzero, as a 0-dim bool tensor. */
    public Tensor any() {
        return ReductionOps.allAny(this, null, false, false);
    }

    /** {@code x.any(dim, keepdim)}: whether any element along dim is nonzero. */
    public Tensor any(int dim, boolean keepdim) {
        return ReductionOps.allAny(this, new int[] {dim}, keepdim, false);
    }

    // ---------------------------------------------------------------- products

    /** Inner product of two 1-D tensors. */
    public Tensor dot(Tensor other) {
        return LinalgOps.dot(this, other);
    }

    /** Matrix (2-D) times vector (1-D). */
    public Tensor mv(Tensor vec) {
        return LinalgOps.mv(this, vec);
    }

    /** Matrix product of two 2-D tensors. */
    public Tensor mm(Tensor other) {
        return LinalgOps.mm(this, other);
    }

    /** Batched matrix product of two 3-D tensors with equal batch sizes. */
    public Tensor bmm(Tensor other) {
        return LinalgOps.bmm(this, other);
    }

    /** Python's {@code @}: dot, mv, mm or broadcast batched matmul by rank, as {@code torch.matmul}. */
    public Tensor matmul(Tensor other) {
        return LinalgOps.matmul(this, other);
    }

    // ---------------------------------------------------------------- views and copies

    /** A view with another shape (one dim may be -1); fails when the strides do not allow it. */
    public Tensor view(long... shape) {
        return ViewOps.view(this, shape);
    }

    /** Like {@link #view}, but copies when the layout requires it. */
    public Tensor reshape(long... shape) {
        return ViewOps.reshape(this, shape);
    }

    /** Flattens to 1-D. */
    public Tensor flatten() {
        return flatten(0, -1);
    }

    /** {@code x.flatten(start_dim, end_dim)}: dims startDim..endDim merged into one (a view when possible). */
    public Tensor flatten(int startDim, int endDim) {
        return ViewOps.flatten(this, startDim, endDim);
    }

    /** Transpose of a tensor of at most 2 dims. */
    public Tensor t() {
        return ViewOps.t(this);
    }

    /**
     * PyTorch's {@code x.T}: the transpose of a matrix; for other ranks the dims reversed (with
     * PyTorch's deprecation warning).
     */
    public Tensor T() {
        if (dim() == 2) {
            return ViewOps.transposeT(this);
        }
        if (dim() != 0) {
            LOG.log(Level.WARNING, "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
                    + "and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or "
                    + "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.");
        }
        int[] order = new int[dim()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        return permute(order);
    }

    /**
     * PyTorch's {@code x.mT}: the last two dims swapped (a view), for matrices and batches of
     * matrices. A (2, 3, 4) tensor gives (2, 4, 3).
     */
    public Tensor mT() {
        if (dim() < 2) {
            throw new IllegalArgumentException("tensor.mT is only supported on matrices or batches of matrices. Got "
                    + dim() + "-D tensor.");
        }
        return transpose(-2, -1);
    }

    /** Swaps two dims (a view). */
    public Tensor transpose(int dim0, int dim1) {
        return ViewOps.transpose(this, dim0, dim1);
    }

    /** Reorders dims (a view): new dim {@code i} is old dim {@code dims[i]}. */
    public Tensor permute(int... dims) {
        return ViewOps.permute(this, dims);
    }

    /** {@code x[index]} along dim: drops the dim (a view). */
    public Tensor select(int dim, long index) {
        return ViewOps.select(this, dim, index);
    }

    /** {@code x[i][j]...}: selects along the leading dims. */
    public Tensor get(long... indices) {
        if (indices.length > Math.max(dim(), 0) && dim() == 0) {
            throw new IndexOutOfBoundsException("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                    + "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
        }
        if (indices.length > dim()) {
            throw new IndexOutOfBoundsException("too many indices for tensor of dimension " + dim());
        }
        Tensor t = this;
        for (int k = 0; k < indices.length; k++) {
            t = ViewOps.select(t, 0, indices[k], k);
        }
        return t;
    }

    /** {@code x.narrow(dim, start, length)}: a view of {@code length} elements from {@code start}. */
    public Tensor narrow(int dim, long start, long length) {
        return ViewOps.narrow(this, dim, start, length);
    }

    /** {@code x[start:end:step]} along dim (a view); bounds are clamped as in Python. */
    public Tensor slice(int dim, long start, long end, long step) {
        return ViewOps.slice(this, dim, start, end, step);
    }

    /** {@code x[start:end]} along dim: a view (see {@link #slice(int, long, long, long)}). */
    public Tensor slice(int dim, long start, long end) {
        return slice(dim, start, end, 1);
    }

    /** A broadcast view with stride 0 along expanded dims; -1 keeps a size. */
    public Tensor expand(long... shape) {
        return ViewOps.expand(this, shape);
    }

    /** {@code x.expand_as(other)}: {@link #expand} to other's shape. */
    public Tensor expandAs(Tensor other) {
        return expand(other.shape());
    }

    /** Removes every dim of size 1. */
    public Tensor squeeze() {
        return ViewOps.squeeze(this, null);
    }

    /** Removes dim if it has size 1. */
    public Tensor squeeze(int dim) {
        return ViewOps.squeeze(this, dim);
    }

    /** Inserts a dim of size 1. */
    public Tensor unsqueeze(int dim) {
        return ViewOps.unsqueeze(this, dim);
    }

    /** {@code x.repeat(2, 3)}: tiles the tensor. */
    public Tensor repeat(long... repeats) {
        return ViewOps.repeat(this, repeats);
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : ViewOps.clone(this, true);
    }

    /** A copy with its own storage, keeping a dense layout's strides. */
    public Tensor clone() {
        return clone(MemoryFormat.PRESERVE);
    }

    /** {@code x.clone(memory_format=...)}: {@code x.t().clone(MemoryFormat.CONTIGUOUS)} is row-major. */
    public Tensor clone(MemoryFormat format) {
        return ViewOps.clone(this, format == MemoryFormat.CONTIGUOUS);
    }

    /** This tensor converted to {@code dtype} (itself when it already has it). */
    public Tensor to(DType dtype) {
        return ViewOps.to(this, dtype);
    }

    /**
     * {@code torch.masked_select(x, mask)}: the elements where the bool mask is true, as 1-D, x and
     * the mask broadcast against each other first (either may be the larger). For the sub-tensors
     * under a mask over the leading dims ({@code x[mask]}) use {@link #index}.
     *
     * <pre>{@code
     * Tensor x = Tensor.arange(6.0).reshape(2, 3);
     * x.maskedSelect(Tensor.of(true, false, true));   // tensor([0., 2., 3., 5.]): the mask is each row's
     * }</pre>
     */
    public Tensor maskedSelect(Tensor mask) {
        return ViewOps.maskedSelect(this, mask);
    }

    /**
     * {@code x[idx]} (advanced indexing): an int64 or int32 index tensor picks along dim 0 (a copy;
     * negative indices count from the end; the result has shape {@code idx.shape + x.shape[1:]});
     * a bool tensor is a mask over the leading dims, of their exact shape: where it is true, the
     * elements (a mask of x's shape gives 1-D) or the sub-tensors. A (3, 4) x and mask
     * {@code [true, false, true]} give rows 0 and 2, shape (2, 4).
     *
     * <pre>{@code
     * Tensor.of(10f, 20f, 30f).index(Tensor.of(2L, -3L));   // tensor([30., 10.])
     * }</pre>
     */
    public Tensor index(Tensor indices) {
        if (indices.dtype() == DType.BOOL) {
            return ViewOps.maskIndex(this, indices);
        }
        return ViewOps.index(this, indices);
    }

    /**
     * {@code torch.index_select(x, dim, indices)}: the slices at {@code indices} (a vector of
     * non-negative int64/int32) along dim; repeated indices add up in the gradient.
     *
     * <pre>{@code
     * Tensor.arange(6).reshape(2, 3).indexSelect(1, Tensor.of(2L, 0L));   // [[2, 0], [5, 3]]
     * }</pre>
     */
    public Tensor indexSelect(int dim, Tensor indices) {
        return ViewOps.indexSelect(this, dim, indices);
    }

    /**
     * {@code torch.index_add(x, dim, indices, source)}: a copy of this tensor with slice i of
     * {@code source} added to slice {@code indices[i]} along dim; repeated indices accumulate.
     * source has this tensor's shape except {@code indices.length} at dim, and the same dtype.
     *
     * <pre>{@code
     * Tensor.zeros(3).indexAdd(0, Tensor.of(0L, 2L, 0L), Tensor.of(1f, 2f, 3f));   // tensor([4., 0., 2.])
     * }</pre>
     */
    public Tensor indexAdd(int dim, Tensor indices, Tensor source) {
        return ViewOps.indexAdd(this, dim, indices, source);
    }

    /** {@link #indexAdd(int, Tensor, Tensor)} of {@code alpha * source}: the multiply rounds first, as in {@link #add(Tensor, double)}. */
    public Tensor indexAdd(int dim, Tensor indices, Tensor source, double alpha) {
        return ViewOps.indexAdd(this, dim, indices, alpha == 1 ? source : source.mul(alpha));
    }

    // ---------------------------------------------------------------- training: softmax family, nn primitives, updates (NnOps)

    /**
     * {@code torch.softmax(x, dim)}: {@code exp(x) / sum(exp(x))} along dim, computed from
     * {@code x - max} so that large inputs do not overflow.
     *
     * <pre>{@code
     * Tensor.of(1., 2., 3.).softmax(0);   // tensor([0.0900, 0.2447, 0.6652])
     * }</pre>
     */
    public Tensor softmax(int dim) {
        return NnOps.softmax(this, dim);
    }

    /** {@code torch.log_softmax(x, dim)}: {@code x - logsumexp(x, dim)}, stable for any finite input. */
    public Tensor logSoftmax(int dim) {
        return NnOps.logSoftmax(this, dim);
    }

    /**
     * {@code torch.logsumexp(x, dims, keepdim)}: {@code log(sum(exp(x)))} over dims without
     * overflow. {@code Tensor.of(1000., 1000.).logsumexp(new int[] {0}, false)} is {@code 1000.6931}.
     */
    public Tensor logsumexp(int[] dims, boolean keepdim) {
        return NnOps.logsumexp(this, dims, keepdim);
    }

    /** {@code torch.logsumexp(x, dim, keepdim)}. */
    public Tensor logsumexp(int dim, boolean keepdim) {
        return NnOps.logsumexp(this, new int[] {dim}, keepdim);
    }

    /** {@code torch.logsumexp(x, dim)}. */
    public Tensor logsumexp(int dim) {
        return logsumexp(dim, false);
    }

    /** {@code x.argmax(dim=d)}: indices of the largest values along d (the first of ties). */
    public Tensor argmax(int dim) {
        return argmax(dim, false);
    }

    /** {@code x.argmin(dim=d)}: indices of the smallest values along d (the first of ties). */
    public Tensor argmin(int dim) {
        return argmin(dim, false);
    }

    /**
     * {@code torch.clamp(x, min=m)}: {@code x < m ? m : x} (so {@code -0.0} stays {@code -0.0} against 0, as in
     * PyTorch; all NaN if m is NaN); the gradient passes where {@code x >= m}.
     */
    public Tensor clampMin(double min) {
        return NnOps.clampMin(this, min);
    }

    /** {@code torch.clamp(x, max=m)}: {@code x > m ? m : x}; the gradient passes where {@code x <= m}. */
    public Tensor clampMax(double max) {
        return NnOps.clampMax(this, max);
    }

    /** {@code x.clamp_(min=m)} in place; returns this. */
    public Tensor clampMin_(double min) {
        return NnOps.clampMin_(this, min);
    }

    /**
     * {@code torch.gather(x, dim, index)}: {@code out[i][j] = x[i][index[i][j]]} for dim 1 (and
     * likewise for other dims); out has index's shape.
     *
     * <pre>{@code
     * Tensor.of(new double[][] {{1, 2}, {3, 4}}).gather(1, Tensor.of(new long[][] {{0, 0}, {1, 0}}));   // [[1, 1], [4, 3]]
     * }</pre>
     */
    public Tensor gather(int dim, Tensor index) {
        return NnOps.gather(this, dim, index);
    }

    /**
     * {@code torch.scatter_add(x, dim, index, src)}: a copy of x with {@code src[i][j]} added at
     * {@code [i][index[i][j]]} (dim 1); repeated indices accumulate.
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return NnOps.scatterAdd(this, dim, index, src);
    }

    /** {@code torch.addmm(x, m1, m2)}: {@code x + m1 @ m2} (x broadcast), one AddmmBackward0 node, as nn.Linear. */
    public Tensor addmm(Tensor mat1, Tensor mat2) {
        return addmm(mat1, mat2, 1, 1);
    }

    /** {@code torch.addmm(x, m1, m2, beta=beta, alpha=alpha)}: {@code beta * x + alpha * (m1 @ m2)}. */
    public Tensor addmm(Tensor mat1, Tensor mat2, double beta, double alpha) {
        if (mat1.dim() != 2 || mat2.dim() != 2) {
            throw new IllegalArgumentException(mat1.dim() != 2 ? "mat1 must be a matrix, got " + mat1.dim() + "-D tensor"
                    : "mat2 must be a matrix, got " + mat2.dim() + "-D tensor");
        }
        return NnOps.addmm(this, mat1, mat2, beta, alpha);
    }

    /** {@code x.add_(other, alpha=a)}: {@code x += a * other} in place, as an optimizer's update. */
    public Tensor add_(Tensor other, double alpha) {
        return alpha == 1 ? add_(other) : NnOps.addAlpha_(this, other, alpha);
    }

    /** {@code x.addcmul_(a, b, value=v)}: {@code x += v * a * b} in place. */
    public Tensor addcmul_(Tensor a, Tensor b, double value) {
        return NnOps.addcmul_(this, a, b, value);
    }

    /** {@code x.addcmul_(a, b)}: {@code x += a * b}. */
    public Tensor addcmul_(Tensor a, Tensor b) {
        return addcmul_(a, b, 1);
    }

    /** {@code x.addcdiv_(a, b, value=v)}: {@code x += v * a / b} in place. */
    public Tensor addcdiv_(Tensor a, Tensor b, double value) {
        return NnOps.addcdiv_(this, a, b, value);
    }

    /** {@code x.addcdiv_(a, b)}: {@code x += a / b}. */
    public Tensor addcdiv_(Tensor a, Tensor b) {
        return addcdiv_(a, b, 1);
    }

    /** {@code x.lerp_(end, weight)}: {@code x += weight * (end - x)} in place. */
    public Tensor lerp_(Tensor end, double weight) {
        return NnOps.lerp_(this, end, weight);
    }

    /** {@code x.sqrt_()} in place. */
    public Tensor sqrt_() {
        return NnOps.sqrt_(this);
    }

    /** {@code x.uniform_(from, to)}: fills with uniforms on [from, to) from the global generator; returns this. */
    public Tensor uniform_(double from, double to) {
        return NnOps.uniform_(this, from, to);
    }

    /** {@code x.uniform_()}: uniforms on [0, 1). */
    public Tensor uniform_() {
        return uniform_(0, 1);
    }

    /** {@code x.normal_(mean, std)}: fills with normals from the global generator; returns this. */
    public Tensor normal_(double mean, double std) {
        return NnOps.normal_(this, mean, std);
    }

    /** {@code x.normal_()}: standard normals. */
    public Tensor normal_() {
        return normal_(0, 1);
    }

    /** {@code x.bernoulli_(p)}: each element 1 with probability p, else 0; returns this. */
    public Tensor bernoulli_(double p) {
        return NnOps.bernoulli_(this, p);
    }

    /** {@code torch.rand_like(x)}: uniforms on [0, 1) with this tensor's shape, dtype and layout. */
    public Tensor randLike() {
        return NnOps.randomLike(this, false);
    }

    /** {@code torch.randn_like(x)}: standard normals with this tensor's shape, dtype and layout. */
    public Tensor randnLike() {
        return NnOps.randomLike(this, true);
    }

    /**
     * {@code torch.set_num_threads(n)}: the most threads a kernel may use from now on (overrides
     * {@code -Dvectorgrad.threads}).
     */
    public static void setNumThreads(int n) {
        org.vectorgrad.backend.Backends.setThreads(n);
    }

    /** {@code torch.get_num_threads()}. */
    public static int getNumThreads() {
        return org.vectorgrad.backend.Backends.threads();
    }

    // ---------------------------------------------------------------- autograd

    /** Sets whether autograd records operations on this leaf; returns this. */
    public Tensor requiresGrad_(boolean requires) {
        if (!isLeaf()) {
            if (requires) {
                return this;
            }
            throw new IllegalStateException(Messages.withJava("you can only change requires_grad flags of leaf variables. "
                    + "If you want to use a computed variable in a subgraph that doesn't require differentiation use "
                    + "var_no_grad = var.detach().", "Tensor varNoGrad = var.detach()"));
        }
        if (requires && !dtype.isFloatingPoint()) {
            throw new IllegalStateException("only Tensors of floating point dtype can require gradients");
        }
        if (requires || autograd != null) {
            autograd().requiresGrad = requires;
        }
        return this;
    }

    /** Whether autograd records operations on this tensor, as {@code x.requires_grad}. */
    public boolean requiresGrad() {
        return requiresGradFlag() || gradFn() != null;
    }

    /** True for tensors made by the user (no grad_fn), which is where {@link #grad()} is filled. */
    public boolean isLeaf() {
        return gradFn() == null;
    }

    /**
     * The gradient accumulated by backward. For a non-leaf without {@link #retainGrad()} this is
     * null and PyTorch's warning is logged.
     */
    public Tensor grad() {
        Tensor grad = gradRaw();
        if (!isLeaf() && !retainsGrad() && grad == null) {
            LOG.log(Level.WARNING, Autograd.NON_LEAF_GRAD_WARNING);
        }
        return grad;
    }

    /** Replaces the gradient, as {@code x.grad = g}; null resets it. */
    public void setGrad(Tensor g) {
        if (g != null) {
            if (g.dtype != dtype) {
                throw new IllegalArgumentException("assigned grad has data of a different type");
            }
            if (!Arrays.equals(g.layout.shape(), layout.shape())) {
                throw new IllegalArgumentException("assigned grad has data of a different size");
            }
        }
        setGradRaw(g);
    }

    /** Makes backward keep the gradient of this non-leaf in {@link #grad()}. */
    public void retainGrad() {
        if (!requiresGrad()) {
            throw new IllegalStateException(Messages.withJava("can't retain_grad on Tensor that has requires_grad=False",
                    "retainGrad() needs requiresGrad()"));
        }
        if (isLeaf()) {
            return;
        }
        autograd().retainsGrad = true;
        gradFn().retain(this);
    }

    /** Whether backward keeps this non-leaf's gradient ({@link #retainGrad()}), as {@code x.retains_grad}. */
    public boolean retainsGrad() {
        return autograd != null && autograd.retainsGrad;
    }

    /** The node that made this tensor (null for leaves), named as in PyTorch. */
    public GradFn gradFn() {
        if (base != null && base.historyVersion() != (autograd == null ? 0 : autograd.baseHistorySeen)) {
            InPlaceOps.regenerateViewHistory(this);
        }
        return gradFnRaw();
    }

    /** Backpropagates from this one-element tensor. */
    public void backward() {
        backward(null, false, false);
    }

    /** Backpropagates {@code gradient} (the vector in the vector-Jacobian product). */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * Backpropagates; {@code retainGraph} keeps saved tensors for another pass, {@code createGraph}
     * records the backward pass so that gradients can be differentiated again.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.backward(new Tensor[] {this}, new Tensor[] {gradient}, retainGraph || createGraph, createGraph);
    }

    /** The version counter: how many in-place changes this storage has seen. */
    public int version() {
        return version.get();
    }

    /** A tensor sharing storage and version counter, cut from the graph. */
    public Tensor detach() {
        return new Tensor(data, dtype, layout, version, null, null);
    }

    /** Cuts this tensor from the graph in place; returns this. */
    public Tensor detach_() {
        if (base != null) {
            throw new IllegalStateException("Can't detach views in-place. Use detach() instead. If you are using "
                    + "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are "
                    + "views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please "
                    + "refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
        }
        if (autograd != null) {
            autograd.gradFn = null;
            autograd.requiresGrad = false;
        }
        return this;
    }

    /** PyTorch's {@code .data}: the same storage, invisible to autograd, with its own version counter. */
    public Tensor data() {
        return new Tensor(data, dtype, layout, new VersionCounter(), null, null);
    }

    /**
     * PyTorch's {@code x.data = t}: this tensor takes t's storage, shape, strides and dtype, keeping
     * its own autograd identity (requires_grad, grad, grad_fn, version counter). Afterwards writes
     * through either tensor are seen by both. {@code w.setData(w.data().sub(g.mul(lr)))}.
     *
     * @throws IllegalStateException for a view, or for a non-floating t when this tensor requires grad
     */
    public void setData(Tensor t) {
        if (base != null) {
            throw new IllegalStateException("setData() on a view is not supported: the view would no longer read its base; "
                    + "use copy_() to write into it");
        }
        if (requiresGrad() && !t.dtype.isFloatingPoint()) {
            throw new IllegalStateException("data set to a tensor that requires gradients must be floating point or complex dtype");
        }
        data = t.data;
        dtype = t.dtype;
        layout = t.layout;
    }

    // ---------------------------------------------------------------- printing

    /** PyTorch's repr, with dtype names without the {@code torch.} prefix. */
    @Override
    public String toString() {
        return (parameter ? "Parameter containing:\n" : "") + TensorFormatter.repr(new Printable() {
            @Override
            public long[] shape() {
                return Tensor.this.shape();
            }

            @Override
            public DType dtype() {
                return dtype;
            }

            @Override
            public double doubleAt(long flat) {
                return Buffers.getDouble(data, layout.indexOfFlat((int) flat));
            }

            @Override
            public long longAt(long flat) {
                return Buffers.getLong(data, layout.indexOfFlat((int) flat));
            }

            @Override
            public boolean requiresGrad() {
                return Tensor.this.requiresGrad();
            }

            @Override
            public String gradFnName() {
                GradFn f = gradFn();
                return f == null ? null : f.name();
            }
        });
    }

    /** The values and indices of {@code max(dim)} / {@code min(dim)}, as PyTorch's named tuple. */
    public record ValuesIndices(Tensor values, Tensor indices, String kind) {
        @Override
        public String toString() {
            return "torch.return_types." + kind + "(\nvalues=" + values + ",\nindices=" + indices + ")";
        }
    }

    // ---------------------------------------------------------------- internals for ops and engine

    Object buffer() {
        return data;
    }

    Layout layout() {
        return layout;
    }

    VersionCounter versionCounter() {
        return version;
    }

    Tensor base() {
        return base;
    }

    UnaryOperator<Layout> viewFromBase() {
        return viewFromBase;
    }

    boolean isWrappedNumber() {
        return wrappedNumber;
    }

    void markParameter() {
        parameter = true;
    }

    boolean isParameter() {
        return parameter;
    }

    boolean hasViews() {
        return hasViews;
    }

    /** The autograd state, made on first need. */
    private AutogradMeta autograd() {
        if (autograd == null) {
            autograd = new AutogradMeta();
        }
        return autograd;
    }

    GradFn gradFnRaw() {
        return autograd == null ? null : autograd.gradFn;
    }

    int outputNr() {
        return autograd == null ? 0 : autograd.outputNr;
    }

    Tensor gradRaw() {
        return autograd == null ? null : autograd.grad;
    }

    void setGradRaw(Tensor g) {
        if (g != null || autograd != null) {
            autograd().grad = g;
        }
    }

    boolean requiresGradFlag() {
        return autograd != null && autograd.requiresGrad;
    }

    private int historyVersion() {
        return autograd == null ? 0 : autograd.historyVersion;
    }

    /** Makes this tensor the {@code outputNr}-th output of {@code fn}. */
    void setHistory(GradFn fn, int outputNr) {
        int seen = base == null ? 0 : base.historyVersion();
        if (fn == null && seen == 0 && autograd == null) {
            return;
        }
        AutogradMeta m = autograd();
        m.gradFn = fn;
        m.outputNr = outputNr;
        m.baseHistorySeen = seen;
    }

    /** Called on a base whose history an in-place write through a view rebased. */
    void bumpHistory() {
        autograd().historyVersion++;
    }

    /** Where gradients for this tensor go: its grad_fn, its accumulator if a leaf that requires grad, or nowhere. */
    GradFn.Edge gradientEdge() {
        GradFn f = gradFn();
        if (f != null) {
            return new GradFn.Edge(f, autograd.outputNr);
        }
        if (requiresGradFlag()) {
            synchronized (this) {   // one accumulator per leaf, also when threads record on it at once
                if (autograd.accumulator == null) {
                    autograd.accumulator = new AccumulateGrad(this);
                }
                return new GradFn.Edge(autograd.accumulator, 0);
            }
        }
        return new GradFn.Edge(null, 0);
    }

    /** PyTorch's legacy type name used in error messages, e.g. {@code torch.FloatTensor}. */
    String legacyTypeName() {
        return "torch." + switch (dtype) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case INT64 -> "Long";
            case INT32 -> "Int";
            case BOOL -> "Bool";
        } + "Tensor";
    }

    /** PyTorch's scalar type name used in error messages, e.g. {@code Float}. */
    static String scalarTypeName(DType d) {
        return switch (d) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case INT64 -> "Long";
            case INT32 -> "Int";
            case BOOL -> "Bool";
        };
    }
}
