package org.vectorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Tensor;

/** Module's bookkeeping against PyTorch 1.13's printed results for the same program (in the comments). */
class ModuleTest {
    /** class Net(nn.Module): body = Sequential(Linear(2, 2), ReLU()); head = Linear(2, 1, bias=False); buffer scale = ones(1) */
    static final class Net extends Module {
        final Sequential body = registerModule("body", new Sequential(new Linear(2, 2), new ReLU()));
        final Linear head = registerModule("head", new Linear(2, 1, false));
        final Tensor scale = registerBuffer("scale", Tensor.ones(1));

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(body.forward(x)).mul(scale);
        }
    }

    @Test
    void reprKeysAndTraversalFollowPyTorch() {
        Net n = new Net();
        assertEquals("""
                Net(
                  (body): Sequential(
                    (0): Linear(in_features=2, out_features=2, bias=True)
                    (1): ReLU()
                  )
                  (head): Linear(in_features=2, out_features=1, bias=False)
                )""", n.toString());
        assertEquals(List.of("scale", "body.0.weight", "body.0.bias", "head.weight"), List.copyOf(n.stateDict().keySet()));
        assertEquals(List.of("", "body", "body.0", "body.1", "head"), List.copyOf(n.namedModules().keySet()));
        assertEquals(List.of("Net", "Sequential", "Linear", "ReLU", "Linear"),
                n.modules().stream().map(m -> m.getClass().getSimpleName()).toList());
        assertEquals("Parameter containing:\ntensor([0., 0.], requires_grad=True)", Parameter.of(Tensor.zeros(2)).toString());
    }

    @Test
    void loadStateDictReportsMissingAndUnexpectedKeys() {
        Net n = new Net();
        Map<String, Tensor> sd = new LinkedHashMap<>(n.stateDict());
        sd.put("extra.w", Tensor.zeros(1));
        sd.remove("scale");
        Exception e = assertThrows(IllegalStateException.class, () -> n.loadStateDict(sd));
        assertEquals("Error(s) in loading state_dict for Net:\n\tMissing key(s) in state_dict: \"scale\". \n"
                + "\tUnexpected key(s) in state_dict: \"extra.w\". ", e.getMessage());
        assertEquals("_IncompatibleKeys(missing_keys=['scale'], unexpected_keys=['extra.w'])", n.loadStateDict(sd, false).toString());
        assertEquals("<All keys matched successfully>", n.loadStateDict(n.stateDict()).toString());
    }

    @Test
    void zeroGradKeepsZeroedGradientsAsPyTorch113() {
        Net n = new Net();
        n.forward(Tensor.ones(3, 2)).sum().backward();
        n.zeroGrad();
        assertEquals("tensor([[0., 0.]])", n.head.weight.grad().toString());
        n.zeroGrad(true);
        assertNull(n.head.weight.grad());
    }

    @Test
    void registrationChecksNamesAndTypes() {
        Module m = new Module() {
            {
                registerParameter("w", Parameter.of(Tensor.zeros(1)));
                assertThrows(IllegalArgumentException.class, () -> registerBuffer("w", Tensor.zeros(1)));
                assertThrows(IllegalArgumentException.class, () -> registerModule("a.b", new ReLU()));
                Exception e = assertThrows(IllegalArgumentException.class, () -> registerParameter("v", Tensor.zeros(1)));
                assertEquals("cannot assign 'torch.FloatTensor' object to parameter 'v' (torch.nn.Parameter or None required)",
                        e.getMessage());
            }
        };
        assertEquals(1, m.parameters().size());
        // apply visits each module's children before the module itself, as PyTorch's
        List<String> order = new java.util.ArrayList<>();
        new Net().apply(x -> order.add(x.getClass().getSimpleName()));
        assertEquals(List.of("Linear", "ReLU", "Sequential", "Linear", "Net"), order);
    }
}
