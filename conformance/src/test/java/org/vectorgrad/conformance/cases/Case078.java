package org.vectorgrad.conformance.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 078_grad_index_slice: select / slice / advanced indexing (repeated indices accumulate) / boolean mask. */
public class Case078 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(1.0, 7.0, 1.0).reshape(2, 3).requiresGrad_(true);
        Tensor a = x.select(0, 1);                                   // x[1]
        Tensor b = x.slice(1, 1, 3);                                 // x[:, 1:3]
        Tensor c = x.select(0, 0).slice(0, 0, Long.MAX_VALUE, 2);    // x[0, ::2]
        Tensor d = x.index(Tensor.of(0L, 0L, 1L));                   // x[[0, 0, 1]]
        Tensor e = x.index(x.gt(3));                                 // x[x > 3]
        Tensor f = x.select(0, 1).select(0, 2);                      // x[1, 2]
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("x[1]", a);
        named.put("x[:,1:3]", b);
        named.put("x[0,::2]", c);
        named.put("x[[0,0,1]]", d);
        named.put("x[x>3]", e);
        named.put("x[1,2]", f);
        named.forEach(r::ag);
        a.sum().backward();
        r.show("grad x[1]", x.grad());
        x.setGrad(null);
        b.sum().backward();
        r.show("grad x[:,1:3]", x.grad());
        x.setGrad(null);
        c.sum().backward();
        r.show("grad x[0,::2]", x.grad());
        x.setGrad(null);
        d.sum().backward();
        r.show("grad x[[0,0,1]]", x.grad());
        x.setGrad(null);
        e.sum().backward();
        r.show("grad x[x>3]", x.grad());
        x.setGrad(null);
        f.backward();
        r.show("grad x[1,2]", x.grad());
        x.setGrad(null);
        Tensor i = Tensor.of(2L, 0L, 2L);
        x.select(0, 0).index(i).sum().backward();
        r.show("grad x[0][[2,0,2]]", x.grad());
        r.show("x[x>3]", e);
    }
}
