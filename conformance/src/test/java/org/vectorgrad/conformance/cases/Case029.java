package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 029_rng_seed0: exact rand / randn values after manualSeed(0), as PyTorch's CPU mt19937 stream. */
public class Case029 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor.manualSeed(0);
        r.exact("rand(5)", Tensor.rand(5));
        Tensor.manualSeed(0);
        r.exact("randn(5)", Tensor.randn(5));
        Tensor.manualSeed(0);
        r.exact("randn(2,2)", Tensor.randn(2, 2));
        Tensor.manualSeed(0);
        r.exact("randn(16)", Tensor.randn(16));
        Tensor.manualSeed(0);
        r.exact("rand(3) then randn(3)", Tensor.cat(0, Tensor.rand(3), Tensor.randn(3)));
        Tensor.manualSeed(0);
        r.exact("rand(2,f64)", Tensor.rand(DType.FLOAT64, 2));
        Tensor.manualSeed(0);
        r.exact("randn(3,f64)", Tensor.randn(DType.FLOAT64, 3));
        Tensor.manualSeed(0);
        Tensor a = Tensor.rand(3);
        Tensor.manualSeed(0);
        Tensor b = Tensor.rand(3);
        r.show("reseed_reproduces", a.equal(b));
        Tensor.manualSeed(0);
        r.show("rand(4)", Tensor.rand(4));
    }
}
