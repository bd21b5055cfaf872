package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 069_grad_max_min_dim: max(dim)/min(dim) give (values, indices); MaxBackward0; the gradient goes to the index only. */
public class Case069 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(new double[][] {{1, 7, 7}, {4, 2, 0}}).requiresGrad_(true);
        Tensor.ValuesIndices m = x.max(1);
        r.show("max(dim=1)", m);
        r.show("values", m.values());
        r.show("indices", m.indices());
        r.ag("values", m.values());
        m.values().sum().backward();
        r.show("x.grad", x.grad());
        x.setGrad(null);
        Tensor.ValuesIndices mn = x.min(0);
        Tensor v = mn.values();
        Tensor i = mn.indices();
        r.show("min(x,0) values", v);
        r.show("min(x,0) indices", i);
        r.ag("min values", v);
        v.sum().backward();
        r.show("x.grad from min(0)", x.grad());
        Tensor.ValuesIndices k = x.max(1, true);
        r.show("max(1,keepdim)", k);
        r.show("argmax(1)", x.argmax(1, false));
        r.show("amax(1)", x.amax(new int[] {1}, false));
    }
}
