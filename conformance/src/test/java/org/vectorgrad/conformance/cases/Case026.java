package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 026_create_factories: zeros / ones / full / arange / eye / linspace shapes, dtypes and values. */
public class Case026 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("zeros(3)", Tensor.zeros(3));
        r.show("zeros((10,1)).shape", Py.size(Tensor.zeros(10, 1).shape()));
        r.show("zeros(2,3)", Tensor.zeros(2, 3));
        r.show("ones(2,2,req)", Tensor.ones(2, 2).requiresGrad_(true));
        r.show("ones_f64", Tensor.ones(DType.FLOAT64, 2));
        r.show("full", Tensor.full(7., 2, 2));
        r.show("full_int", Tensor.full(7, 2));
        r.show("arange(4)", Tensor.arange(4));
        r.show("arange(4.0)", Tensor.arange(4.0));
        r.show("arange(4.0,req)", Tensor.arange(4.0).requiresGrad_(true));
        r.show("arange(0,1,0.25)", Tensor.arange(0, 1, 0.25));
        r.show("arange(1,10,3)", Tensor.arange(1, 10, 3));
        r.show("arange(-1,-6,-1)", Tensor.arange(-1, -6, -1));
        r.show("arange(0,1,0.1)", Tensor.arange(0, 1, 0.1));
        r.show("arange(0,1,0.1).numel", Tensor.arange(0, 1, 0.1).numel());
        r.show("linspace", Tensor.linspace(0, 1, 5));
        r.show("eye", Tensor.eye(3));
        r.show("zeros_like", Tensor.ones(DType.FLOAT64, 2).zerosLike());
        r.show("ones_like_req", Tensor.ones(2).requiresGrad_(true).onesLike());
        r.show("rand_shape_dtype", Py.tuple(Py.size(Tensor.rand(2, 3).shape()), Tensor.rand(2, 3).dtype()));
        r.show("randn_f64_dtype", Tensor.randn(DType.FLOAT64, 2).dtype());
    }
}
