package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 018_repr_summarize_1d: more than 1000 elements print as 3 edge items each side of " ...". */
public class Case018 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        String r1000 = Tensor.arange(1000.).toString();
        String[] lines = r1000.split("\n");
        r.print("arange(1000.) not summarized: " + Py.repr(!r1000.contains("...")) + ", lines=" + lines.length);
        r.print("first line: " + lines[0]);
        r.print("last line: " + lines[lines.length - 1]);
        r.show("arange1001", Tensor.arange(1001.));
        r.show("arange2000_int", Tensor.arange(2000));
        r.show("ones1001_req", Tensor.ones(1001).requiresGrad_(true));
        r.show("randn_2000_f64", Tensor.linspace(DType.FLOAT64, -1, 1, 2001));
    }
}
