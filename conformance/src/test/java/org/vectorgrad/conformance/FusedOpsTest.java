package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * The ops computed by fused kernels (addcmul_/addcdiv_ and clamp in one pass, softmax's backward as a
 * row kernel with its own node, prod's backward without zeros) against PyTorch 1.13's results for the
 * same calls, the Python in each comment.
 */
class FusedOpsTest {
    private static final Tensor X = Tensor.of(new double[][] {{0.5, -1.2, 2.0, 0.3}, {1.0, 1.0, -3.0, 0.0}});
    private static final Tensor W = Tensor.of(new double[][] {{1.0, 2.0, -1.0, 0.5}, {0.25, -2.0, 3.0, 1.0}});

    @Test
    void scalarFloat64SoftmaxHasATensBits() {
        // torch.manual_seed(1); x = torch.randn(400, 5, dtype=torch.double) * 3; torch.softmax(x, 1): rows whose
        // exp and sum the reference loops form alike; ATen's _vec_softmax_lastdim then multiplies by 1 / sum
        // (dividing by the sum differs in the last bit in a third of the elements)
        double[][] x = {
            {-0x1.de240888fee2ap-1, -0x1.11cdba742110ep+1, -0x1.17f650d1dc746p+1, -0x1.cb9324b68ed68p-1, -0x1.8473b97d3c974p-1},
            {-0x1.149e450b76990p+0, 0x1.68b62ed4dc81cp+1, 0x1.bdfc4d16a31aep+1, -0x1.05fc462583d66p-1, 0x1.6efe153bf6f51p-5},
            {-0x1.246c14b0079a0p-3, 0x1.a4df909ff0220p+0, -0x1.dfa5ef7b03f3ap+1, 0x1.eac5a9f7e3c24p-1, 0x1.c889c49c6b056p+0},
            {0x1.4f6731dd3f201p+1, -0x1.63a5d14b3655ap+3, -0x1.5c514c049c252p+2, -0x1.61c6104320f16p+2, -0x1.c6312323911bcp+1},
            {0x1.a0025b29a3b65p+1, 0x1.55a290485a8d3p+1, 0x1.eedb41c02c530p+0, 0x1.263ff5543f10fp-2, -0x1.219d665a13afcp+2},
            {-0x1.c0b2060ecc9aep+0, -0x1.8d0c7d48e105ep+2, -0x1.2a36afac76ca8p-1, 0x1.17540c15e3303p+0, -0x1.18281bd1be776p+0}};
        double[][] want = {
            {0x1.0c840b6aac76dp-2, 0x1.41d10f6f676f7p-4, 0x1.32b30fff2393fp-4, 0x1.166e6b1428badp-2, 0x1.3fec81a5880d9p-2},
            {0x1.b15e83f8ff953p-8, 0x1.4e0e2c0997d80p-2, 0x1.452caa5c9e79ep-1, 0x1.7eb73ad3ad48ep-7, 0x1.4dd4b56a9cba7p-6},
            {0x1.e5a1dd44e2b37p-5, 0x1.6a6e06db36845p-2, 0x1.a6b972ab1f7e2p-10, 0x1.6d368bb79a72fp-3, 0x1.a09bbe2db4cc3p-2},
            {0x1.fe9f245985ff1p-1, 0x1.225a5981c172ap-20, 0x1.49754590cedffp-12, 0x1.2e88fc23e7f07p-12, 0x1.11b792f839de1p-9},
            {0x1.106fba8e821b9p-1, 0x1.30c0f79becc92p-2, 0x1.23f90e1f5c247p-3, 0x1.c28773e9373e3p-6, 0x1.d4a7c66bcd3d3p-13},
            {0x1.5ede46ea24180p-5, 0x1.05f1264c6b16ap-11, 0x1.1ab3117913e69p-3, 0x1.78c7ff9c7dc6fp-1, 0x1.52deda683f190p-4}};
        try (var scope = Backends.use("scalar")) {
            for (int r = 0; r < x.length; r++) {
                assertArrayEquals(want[r], Tensor.of(x[r], DType.FLOAT64).softmax(0).toDoubleArray(), 0, "row " + r);
            }
        }
    }

    @Test
    void softmaxDoubleBackward() {
        // x = torch.tensor([[0.5, -1.2, 2.0, 0.3], [1.0, 1.0, -3.0, 0.0]], requires_grad=True); w as W
        // g, = torch.autograd.grad((x.softmax(1) * w).sum(), x, create_graph=True); (g * g).sum().backward()
        Tensor x = X.clone().requiresGrad_(true);
        Tensor g = Autograd.grad(x.softmax(1).mul(W).sum(), x, true);
        assertEquals("SoftmaxBackwardDataBackward0", g.gradFn().name());
        assertClose(new double[] {0.21865150, 0.06812243, -0.40264717, 0.11587328, 0.33785516, -0.60506862, 0.02729612, 0.23991741},
                g, 1e-6);
        g.mul(g).sum().backward();
        assertClose(new double[] {0.12501396, 0.02750474, -0.17463849, 0.02211976, -0.17257056, 0.19031920, -0.00269474, -0.01505393},
                x.grad(), 1e-6);
    }

    @Test
    void logSoftmaxDoubleBackward() {
        // the same with x.log_softmax(1)
        Tensor x = X.clone().requiresGrad_(true);
        Tensor g = Autograd.grad(x.logSoftmax(1).mul(W).sum(), x, true);
        assertEquals("LogSoftmaxBackwardDataBackward0", g.gradFn().name());
        assertClose(new double[] {0.61438221, 1.92955399, -2.72821903, 0.18428287, -0.69292378, -2.94292378, 2.98272967, 0.65311766},
                g, 1e-6);
        g.mul(g).sum().backward();
        assertClose(new double[] {-1.79540193, -0.51328760, 3.50706077, -1.19837129, -1.33365571, 2.90950131, -0.15138569, -1.42446053},
                x.grad(), 1e-5);
    }

    @Test
    void softmaxBackwardAlongDimZeroOfATranspose() {
        // xt = torch.tensor([[0.5, -1.2, 2.0, 0.3], [1.0, 1.0, -3.0, 0.0]]).t().requires_grad_(); same values
        // (xt.softmax(0) * w.t()).sum().backward(): the rows of the kernel are xt's columns (stride 2)
        Tensor xt = X.t().requiresGrad_(true);
        xt.softmax(0).mul(W.t()).sum().backward();
        Tensor x = X.clone().requiresGrad_(true);
        x.softmax(1).mul(W).sum().backward();
        assertArrayEquals(x.grad().t().contiguous().toFloatArray(), xt.grad().contiguous().toFloatArray());
    }

    @Test
    void prodBackwardWithoutZerosWithOneAndWithTwo() {
        // p = torch.tensor(v, requires_grad=True); p.prod().backward(); p.grad
        assertEquals("tensor([ -6., -24.,   4.,  -3.])", prodGrad(2, 0.5, -3, 4));
        assertEquals("tensor([ -0., -24.,   0.,  -0.])", prodGrad(2, 0, -3, 4));
        assertEquals("tensor([0., 0., 0., 0.])", prodGrad(0, 2, 0, 1));
        // torch.tensor(float('inf'), requires_grad=True).prod().backward(): a 0-dim input passes the gradient on
        assertEquals("tensor(1.)", prodGrad0(Double.POSITIVE_INFINITY));
    }

    private static String prodGrad(double... v) {
        Tensor p = Tensor.of(v).requiresGrad_(true);
        p.prod().backward();
        return p.grad().toString();
    }

    private static String prodGrad0(double v) {
        Tensor p = Tensor.of(v).requiresGrad_(true);
        p.prod().backward();
        return p.grad().toString();
    }

    @Test
    void addcmulAndAddcdivBroadcastingARow() {
        // x = torch.tensor([[1., 2, 3], [4, 5, 6]]); a = torch.tensor([[0.5, -1, 2], [3, 0.25, -2]]); b = torch.tensor([2., -3, 0.5])
        // x.addcmul_(a, b, value=0.7); then x.addcdiv_(a, b, value=-1.3)
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor a = Tensor.of(new double[][] {{0.5, -1, 2}, {3, 0.25, -2}});
        Tensor b = Tensor.of(2., -3, 0.5);
        x.addcmul_(a, b, 0.7);
        assertArrayEquals(new float[] {1.70000005f, 4.09999990f, 3.70000005f, 8.19999981f, 4.47499990f, 5.30000019f}, x.toFloatArray());
        x.addcdiv_(a, b, -1.3);
        assertArrayEquals(new float[] {1.375f, 3.66666651f, -1.49999976f, 6.25f, 4.58333302f, 10.5f}, x.toFloatArray());
        // the same through a transposed self: x.t().addcmul_(a.t(), b[:, None]...) gives the transposed values
        Tensor y = Tensor.of(new double[][] {{1, 4}, {2, 5}, {3, 6}}).t();
        y.addcmul_(a, b, 0.7);
        assertArrayEquals(new float[] {1.70000005f, 4.09999990f, 3.70000005f, 8.19999981f, 4.47499990f, 5.30000019f},
                y.contiguous().toFloatArray());
    }

    @Test
    void addcmulBumpsTheVersionAndChecksTheShape() {
        // a = torch.tensor([1., 2, 3], requires_grad=True); x = torch.tensor([1., 2, 3]); y = a * x
        // x.addcmul_(torch.ones(3), torch.ones(3)); y.sum().backward()
        Tensor a = Tensor.of(1., 2, 3).requiresGrad_(true);
        Tensor x = Tensor.of(1., 2, 3);
        Tensor y = a.mul(x);
        x.addcmul_(Tensor.ones(3), Tensor.ones(3));
        Exception e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [3]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to "
                + "find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).",
                e.getMessage().replaceAll(" \\[Java: .*]$", ""));
        // torch.zeros(3).addcmul_(torch.ones(2, 3), torch.ones(3))
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).addcdiv_(Tensor.ones(2, 3), Tensor.ones(3)));
        assertEquals("output with shape [3] doesn't match the broadcast shape [2, 3]", e.getMessage());
    }

    @Test
    void addcmulAndAddcdivRefuseAPartialOverlapWhateverTheDtypes() {
        // z = torch.arange(16.).reshape(4, 4); z.addcmul_(z.t(), torch.tensor(2))   (int64: not the fused path)
        // z.addcdiv_(z.t(), torch.tensor(2.)); z.addcmul_(z, z).sum() -> 1360
        String partial = "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
                + "single memory location. Please clone() the tensor before performing the operation.";
        Tensor z = Tensor.arange(16).to(org.vectorgrad.DType.FLOAT32).reshape(4, 4);
        Exception e = assertThrows(IllegalArgumentException.class, () -> z.addcmul_(z.t(), Tensor.of(2L)));
        assertEquals(partial, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> z.addcdiv_(z.t(), Tensor.of(2.0)));
        assertEquals(partial, e.getMessage());
        assertEquals(1360.0, z.addcmul_(z, z).sum().item());
    }

    @Test
    void clampInOnePassKeepsNaNAndSignedZeros() {
        // torch.tensor([nan, -2, 0.3, 5, -0.0, inf, -inf]).clamp(-1, 1); torch.tensor([1., 2, 3]).clamp(2, 1)
        Tensor c = Tensor.of(Double.NaN, -2, 0.3, 5, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).clamp(-1, 1);
        assertArrayEquals(new float[] {Float.NaN, -1, 0.3f, 1, -0.0f, 1, -1}, c.toFloatArray());
        assertEquals("tensor([1., 1., 1.])", Tensor.of(1., 2, 3).clamp(2, 1).toString());
        // a long one, to reach the vector loop: 1000 values
        Tensor big = Tensor.arange(1000).sub(500.0).div(100.0);
        float[] got = big.clamp(-1.5, 2.25).toFloatArray();
        float[] in = big.toFloatArray();
        for (int i = 0; i < in.length; i++) {
            assertEquals(Math.min(Math.max(in[i], -1.5f), 2.25f), got[i]);
        }
    }

    private static void assertClose(double[] expected, Tensor actual, double tol) {
        float[] v = actual.detach().contiguous().toFloatArray();
        assertEquals(expected.length, v.length);
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i], v[i], tol * Math.max(1, Math.abs(expected[i])), "at " + i);
        }
    }
}
