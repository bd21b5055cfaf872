package org.vectorgrad.conformance.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 081_grad_unsqueeze_squeeze: gradients through unsqueeze / squeeze / narrow / select: names and grad shapes. */
public class Case081 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}}).requiresGrad_(true);
        Tensor u = x.unsqueeze(0);
        Tensor s = x.squeeze();
        Tensor s0 = x.squeeze(0);
        Tensor n = x.narrow(1, 1, 2);
        Tensor sel = x.select(1, 0);
        Map<String, Tensor> named = new LinkedHashMap<>();
        named.put("unsqueeze(0)", u);
        named.put("squeeze()", s);
        named.put("squeeze(0)", s0);
        named.put("narrow", n);
        named.put("select", sel);
        named.forEach(r::ag);
        s.mul(Tensor.of(1., 2., 3.)).sum().backward();
        r.show("x.grad via squeeze", x.grad());
        r.show("x.grad.shape", Py.size(x.grad().shape()));
        x.setGrad(null);
        n.sum().backward();
        r.show("x.grad via narrow", x.grad());
    }
}
