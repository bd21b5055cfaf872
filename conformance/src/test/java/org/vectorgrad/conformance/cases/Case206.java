package org.vectorgrad.conformance.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.ReLU;
import org.vectorgrad.nn.Sequential;

/** 206_state_dict_roundtrip: keys in registration order, load_state_dict into a fresh model, strict errors. */
public class Case206 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Sequential a = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        Map<String, Tensor> sd = a.stateDict();
        r.show("keys", new ArrayList<>(sd.keySet()));
        r.show("shapes", sd.values().stream().map(v -> Py.tuple(v.shape())).toList());
        Tensor.manualSeed(5);
        Sequential b = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        Tensor x = Tensor.randn(2, 3);
        r.show("before", a.forward(x).equal(b.forward(x)));
        b.loadStateDict(sd);
        r.show("after", a.forward(x).equal(b.forward(x)));
        Map<String, Tensor> bad = new LinkedHashMap<>(sd);
        bad.remove("2.bias");
        r.err("missing", () -> b.loadStateDict(bad));
        Map<String, Tensor> bad2 = new LinkedHashMap<>(sd);
        bad2.put("0.weight", Tensor.zeros(5, 3));
        r.err("shape", () -> b.loadStateDict(bad2));
        r.show("num_params", a.parameters().stream().mapToLong(Tensor::numel).sum());
    }
}
