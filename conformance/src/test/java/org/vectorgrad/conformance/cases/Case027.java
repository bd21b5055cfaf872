package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/**
 * 027_create_tensor_from_data: torch.tensor / torch.Tensor from Python scalars, lists and numpy arrays,
 * with dtype inference. Java arrays carry their element type, so the inference PyTorch does on Python
 * values happens here on the Java types: double gives float32, long / int give int64, boolean gives bool,
 * a mixed {@code Object[]} of boxed values the widest of them.
 */
public class Case027 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("tensor(4.3)", Tensor.of(4.3));
        r.show("tensor(4.3,double)", Tensor.of(4.3, DType.FLOAT64));
        r.show("tensor(5)", Tensor.of(5));
        r.show("tensor(5).dtype", Tensor.of(5).dtype());
        r.show("tensor(5,double)", Tensor.of(5, DType.FLOAT64));
        r.show("tensor(-5,double,req)", Tensor.of(-5, DType.FLOAT64).requiresGrad_(true));
        r.show("tensor(True)", Tensor.of(true));
        r.show("tensor([1,2])", Tensor.of(1, 2));
        r.show("tensor([1,2.5])", Tensor.fromNested(new Object[] {1, 2.5}));
        r.show("tensor([True,1])", Tensor.fromNested(new Object[] {true, 1}));
        r.show("tensor([[1,2],[3,4]])", Tensor.fromNested(new long[][] {{1, 2}, {3, 4}}));
        r.show("tensor([0.1,1.0,0.0001],float)", Tensor.of(new double[] {0.1, 1.0, 0.0001}, DType.FLOAT32));
        // torch.Tensor(data) is torch.tensor(data, dtype=torch.get_default_dtype()).
        r.show("Tensor([1,2])", Tensor.fromNested(new long[] {1, 2}, DType.getDefault()));
        r.show("Tensor([1,2]).dtype", Tensor.fromNested(new long[] {1, 2}, DType.getDefault()).dtype());
        // A numpy array keeps its dtype; Tensor.from keeps a double[]'s float64 (sharing the fresh array is unobservable).
        r.show("tensor(np f64)", Tensor.from(new double[] {1.5, 2.}));
        r.show("tensor(np int64)", Tensor.fromNested(new long[] {1, 2}));
        r.err("ragged", () -> Tensor.fromNested(new long[][] {{1, 2}, {3}}));
        Tensor t = Tensor.of(1., 2.);
        Tensor c = Tensor.fromNested(t);
        r.show("copy_construct", c);
        r.show("copy_construct_shares", c.sharesStorageWith(t));
    }
}
