package org.vectorgrad.conformance.cases;

import java.util.ArrayList;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.nn.Dropout;
import org.vectorgrad.nn.Embedding;
import org.vectorgrad.nn.F;
import org.vectorgrad.nn.Flatten;
import org.vectorgrad.nn.GELU;
import org.vectorgrad.nn.LayerNorm;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.LogSoftmax;
import org.vectorgrad.nn.Module;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.nn.SiLU;
import org.vectorgrad.nn.Softmax;

/** 251_module_repr_and_layers (own): module reprs, train/eval, Dropout, Embedding, LayerNorm, SiLU, GELU(tanh). */
public class Case251 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Sequential model = new Sequential(new Flatten(), new Linear(6, 4), new LayerNorm(4), new SiLU(), new Dropout(0.25),
                new Linear(4, 3), new GELU("tanh"), new LogSoftmax(1));
        r.print(model);
        r.show("training", model.isTraining());
        Tensor x = Tensor.randn(5, 2, 3);
        r.show("train_out", model.forward(x));
        model.eval();
        r.show("eval_flags", model.modules().stream().map(Module::isTraining).toList());
        r.show("eval_out", model.forward(x));
        r.show("eval_again_equal", model.forward(x).equal(model.forward(x)));
        Embedding emb = new Embedding(5, 3, 1);
        r.print(emb);
        r.show("emb_weight", emb.weight);
        Tensor e = emb.forward(Tensor.of(new long[][] {{0, 1}, {4, 1}}));
        r.show("emb_out", e);
        e.sum().backward();
        r.show("emb_grad", emb.weight.grad());
        LayerNorm ln = new LayerNorm(2, 3);
        r.print(ln);
        Tensor z = Tensor.randn(2, 2, 3).requiresGrad_(true);
        Tensor out = ln.forward(z);
        r.show("ln_out", out);
        out.mul(Tensor.arange(12.).view(2, 2, 3)).sum().backward();
        r.show("ln_grad", z.grad());
        r.show("ln_weight_grad", ln.weight.grad());
        r.show("silu", F.silu(Tensor.of(-2., 0., 3.).requiresGrad_(true)));
        r.show("gelu_tanh", F.gelu(Tensor.of(-2., 0.5, 3.).requiresGrad_(true), "tanh"));
        Dropout d = new Dropout(0.5);
        r.show("dropout_train", d.forward(Tensor.ones(12)));
        r.show("softmax_module", new Softmax(0).forward(Tensor.of(1., 2.)));
        r.show("num_children", model.children().size());
        r.show("named_params", new ArrayList<>(model.namedParameters().keySet()));
    }
}
