package org.vectorgrad;

import static org.vectorgrad.Derivative.OTHER;
import static org.vectorgrad.Derivative.SELF;
import static org.vectorgrad.Derivative.saves;
import static org.vectorgrad.Derivative.wrt;
import static org.vectorgrad.OpSupport.checkSameDtype;
import static org.vectorgrad.OpSupport.kernels;
import static org.vectorgrad.OpSupport.record;
import static org.vectorgrad.OpSupport.scalarName;
import static org.vectorgrad.ViewOps.unsafeView;

import java.util.Arrays;
import org.vectorgrad.backend.Layout;

/**
 * Products: one row each — the checked kernel call, PyTorch's node name, the gradient of each
 * operand. {@code matmul} is composite, exactly as {@code at::matmul}, so its grad_fn names follow
 * from the rows it reduces to; the checks and the rank cases follow the table as helpers.
 */
final class LinalgOps {
    private LinalgOps() {
    }

    static Tensor dot(Tensor a, Tensor b) {
        return record(dotKernel(a, b), "DotBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, saves(OTHER), c -> c.grad().mul(c.other())),
                wrt(OTHER, saves(SELF), c -> c.grad().mul(c.self())));
    }

    static Tensor mv(Tensor m, Tensor v) {
        return record(mvKernel(m, v), "MvBackward0", new Tensor[] {m, v}, null,
                wrt(SELF, saves(OTHER), c -> c.grad().unsqueeze(1).mul(c.other().unsqueeze(0))),
                wrt(OTHER, saves(SELF), c -> c.self().t().mv(c.grad())));
    }

    static Tensor mm(Tensor a, Tensor b) {
        boolean aColumnMajor = isColumnMajor(a);
        boolean bColumnMajor = isColumnMajor(b);
        return record(mmKernel(a, b), "MmBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, saves(OTHER), c -> mmMat1Grad(c.grad(), c.other(), aColumnMajor)),
                wrt(OTHER, saves(SELF), c -> mmMat2Grad(c.grad(), c.self(), bColumnMajor)));
    }

    /**
     * {@code grad @ mat2^T}, the gradient of mat1 in {@code mat1 @ mat2}; for a column-major mat1 (a
     * transposed matrix, e.g. {@code x.t()}) computed as {@code (mat2 @ grad^T)^T}, as PyTorch's
     * mm_mat1_backward, so that it has mat1's strides and reaches a leaf behind the transpose
     * contiguous (adopted, not copied). Same products, same order over k: the same bits.
     */
    static Tensor mmMat1Grad(Tensor grad, Tensor mat2, boolean mat1ColumnMajor) {
        return mat1ColumnMajor ? mat2.mm(grad.t()).t() : grad.mm(mat2.t());
    }

    /**
     * {@code mat1^T @ grad}, the gradient of mat2; for a column-major mat2 ({@code nn.Linear}'s
     * {@code weight.t()}) computed as {@code (grad^T @ mat1)^T}, as PyTorch's mm_mat2_backward.
     */
    static Tensor mmMat2Grad(Tensor grad, Tensor mat1, boolean mat2ColumnMajor) {
        return mat2ColumnMajor ? grad.t().mm(mat1).t() : mat1.t().mm(grad);
    }

    /** PyTorch's test in mm_mat1/mat2_backward: strides (1, rows), i.e. the transpose of a row-major matrix. */
    static boolean isColumnMajor(Tensor m) {
        int[] strides = m.layout().strides();
        return m.dim() == 2 && strides[0] == 1 && strides[1] == m.layout().shape()[0];
    }

    static Tensor bmm(Tensor a, Tensor b) {
        return record(bmmKernel(a, b), "BmmBackward0", new Tensor[] {a, b}, null,
                wrt(SELF, saves(OTHER), c -> c.grad().bmm(c.other().transpose(1, 2))),
                wrt(OTHER, saves(SELF), c -> c.self().transpose(1, 2).bmm(c.grad())));
    }

    /** {@code squeeze_(dim)} applied to a fresh result (SqueezeBackward3), as matmul's 1-D @ 2-D does. */
    private static Tensor squeezeInPlaceDim(Tensor x, int dim) {
        return record(Tensor.make(x.buffer(), x.dtype(), Views.squeeze(x.layout(), dim)), "SqueezeBackward3", new Tensor[] {x}, null,
                wrt(SELF, saves(), c -> c.grad().unsqueeze(dim)));
    }

    /** Python's {@code @}: by rank, one of the rows above (no node of its own). */
    static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim();
        int db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and "
                    + db + "D");
        }
        if (da == 1 && db == 1) {
            return dot(a, b);
        }
        if (da == 2 && db == 1) {
            return mv(a, b);
        }
        if (da == 1 && db == 2) {
            return squeezeInPlaceDim(mm(a.unsqueeze(0), b), 0);
        }
        if (da == 2 && db == 2) {
            return mm(a, b);
        }
        if (da >= 3 && (db == 1 || db == 2)) {
            return foldedMatmul(a, b);
        }
        return broadcastMatmul(a, b);
    }

    // ---------------------------------------------------------------- checks and kernel calls

    private static Tensor dotKernel(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("dot : expected both vectors to have same dtype, but found "
                    + scalarName(a.dtype()) + " and " + scalarName(b.dtype()));
        }
        if (a.numel() != b.numel()) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.numel() + "] and src ["
                    + b.numel() + "] to have the same number of elements, but got " + a.numel() + " and " + b.numel()
                    + " elements respectively");
        }
        Tensor r = Tensor.empty(a.dtype());
        kernels().dot(a.dtype(), a.buffer(), a.layout(), b.buffer(), b.layout(), r.buffer(), 0);
        return r;
    }

    private static Tensor mvKernel(Tensor m, Tensor v) {
        if (m.dim() != 2 || v.dim() != 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got 1, " + m.dim() + ", " + v.dim());
        }
        checkSameDtype(m, v);
        if (m.size(1) != v.size(0)) {
            throw new IllegalArgumentException("size mismatch, got " + m.size(0) + ", " + m.size(0) + "x" + m.size(1)
                    + "," + v.size(0));
        }
        Tensor r = matmulKernel(m.unsqueeze(0), v.unsqueeze(1).unsqueeze(0));
        return Tensor.make(r.buffer(), r.dtype(), Layout.contiguous((int) m.size(0)));
    }

    private static Tensor mmKernel(Tensor a, Tensor b) {
        if (a.dim() != 2) {
            throw new IllegalArgumentException("self must be a matrix");
        }
        if (b.dim() != 2) {
            throw new IllegalArgumentException("mat2 must be a matrix");
        }
        checkSameDtype(a, b);
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.size(0) + "x" + a.size(1)
                    + " and " + b.size(0) + "x" + b.size(1) + ")");
        }
        Tensor r = matmulKernel(a.unsqueeze(0), b.unsqueeze(0));
        return Tensor.make(r.buffer(), r.dtype(), Layout.contiguous((int) a.size(0), (int) b.size(1)));
    }

    private static Tensor bmmKernel(Tensor a, Tensor b) {
        if (a.dim() != 3) {
            throw new IllegalArgumentException("batch1 must be a 3D tensor");
        }
        if (b.dim() != 3) {
            throw new IllegalArgumentException("batch2 must be a 3D tensor");
        }
        checkSameDtype(a, b);
        if (a.size(0) != b.size(0) || a.size(2) != b.size(1)) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + a.size(0)
                    + ", " + a.size(2) + "] but got: [" + b.size(0) + ", " + b.size(1) + "].");
        }
        return matmulKernel(a, b);
    }

    /** c = a @ b for rank-3 operands of one dtype, through the backend; no autograd. */
    private static Tensor matmulKernel(Tensor a, Tensor b) {
        int batch = (int) a.size(0);
        int[] shape = {batch, (int) a.size(1), (int) b.size(2)};
        Tensor c = Tensor.emptyOverwritten(a.dtype(), shape, Layout.contiguousStrides(shape));   // overwritten, not accumulated
        kernels().matmul(a.dtype(), a.buffer(), a.layout(), b.buffer(), b.layout(), c.buffer(), c.layout());
        return c;
    }

    // ---------------------------------------------------------------- matmul's rank cases

    /** A batch of matrices (rank >= 3) @ a matrix or vector: a's batch dims folded into rows, one mm. */
    private static Tensor foldedMatmul(Tensor a, Tensor b) {
        int da = a.dim();
        int db = b.dim();
        long[] outShape = Arrays.copyOf(a.shape(), da - 1 + (db == 2 ? 1 : 0));
        if (db == 2) {
            outShape[da - 1] = b.size(1);
        }
        Tensor b2 = db == 1 ? b.unsqueeze(-1) : b;
        // Not reshape(-1, k): -1 is ambiguous when k is 0.
        Tensor folded = a.reshape(Shapes.numel(Arrays.copyOf(a.layout().shape(), da - 1)), a.size(-1));
        return unsafeView(mm(folded, b2), db == 1 ? Arrays.copyOf(outShape, da - 1) : outShape);
    }

    /** The general case: batch dims broadcast, both operands expanded and reshaped to 3-D, one bmm. */
    private static Tensor broadcastMatmul(Tensor a, Tensor b) {
        int da = a.dim();
        int db = b.dim();
        long n = a.size(da == 1 ? 0 : -2);
        long m1 = a.size(-1);
        long m2 = db == 1 ? b.size(0) : b.size(-2);
        long p = db == 1 ? 1 : b.size(-1);
        int[] batchA = Arrays.copyOf(a.layout().shape(), Math.max(da - 2, 0));
        int[] batchB = Arrays.copyOf(b.layout().shape(), Math.max(db - 2, 0));
        int[] batch = Shapes.broadcast(batchA, batchB);
        long batchN = Shapes.numel(batch);
        long[] aExp = concat(Shapes.toLong(batch), da == 1 ? new long[] {1, m1} : new long[] {n, m1});
        long[] bExp = concat(Shapes.toLong(batch), new long[] {m2, p});
        Tensor a3 = (da == 1 ? a.unsqueeze(0) : a).expand(aExp).reshape(batchN, da == 1 ? 1 : n, m1);
        Tensor b3 = (db == 1 ? b.unsqueeze(1) : b).expand(bExp).reshape(batchN, m2, p);
        long[] outShape = Shapes.toLong(batch);
        if (da > 1) {
            outShape = concat(outShape, new long[] {n});
        }
        if (db > 1) {
            outShape = concat(outShape, new long[] {p});
        }
        return unsafeView(bmm(a3, b3), outShape);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
