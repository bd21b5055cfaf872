package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * norm(p)'s first and second derivatives where elements are exactly 0, against PyTorch 1.13 (float64,
 * torch.autograd.grad with create_graph, same v and w). x = [[0, 0.5, -1.25], [0, -2, 0]]: over dim 0
 * a zero column, a column without zeros and one with a zero; over all dims, zeros among nonzeros.
 *
 * <p>For p < 2, x |x|^(p-2) is 0 * inf at a zero: PyTorch writes sgn(x) |x|^(p-1) (and masks it for
 * p < 1, with the norm's factor n^(1-p), 0 where a negative p makes n 0), so its gradient there is
 * 0, and its second derivative NaN at that element only (for p < 3, x |x|^(p-2) has an infinite
 * slope at 0) and finite in the rest of the slice. For p = 3 and 4 everything is finite.
 */
class NormAtZerosTest {
    private static final double[] X = {0.0, 0.5, -1.25, 0.0, -2.0, 0.0};
    private static final double[] W = {0.2, -0.4, 0.6, -0.8, 1.0, -1.2};

    private record Ref(double p, boolean dim0, double[] grad, double[] gradOfGrad) {
    }

    private static final Ref[] PYTORCH = {
                new Ref(0.5, true, new double[] {0.0, -0.9, -1.1, 0.0, 0.45, 0.0},
                        new double[] {Double.NaN, -0.09000000000000014, -5.551115123125783e-17, Double.NaN, -0.022499999999999964, Double.NaN}),
                new Ref(0.5, false, new double[] {0.0, 4.123024947075771, -2.607629936490925, 0.0, -2.0615124735378854, 0.0},
                        new double[] {Double.NaN, 0.4976839915321243, 0.10245779618945539, Double.NaN, 0.060384875264620885, Double.NaN}),
                new Ref(1.5, true, new double[] {0.0, -0.14422495703074084, -1.1, 0.0, 0.2884499140614817, 0.0},
                        new double[] {Double.NaN, 0.019229994270765438, 0.0, Double.NaN, 0.0048074985676913595, Double.NaN}),
                new Ref(1.5, false, new double[] {0.0, 0.3832252328050477, -0.6059322962561143, 0.0, -0.7664504656100954, 0.0},
                        new double[] {Double.NaN, -0.05421535464681544, -0.011227164982113041, Double.NaN, -0.006536860547883383, Double.NaN}),
                new Ref(2.5, true, new double[] {0.0, -0.03681399006632446, -1.1, 0.0, 0.29451192053059566, 0.0},
                        new double[] {Double.NaN, 0.01606428657439613, -1.1102230246251565e-16, Double.NaN, 0.004016071643599045, Double.NaN}),
                new Ref(2.5, false, new double[] {0.0, 0.09437930497611102, -0.3730669596352178, 0.0, -0.7550344398088882, 0.0},
                        new double[] {Double.NaN, -0.042132768637094406, -0.01252774934724632, Double.NaN, -0.002703348817244544, Double.NaN}),
                new Ref(3.0, true, new double[] {0.0, -0.018557195808872575, -1.1, 0.0, 0.2969151329419612, 0.0},
                        new double[] {0.0, 0.01096302029324165, 0.0, 0.0, 0.0027407550733103414, 0.0}),
                new Ref(3.0, false, new double[] {0.0, 0.04822394008025129, -0.30139962550157057, 0.0, -0.7715830412840207, 0.0},
                        new double[] {0.0, -0.028949317207865588, -0.01196252777184531, 0.0, 0.00023925055543683182, 0.0}),
                new Ref(4.0, true, new double[] {0.0, -0.004673813861040122, -1.1, 0.0, 0.2991240871065678, 0.0},
                        new double[] {0.0, 0.004190065033399393, 0.0, 0.0, 0.0010475162583498676, 0.0}),
                new Ref(4.0, false, new double[] {0.0, 0.012609705910922515, -0.19702665485816429, 0.0, -0.807021178299041, 0.0},
                        new double[] {0.0, -0.011410226602613104, -0.010860797998008043, 0.0, 0.003935442098101483, 0.0}),
                new Ref(-1.0, true, new double[] {0.0, -0.19200000000000003, -0.0, 0.0, 0.012000000000000002, 0.0},
                        new double[] {Double.NaN, -0.02304000000000006, 0.0, Double.NaN, -0.0057599999999999995, Double.NaN}),
                new Ref(-1.0, false, new double[] {0.0, 0.0, -0.0, 0.0, -0.0, 0.0},
                        new double[] {Double.NaN, 0.0, 0.0, Double.NaN, 0.0, Double.NaN}),
    };

    @Test
    void gradientsAtZerosAreTorchs() {
        for (String backend : new String[] {"scalar", "simd"}) {
            try (var b = Backends.use(backend)) {
                for (Ref r : PYTORCH) {
                    Tensor x = Tensor.from(X.clone(), new long[] {2, 3}).requiresGrad_(true);
                    Tensor out = r.dim0() ? x.norm(r.p(), 0, false) : x.norm(r.p());
                    Tensor v = r.dim0() ? Tensor.from(new double[] {0.7, -0.3, 1.1}, new long[] {3}) : Tensor.from(new double[] {0.9}, new long[0]);
                    Tensor g = Autograd.grad(new Tensor[] {out}, new Tensor[] {x}, new Tensor[] {v}, true, true, true)[0];
                    Tensor s = g.mul(Tensor.from(W.clone(), new long[] {2, 3})).sum();
                    Tensor gg = Autograd.grad(new Tensor[] {s}, new Tensor[] {x}, null, false, false, true)[0];
                    String what = backend + " p=" + r.p() + (r.dim0() ? " dim 0" : " all dims");
                    assertClose(r.grad(), g.detach().toDoubleArray(), what + ": gradient");
                    assertClose(r.gradOfGrad(), gg.toDoubleArray(), what + ": gradient of the gradient");
                }
            }
        }
    }

    /** NaN where PyTorch has NaN; elsewhere within rounding of PyTorch's value. */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + " at " + i + ": " + actual[i] + ", PyTorch NaN");
            } else {
                assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), what + " at " + i);
            }
        }
    }
}
