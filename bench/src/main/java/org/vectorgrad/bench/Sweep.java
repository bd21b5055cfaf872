package org.vectorgrad.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * The op sweep: every public {@link Tensor} operation as a user calls it, by case id
 * {@code op/layout/size}, e.g. {@code mul/row/65536} or {@code matmul.bwd/contiguous/64x128x10}.
 * {@link SweepBenchmark} times a case under each backend; {@code bench/python/sweep.py} times the
 * same ids in PyTorch (its table of ops mirrors {@link #OPS} name for name: change both together).
 *
 * <ul>
 *   <li><b>size</b>: {@code 0} is a 0-dim tensor; {@code n} is a float32 matrix of n elements,
 *       rows x cols as {@link Operand#matrixShape} (2,000 is 40 x 50, 65,536 is 256 x 256);
 *       {@code MxKxN} / {@code BxMxKxN} for the matrix products.</li>
 *   <li><b>layout</b> of the operands: {@code contiguous}; {@code scalar}: y is a 0-dim tensor;
 *       {@code row}: y is one row {@code [cols]}; {@code transposed}: the strided operand
 *       ({@code y} of a binary op, else {@code x}) is the transpose of a {@code [cols, rows]} tensor.</li>
 *   <li><b>op</b>: a name of {@link #OPS}; {@code op.bwd} runs the op with inputs requiring grad,
 *       then {@code out.backward(ones)}: forward plus backward, grads cleared after each call.</li>
 * </ul>
 * Inputs: x uniform in [-pi, pi) (in [0.5, 2.5) for ops defined on positive numbers, in
 * [0.99, 1.01) for {@code prod}), y uniform in [0.5, 2.5), and ones for the in-place ops (so the
 * values stay put however many times they run). {@code new_float} is the JVM's floor: allocating
 * (and so zeroing) a fresh {@code float[n]}, which every op producing a new tensor pays;
 * {@code new_bool} ({@code boolean[n]}) the floor under a bool result. The
 * {@code seedNNN_*} ops are the seed notebooks' autograd workloads, whole.
 */
public final class Sweep {
    private Sweep() {
    }

    /** What a case's operands look like. */
    enum Kind { UNARY, BINARY, REDUCE, CREATE, VECTOR, MATMUL, WORKLOAD }

    /** How x is drawn. */
    enum Domain { SIGNED, POSITIVE, NEAR_ONE }

    /** One operation: how its operands are made and the call, and whether it has a backward. */
    record Op(String name, Kind kind, Domain domain, boolean differentiable, Function<Inputs, Object> call) {
    }

    /** The operands of one case. */
    static final class Inputs {
        Tensor x;
        Tensor y;
        Tensor ones;
        Tensor mask;
        Tensor maskB;
        Tensor rowIdx;
        Tensor flatIdx;
        Tensor colIdx;
        Tensor bias;
        long rows;
        long cols;
        long n;
    }

    static final Map<String, Op> OPS = new LinkedHashMap<>();

    private static void op(String name, Kind kind, Domain domain, boolean differentiable, Function<Inputs, Object> call) {
        OPS.put(name, new Op(name, kind, domain, differentiable, call));
    }

    private static final boolean D = true;
    private static final boolean ND = false;

    static {
        Domain s = Domain.SIGNED;
        Domain p = Domain.POSITIVE;
        Kind u = Kind.UNARY;
        Kind b = Kind.BINARY;
        Kind r = Kind.REDUCE;
        // elementwise, one operand
        op("neg", u, s, D, i -> i.x.neg());
        op("abs", u, s, D, i -> i.x.abs());
        op("sign", u, s, ND, i -> i.x.sign());
        op("sqrt", u, p, D, i -> i.x.sqrt());
        op("exp", u, s, D, i -> i.x.exp());
        op("log", u, p, D, i -> i.x.log());
        op("sin", u, s, D, i -> i.x.sin());
        op("cos", u, s, D, i -> i.x.cos());
        op("tanh", u, s, D, i -> i.x.tanh());
        op("sigmoid", u, s, D, i -> i.x.sigmoid());
        op("relu", u, s, D, i -> i.x.relu());
        op("reciprocal", u, p, D, i -> i.x.reciprocal());
        op("clamp", u, s, D, i -> i.x.clamp(-0.5, 0.5));
        op("clampMin", u, s, D, i -> i.x.clampMin(-0.5));
        op("clampMax", u, s, D, i -> i.x.clampMax(0.5));
        op("tan", u, s, D, i -> i.x.tan());
        op("erf", u, s, D, i -> i.x.erf());
        op("softmax", u, s, D, i -> i.x.softmax(1));
        op("logSoftmax", u, s, D, i -> i.x.logSoftmax(1));
        op("pow2", u, s, D, i -> i.x.pow(2));
        op("pow3", u, s, D, i -> i.x.pow(3));
        op("pow0.5", u, p, D, i -> i.x.pow(0.5));
        op("pow-1", u, p, D, i -> i.x.pow(-1));
        op("pow2.5", u, p, D, i -> i.x.pow(2.5));
        op("logicalNot", u, s, ND, i -> i.mask.logicalNot());
        op("to_float64", u, s, D, i -> i.x.to(DType.FLOAT64));
        op("clone", u, s, D, i -> i.x.clone());
        op("contiguous", u, s, D, i -> i.x.contiguous());
        op("zero_", u, s, ND, i -> i.x.zero_());
        op("fill_", u, s, ND, i -> i.x.fill_(0.5));
        op("clampMin_", u, s, ND, i -> i.x.clampMin_(-4));
        op("sqrt_", u, p, ND, i -> i.x.sqrt_());
        op("lerp_", b, s, ND, i -> i.x.lerp_(i.ones, 0.0));
        op("addcmul_", b, s, ND, i -> i.x.addcmul_(i.ones, i.ones, 0.0));
        op("addcdiv_", b, s, ND, i -> i.x.addcdiv_(i.ones, i.ones, 0.0));
        op("uniform_", u, s, ND, i -> i.x.uniform_(-Math.PI, Math.PI));
        op("normal_", u, s, ND, i -> i.x.normal_());
        op("bernoulli_", u, s, ND, i -> i.x.bernoulli_(0.5));
        // views, and the copies users make of them
        op("t", u, s, ND, i -> i.x.t());
        op("t_contiguous", u, s, D, i -> i.x.t().contiguous());
        op("transpose", u, s, ND, i -> i.x.transpose(0, 1));
        op("permute", u, s, ND, i -> i.x.permute(1, 0));
        op("mT", u, s, ND, i -> i.x.mT());
        op("view", u, s, ND, i -> i.x.view(i.cols, i.rows));
        op("squeeze", u, s, ND, i -> i.x.unsqueeze(0).squeeze());
        op("expand", u, s, ND, i -> i.x.select(0, 0).expand(i.rows, i.cols));
        op("reshape", u, s, ND, i -> i.x.reshape(i.cols, i.rows));
        op("flatten", u, s, ND, i -> i.x.flatten());
        op("unsqueeze", u, s, ND, i -> i.x.unsqueeze(0));
        op("narrow", u, s, D, i -> i.x.narrow(1, 0, i.cols / 2));
        op("select", u, s, D, i -> i.x.select(0, i.rows / 2));
        op("slice2_contiguous", u, s, D, i -> i.x.slice(1, 0, i.cols, 2).contiguous());
        op("expand_contiguous", u, s, D, i -> i.x.select(0, 0).expand(i.rows, i.cols).contiguous());
        op("repeat", u, s, D, i -> i.x.repeat(2, 1));
        // elementwise, two operands (y laid out as the case's layout says)
        op("add", b, s, D, i -> i.x.add(i.y));
        op("sub", b, s, D, i -> i.x.sub(i.y));
        op("mul", b, s, D, i -> i.x.mul(i.y));
        op("div", b, s, D, i -> i.x.div(i.y));
        op("add_alpha", b, s, D, i -> i.x.add(i.y, 2.0));
        op("pow", b, p, D, i -> i.x.pow(i.y));
        op("maximum", b, s, D, i -> i.x.maximum(i.y));
        op("minimum", b, s, D, i -> i.x.minimum(i.y));
        op("floorDivide", b, s, ND, i -> i.x.floorDivide(i.y));
        op("eq", b, s, ND, i -> i.x.eq(i.y));
        op("ne", b, s, ND, i -> i.x.ne(i.y));
        op("lt", b, s, ND, i -> i.x.lt(i.y));
        op("le", b, s, ND, i -> i.x.le(i.y));
        op("gt", b, s, ND, i -> i.x.gt(i.y));
        op("ge", b, s, ND, i -> i.x.ge(i.y));
        op("logicalAnd", b, s, ND, i -> i.mask.logicalAnd(i.maskB));
        op("logicalOr", b, s, ND, i -> i.mask.logicalOr(i.maskB));
        op("where", b, s, D, i -> Tensor.where(i.mask, i.x, i.y));
        op("add_s", u, s, D, i -> i.x.add(2.5));
        op("sub_s", u, s, D, i -> i.x.sub(2.5));
        op("mul_s", u, s, D, i -> i.x.mul(2.5));
        op("div_s", u, s, D, i -> i.x.div(2.5));
        op("rsub_s", u, s, D, i -> i.x.rsub(2.5));
        op("rdiv_s", u, p, D, i -> i.x.rdiv(2.5));
        op("gt_s", u, s, ND, i -> i.x.gt(0.5));
        op("add_", b, s, ND, i -> i.x.add_(i.ones));
        op("sub_", b, s, ND, i -> i.x.sub_(i.ones));
        op("mul_", b, s, ND, i -> i.x.mul_(i.ones));
        op("div_", b, s, ND, i -> i.x.div_(i.ones));
        op("add_s_", u, s, ND, i -> i.x.add_(1.0));
        op("mul_s_", u, s, ND, i -> i.x.mul_(1.0));
        op("copy_", b, s, ND, i -> i.x.copy_(i.y));
        op("cat", b, s, D, i -> Tensor.cat(0, i.x, i.y));
        op("stack", b, s, D, i -> Tensor.stack(0, i.x, i.y));
        // reductions
        op("sum", r, s, D, i -> i.x.sum());
        op("mean", r, s, D, i -> i.x.mean());
        op("prod", r, Domain.NEAR_ONE, D, i -> i.x.prod());
        op("max", r, s, D, i -> i.x.max());
        op("min", r, s, D, i -> i.x.min());
        op("amax", r, s, D, i -> i.x.amax(new int[] {0, 1}, false));
        op("amin", r, s, D, i -> i.x.amin(new int[] {0, 1}, false));
        op("argmax", r, s, ND, i -> i.x.argmax());
        op("argmin", r, s, ND, i -> i.x.argmin());
        op("norm", r, s, D, i -> i.x.norm());
        op("norm1", r, s, D, i -> i.x.norm(1));
        op("all", r, s, ND, i -> i.mask.all());
        op("any", r, s, ND, i -> i.mask.any());
        op("sum.dim0", r, s, D, i -> i.x.sum(0));
        op("sum.dim1", r, s, D, i -> i.x.sum(1));
        op("mean.dim1", r, s, D, i -> i.x.mean(1));
        op("max.dim1", r, s, D, i -> i.x.max(1).values());
        op("amax.dim1", r, s, D, i -> i.x.amax(new int[] {1}, false));
        op("argmax.dim1", r, s, ND, i -> i.x.argmax(1, false));
        op("norm.dim1", r, s, D, i -> i.x.norm(2, 1, false));
        op("logsumexp.dim1", r, s, D, i -> i.x.logsumexp(1));
        // indexing
        op("index", u, s, D, i -> i.x.flatten().index(i.flatIdx));
        op("indexSelect", u, s, D, i -> i.x.indexSelect(0, i.rowIdx));
        op("indexAdd", u, s, D, i -> i.x.indexAdd(0, i.rowIdx, i.x));
        op("maskedSelect", u, s, D, i -> i.x.maskedSelect(i.mask));
        op("gather", u, s, D, i -> i.x.gather(1, i.colIdx));
        op("scatterAdd", u, s, D, i -> i.x.scatterAdd(1, i.colIdx, i.x));
        // creation, and the JVM's floor under every new tensor
        Kind c = Kind.CREATE;
        op("zeros", c, s, ND, i -> Tensor.zeros(i.rows, i.cols));
        op("ones", c, s, ND, i -> Tensor.ones(i.rows, i.cols));
        op("full", c, s, ND, i -> Tensor.full(0.5, i.rows, i.cols));
        op("rand", c, s, ND, i -> Tensor.rand(i.rows, i.cols));
        op("randn", c, s, ND, i -> Tensor.randn(i.rows, i.cols));
        op("arange", c, s, ND, i -> Tensor.arange(i.n));
        op("linspace", c, s, ND, i -> Tensor.linspace(-Math.PI, Math.PI, i.n));
        op("zerosLike", u, s, ND, i -> i.x.zerosLike());
        op("onesLike", u, s, ND, i -> i.x.onesLike());
        op("fullLike", u, s, ND, i -> i.x.fullLike(0.5));
        op("randLike", u, s, ND, i -> i.x.randLike());
        op("randnLike", u, s, ND, i -> i.x.randnLike());
        op("new_float", c, s, ND, i -> new float[(int) i.n]);
        op("new_bool", c, s, ND, i -> new boolean[(int) i.n]);
        // products
        op("dot", Kind.VECTOR, s, D, i -> i.x.dot(i.y));
        op("mv", b, s, D, i -> i.x.mv(i.y));   // run with layout row: y is [cols]
        op("mm", Kind.MATMUL, s, D, i -> i.x.mm(i.y));
        op("matmul", Kind.MATMUL, s, D, i -> i.x.matmul(i.y));
        op("bmm", Kind.MATMUL, s, D, i -> i.x.bmm(i.y));
        op("addmm", Kind.MATMUL, s, D, i -> i.bias.addmm(i.x, i.y));
        // the seed notebooks' workloads, whole (forward and backward), at the notebooks' sizes
        Kind w = Kind.WORKLOAD;
        op("seed000_sin_grad", w, s, ND, i -> {
            Tensor x = i.x.detach().requiresGrad_(true);
            x.sin().sum().backward();
            return x.grad();
        });
        op("seed001_square_grad", w, s, ND, i -> {
            Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            x.mul(x).backward();
            return x.grad();
        });
        op("seed002_mean_grad", w, s, ND, i -> {
            Tensor x = Tensor.ones(2, 2).requiresGrad_(true);
            Tensor y = x.add(2);
            y.mul(y).mul(3).mean().backward();
            return x.grad();
        });
    }

    /** The sweep's cases, in the order they run. */
    public static List<String> quickCases() {
        List<String> cases = new ArrayList<>();
        // every op at 2,000 and 65,536 elements, contiguous (mv: by a row), and its backward
        for (String size : List.of("2000", "65536")) {
            for (Op o : OPS.values()) {
                if (o.kind == Kind.MATMUL || o.kind == Kind.WORKLOAD) {
                    continue;
                }
                String layout = o.name.equals("mv") ? "/row/" : "/contiguous/";
                cases.add(o.name + layout + size);
                if (o.differentiable) {
                    cases.add(o.name + ".bwd" + layout + size);
                }
            }
        }
        // broadcasting against a 0-dim tensor and a row, and a transposed operand
        for (String size : List.of("2000", "65536")) {
            for (String layout : List.of("scalar", "row", "transposed")) {
                for (String name : List.of("add", "sub", "mul", "div", "pow", "maximum", "eq", "where")) {
                    cases.add(name + "/" + layout + "/" + size);
                }
                for (String name : List.of("add", "mul", "div")) {
                    cases.add(name + ".bwd/" + layout + "/" + size);
                }
            }
            for (String name : List.of("exp", "sin", "relu", "contiguous", "sum", "mean", "amax", "norm", "sum.dim0",
                    "sum.dim1")) {
                cases.add(name + "/transposed/" + size);
            }
        }
        // the size ladder for a representative subset
        for (String size : List.of("0", "100", "8192", "1048576")) {
            for (String name : List.of("add", "mul", "exp", "sin", "pow2", "relu", "sum", "mul.bwd", "sin.bwd",
                    "pow2.bwd", "sum.bwd", "new_float")) {
                if (!(size.equals("0") && name.equals("new_float"))) {
                    cases.add(name + "/contiguous/" + size);
                }
            }
            if (!size.equals("0")) {
                cases.add("mul/scalar/" + size);
                cases.add("mul.bwd/scalar/" + size);
                cases.add("add/row/" + size);
                cases.add("sum.dim1/contiguous/" + size);
            }
        }
        products(cases);
        return cases;
    }

    /** Ops whose result shares the input's storage (a view), or is x itself when x is contiguous. */
    private static final Set<String> VIEWS = Set.of("t", "transpose", "permute", "mT", "view", "squeeze", "expand",
            "reshape", "flatten", "unsqueeze", "narrow", "select");

    /** Ops whose result is a bool tensor (a byte an element, not a float's four). */
    private static final Set<String> BOOL_RESULTS = Set.of("eq", "ne", "lt", "le", "gt", "ge", "logicalAnd", "logicalOr",
            "logicalNot", "gt_s");

    /** Ops whose result holds twice a float[n]: 2n floats, or n eight-byte elements. */
    private static final Set<String> DOUBLE_SIZED = Set.of("cat", "stack", "repeat", "to_float64", "arange");

    /** Ops whose result has fewer elements than x (about half): no {@code new float[n]} under it. */
    private static final Set<String> FEWER_ELEMENTS = Set.of("maskedSelect", "slice2_contiguous");

    /**
     * Ops whose backward hands each operand a dense slice of the incoming gradient, which the leaf
     * takes as its grad without a copy (PyTorch's AccumulateGrad steals it, as {@code Engine.mayAdopt}):
     * their gradients need no new array.
     */
    private static final Set<String> GRADIENT_SLICES = Set.of("cat", "stack");

    /**
     * How many {@link #floorOp floor arrays} of case {@code id}'s size the case must allocate fresh,
     * 0 when none: {@code new_float} (or {@code new_bool}) at that size (the JVM zeroing a fresh
     * array in memory not in cache, which PyTorch's caching allocator does not pay) is then a floor
     * under it, this many times. Counted are only the arrays of n elements (or 2n, counted twice) the
     * semantics force, no temporaries:
     * <ul>
     *   <li>a forward case: its result, 1; 2 for results of 2n floats or n eight-byte elements; 0 for
     *       views, in-place ops, reductions, products and results of fewer elements
     *       ({@code maskedSelect}, {@code slice2_contiguous});</li>
     *   <li>a {@code .bwd} case: its forward's count, plus 1 for each leaf requiring grad that gets
     *       a gradient of n elements: x always (once, even when the op reads it twice, as
     *       {@code indexAdd}); y where the op reads it ({@link #usesY}) and it has n elements
     *       (layouts contiguous and transposed, not a 0-dim tensor or a row, whose gradients are
     *       small). Not for {@link #GRADIENT_SLICES cat and stack}, whose leaves take slices of the
     *       incoming gradient. So {@code relu.bwd} 2, {@code add.bwd/contiguous} 3,
     *       {@code add.bwd/scalar} 2, {@code sum.bwd} 1, {@code dot.bwd} 2, {@code mv.bwd/row} 1,
     *       {@code cat.bwd} 2, {@code to_float64.bwd} 3.</li>
     * </ul>
     * Sizes {@code 0} and {@code MxKxN} have no floor.
     */
    public static int freshResultFloors(String id) {
        String[] p = id.split("/");
        boolean backward = p[0].endsWith(".bwd");
        String name = backward ? p[0].substring(0, p[0].length() - 4) : p[0];
        Op o = OPS.get(name);
        if (o == null || p.length != 3 || p[2].contains("x") || p[2].equals("0")) {
            return 0;
        }
        if (backward) {
            return freshResultFloors(name + "/" + p[1] + "/" + p[2]) + gradientFloors(o, p[1]);
        }
        if (name.endsWith("_")
                || VIEWS.contains(name) || FEWER_ELEMENTS.contains(name)
                || name.startsWith("new_") || name.equals("mv")
                || name.equals("contiguous") && !p[1].equals("transposed")
                || !(o.kind == Kind.UNARY || o.kind == Kind.BINARY || o.kind == Kind.CREATE)) {
            return 0;
        }
        return DOUBLE_SIZED.contains(name) ? 2 : 1;
    }

    /** The gradients of n elements a backward case must return fresh: see {@link #freshResultFloors}. */
    private static int gradientFloors(Op o, String layout) {
        if (GRADIENT_SLICES.contains(o.name)) {
            return 0;
        }
        boolean yIsFull = layout.equals("contiguous") || layout.equals("transposed");
        return 1 + (usesY(o) && yIsFull ? 1 : 0);
    }

    /** Whether the op reads operand y (the binary ops, {@code where}, {@code cat}, {@code dot}, {@code mv}), not only x. */
    static boolean usesY(Op o) {
        return o.kind == Kind.BINARY || o.kind == Kind.VECTOR;
    }

    /** The case whose time is the floor under case {@code id}'s result: {@code new_bool} for a bool result, else {@code new_float}. */
    public static String floorOp(String id) {
        return BOOL_RESULTS.contains(id.substring(0, id.indexOf('/'))) ? "new_bool" : "new_float";
    }

    /** The sizes of the ladder, 0 for a 0-dim tensor. */
    static final List<String> LADDER = List.of("0", "100", "2000", "8192", "65536", "1048576");

    /** The elementwise binary ops, which broadcast {@code y} against {@code x} (layouts scalar and row). */
    static final Set<String> BROADCASTING = Set.of("add", "sub", "mul", "div", "add_alpha", "pow", "maximum", "minimum",
            "floorDivide", "eq", "ne", "lt", "le", "gt", "ge", "logicalAnd", "logicalOr", "where", "copy_");

    /** Ops that name a dim or need a matrix: no 0-dim case. */
    private static final Set<String> NEEDS_DIMS = Set.of("transpose", "permute", "mT", "narrow", "select",
            "slice2_contiguous", "expand_contiguous", "expand", "cat", "mv", "amax", "amin", "sum.dim1", "mean.dim1",
            "max.dim1", "amax.dim1", "argmax.dim1", "norm.dim1", "logsumexp.dim1", "softmax", "logSoftmax", "gather",
            "scatterAdd", "indexSelect", "indexAdd", "sum.dim0");

    /**
     * Every case ({@code --full}): every op and the backward of every differentiable one at every
     * size of the {@link #LADDER}, contiguous; the broadcasting ops against a 0-dim tensor and a row,
     * and every op with a transposed operand, from 100 elements up; the products at the shapes of
     * small models, and the seed workloads.
     */
    public static List<String> fullCases() {
        List<String> cases = new ArrayList<>();
        for (String size : LADDER) {
            for (Op o : OPS.values()) {
                if (o.kind == Kind.MATMUL || o.kind == Kind.WORKLOAD || size.equals("0") && NEEDS_DIMS.contains(o.name)) {
                    continue;
                }
                List<String> layouts = new ArrayList<>();
                layouts.add(o.name.equals("mv") ? "row" : "contiguous");
                if (!size.equals("0")) {
                    if (BROADCASTING.contains(o.name)) {
                        layouts.addAll(List.of("scalar", "row"));
                    }
                    if (o.kind == Kind.UNARY || o.kind == Kind.REDUCE || BROADCASTING.contains(o.name)) {
                        layouts.add("transposed");
                    }
                }
                for (String layout : layouts) {
                    cases.add(o.name + "/" + layout + "/" + size);
                    if (o.differentiable) {
                        cases.add(o.name + ".bwd/" + layout + "/" + size);
                    }
                }
            }
        }
        products(cases);
        return cases;
    }

    /** The products at the shapes of small models, and the seed notebooks' workloads. */
    private static void products(List<String> cases) {
        for (String shape : List.of("64x64x128", "64x128x10", "32x784x128", "256x256x256")) {
            cases.add("matmul/contiguous/" + shape);
            cases.add("matmul.bwd/contiguous/" + shape);
            cases.add("mm/contiguous/" + shape);
            cases.add("addmm/contiguous/" + shape);
            cases.add("addmm.bwd/contiguous/" + shape);
        }
        cases.add("bmm/contiguous/8x64x64x64");
        cases.add("bmm.bwd/contiguous/8x64x64x64");
        cases.add("seed000_sin_grad/contiguous/100");
        cases.add("seed001_square_grad/contiguous/0");
        cases.add("seed002_mean_grad/contiguous/0");
    }

    /**
     * The call that case {@code id} times, its operands made (from a fixed seed) under the backend
     * current on this thread.
     */
    public static Supplier<Object> prepare(String id) {
        boolean backward = id.split("/")[0].endsWith(".bwd");
        Op o = op(id);
        Inputs in = inputsFor(id);
        if (!backward) {
            return () -> o.call.apply(in);
        }
        List<Tensor> leaves = new ArrayList<>();
        for (Tensor t : new Tensor[] {in.x, in.y}) {
            if (t != null && t.dtype().isFloatingPoint()) {
                t.requiresGrad_(true);
                leaves.add(t);
            }
        }
        Tensor g = ((Tensor) o.call.apply(in)).detach().onesLike();
        return () -> {
            Tensor out = (Tensor) o.call.apply(in);
            out.backward(g);
            Tensor grad = leaves.get(0).grad();
            for (Tensor t : leaves) {
                t.setGrad(null);
            }
            return grad;
        };
    }

    /** The op of a case id, checked. */
    private static Op op(String id) {
        String[] part = id.split("/");
        if (part.length != 3) {
            throw new IllegalArgumentException("sweep case '" + id + "' is not op/layout/size");
        }
        boolean backward = part[0].endsWith(".bwd");
        String name = backward ? part[0].substring(0, part[0].length() - 4) : part[0];
        Op o = OPS.get(name);
        if (o == null) {
            throw new IllegalArgumentException("unknown sweep op '" + name + "' in case '" + id + "'");
        }
        if (backward && !o.differentiable) {
            throw new IllegalArgumentException("sweep op '" + name + "' has no backward (case '" + id + "')");
        }
        return o;
    }

    /** The operands of a case, drawn from seed 0 (the same every time). */
    static Inputs inputsFor(String id) {
        Op o = op(id);
        String[] part = id.split("/");
        Tensor.manualSeed(0);
        return inputs(o, part[1], part[2]);
    }

    private static Inputs inputs(Op o, String layout, String size) {
        Inputs in = new Inputs();
        if (o.kind == Kind.MATMUL) {
            long[] d = java.util.Arrays.stream(size.split("x")).mapToLong(Long::parseLong).toArray();
            if (o.name.equals("bmm") != (d.length == 4) || d.length < 3) {
                throw new IllegalArgumentException("sweep op '" + o.name + "' needs a size "
                        + (o.name.equals("bmm") ? "BxMxKxN" : "MxKxN") + ", got '" + size + "'");
            }
            int k = d.length - 3;
            long[] batch = java.util.Arrays.copyOf(d, k);
            in.x = uniform(concat(batch, d[k], d[k + 1]), -1, 1);
            in.y = uniform(concat(batch, d[k + 1], d[k + 2]), -1, 1);
            in.bias = uniform(new long[] {d[k + 2]}, -1, 1);
            return in;
        }
        int n = Integer.parseInt(size);
        long[] shape;
        if (n == 0) {
            shape = new long[0];
            in.n = 1;
            in.rows = 1;
            in.cols = 1;
        } else {
            int[] rc = Operand.matrixShape(n);
            in.rows = rc[0];
            in.cols = rc[1];
            in.n = n;
            shape = new long[] {in.rows, in.cols};
        }
        if (o.kind == Kind.VECTOR) {
            shape = new long[] {in.n};
        }
        if (o.kind == Kind.CREATE) {
            return in;
        }
        double lo = switch (o.domain) {
            case SIGNED -> -Math.PI;
            case POSITIVE -> 0.5;
            case NEAR_ONE -> 0.99;
        };
        double hi = switch (o.domain) {
            case SIGNED -> Math.PI;
            case POSITIVE -> 2.5;
            case NEAR_ONE -> 1.01;
        };
        boolean binary = o.kind == Kind.BINARY;
        in.x = layout.equals("transposed") && !binary ? transposed(shape, lo, hi) : uniform(shape, lo, hi);
        in.y = switch (layout) {
            case "contiguous" -> uniform(shape, 0.5, 2.5);
            case "scalar" -> uniform(new long[0], 0.5, 2.5);
            case "row" -> uniform(new long[] {in.cols}, 0.5, 2.5);
            case "transposed" -> transposed(shape, 0.5, 2.5);
            default -> throw new IllegalArgumentException("unknown sweep layout '" + layout
                    + "'; known: contiguous, scalar, row, transposed");
        };
        if (!binary && !layout.equals("contiguous") && !layout.equals("transposed")) {
            throw new IllegalArgumentException("layout '" + layout + "' needs a binary op, not '" + o.name + "'");
        }
        in.ones = Tensor.ones(shape);
        in.mask = in.x.gt(0);
        in.maskB = in.y.gt(1.5);
        in.rowIdx = Tensor.randint(0, in.rows, in.rows);
        in.flatIdx = Tensor.randint(0, in.n, in.n);
        in.colIdx = Tensor.randint(0, in.cols, in.rows, in.cols);
        return in;
    }

    private static Tensor uniform(long[] shape, double lo, double hi) {
        return Tensor.rand(shape).mul(hi - lo).add(lo);
    }

    /** A {@code shape} tensor that is the transpose of a contiguous one. */
    private static Tensor transposed(long[] shape, double lo, double hi) {
        if (shape.length != 2) {
            return uniform(shape, lo, hi);
        }
        return uniform(new long[] {shape[1], shape[0]}, lo, hi).t();
    }

    private static long[] concat(long[] head, long... tail) {
        long[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
