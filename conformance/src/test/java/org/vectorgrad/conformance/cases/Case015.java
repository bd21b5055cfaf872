package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 015_repr_3d_4d: a blank line between 2-D blocks, two between 3-D blocks, deeper indentation. */
public class Case015 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("3d", Tensor.arange(24.).reshape(2, 3, 4));
        r.show("3d_int", Tensor.arange(8).reshape(2, 2, 2));
        r.show("4d", Tensor.arange(8.).reshape(2, 1, 2, 2));
        r.show("3d_single", Tensor.zeros(1, 1, 1));
        r.show("3d_req", Tensor.ones(2, 1, 2).requiresGrad_(true));
    }
}
