package org.vectorgrad.nn;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.Embedding(num, dim, padding_idx)}: a (num, dim) table of rows picked by integer
 * indices, initialised N(0, 1); the padding row starts at zero and gets no gradient.
 *
 * <pre>{@code
 * Embedding emb = new Embedding(10, 3);
 * emb.forward(Tensor.of(1L, 4L));   // shape (2, 3)
 * }</pre>
 */
public class Embedding extends Module {
    public final long numEmbeddings;
    public final long embeddingDim;
    /** -1 for none. */
    public final long paddingIdx;
    public final Tensor weight;

    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, -1);
    }

    /** A negative paddingIdx counts from the end, as in PyTorch; pass {@link #NO_PADDING} for none. */
    public Embedding(long numEmbeddings, long embeddingDim, long paddingIdx) {
        if (paddingIdx != NO_PADDING && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)) {
            throw new IllegalArgumentException(paddingIdx >= 0 ? "Padding_idx must be within num_embeddings"
                    : "Padding_idx must be within num_embeddings");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == NO_PADDING ? -1 : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        this.weight = registerParameter("weight", Parameter.of(Tensor.zeros(numEmbeddings, embeddingDim)));
        Init.normal_(weight, 0, 1);
        if (this.paddingIdx >= 0) {
            try (var g = Autograd.noGrad()) {
                weight.select(0, this.paddingIdx).fill_(0);
            }
        }
    }

    /** Marks "no padding index" where a negative index would count from the end. */
    public static final long NO_PADDING = Long.MIN_VALUE;

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight, paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", padding_idx=" + paddingIdx : "");
    }
}
