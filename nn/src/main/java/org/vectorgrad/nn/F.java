package org.vectorgrad.nn;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import org.vectorgrad.Functional;
import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.functional}: the layers and losses as functions, with PyTorch's defaults and
 * argument checks. Reductions are PyTorch's strings {@code "mean"} (the default), {@code "sum"}
 * and {@code "none"}.
 *
 * <pre>{@code
 * Tensor loss = F.crossEntropy(logits, targets);          // F.cross_entropy(logits, targets)
 * Tensor l2 = F.mseLoss(prediction, y, "sum");            // F.mse_loss(prediction, y, reduction="sum")
 * }</pre>
 */
public final class F {
    private static final System.Logger LOG = System.getLogger("org.vectorgrad");

    private F() {
    }

    // ---------------------------------------------------------------- layers

    /**
     * {@code F.linear(x, W, b)}: {@code x W^T + b}. A matrix input with a bias is one addmm
     * (AddmmBackward0), as in PyTorch; other ranks are a matmul and an add.
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (input.dim() == 2 && bias != null) {
            return bias.addmm(input, weight.t());
        }
        Tensor out = input.matmul(weight.t());
        return bias == null ? out : out.add(bias);
    }

    public static Tensor relu(Tensor input) {
        return input.relu();
    }

    /**
     * {@code F.gelu(x)}: {@code x * 0.5 * (1 + erf(x / sqrt(2)))}, PyTorch's default.
     * {@code F.gelu(Tensor.of(1.0f))} is {@code tensor(0.8413)}.
     */
    public static Tensor gelu(Tensor input) {
        return gelu(input, "none");
    }

    /** {@code F.gelu(x, approximate)}: {@code "none"} (the erf form) or {@code "tanh"} (see {@link GELU}). */
    public static Tensor gelu(Tensor input, String approximate) {
        return Functional.gelu(input, approximate);
    }

    public static Tensor silu(Tensor input) {
        return Functional.silu(input);
    }

    public static Tensor softmax(Tensor input, int dim) {
        return input.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor input, int dim) {
        return input.logSoftmax(dim);
    }

    /**
     * {@code F.dropout(x, p, training)}: in training, {@code x * mask / (1 - p)} with a Bernoulli
     * mask drawn as PyTorch's CPU kernel draws it; otherwise x itself.
     */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        checkDropout(p);
        if (!training || p == 0 || input.numel() == 0) {
            return input;
        }
        if (p == 1) {
            return input.mul(Tensor.zeros(input.dtype()));
        }
        Tensor noise = input.fullLike(0).bernoulli_(1 - p);
        noise.div_(1 - p);
        return input.mul(noise);
    }

    static void checkDropout(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Py.num(p));
        }
    }

    /** {@code F.embedding(indices, weight, padding_idx)}; paddingIdx -1 for none. */
    public static Tensor embedding(Tensor input, Tensor weight, long paddingIdx) {
        return Functional.embedding(weight, input, paddingIdx);
    }

    public static Tensor embedding(Tensor input, Tensor weight) {
        return embedding(input, weight, -1);
    }

    /** {@code F.layer_norm(x, normalized_shape, weight, bias, eps)}; weight and bias may be null. */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Functional.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    // ---------------------------------------------------------------- losses

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, "mean");
    }

    /** {@code F.mse_loss}: warns, as PyTorch, when the shapes differ (they are broadcast). */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        warnIfSizesDiffer(input, target);
        return Functional.mseLoss(input, target, reduction);
    }

    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, "mean");
    }

    /** {@code F.l1_loss}: {@code |input - target|} reduced (composite in PyTorch too: MeanBackward0). */
    public static Tensor l1Loss(Tensor input, Tensor target, String reduction) {
        warnIfSizesDiffer(input, target);
        int r = reductionCode(reduction);
        Tensor d = input.sub(target).abs();
        return r == 0 ? d : r == 1 ? d.mean() : d.sum();
    }

    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, -100, "mean", 0);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target, String reduction) {
        return crossEntropy(input, target, null, -100, reduction, 0);
    }

    /**
     * {@code F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)}:
     * input (N, C, ...) or (C) of logits; target int64 class indices (N, ...) or floating class
     * probabilities of input's shape.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction,
                                      double labelSmoothing) {
        int red = reductionCode(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + Py.num(labelSmoothing));
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        Tensor logp = input.logSoftmax(classDim);
        long classes = input.size(classDim);
        if (target.dtype().isFloatingPoint()) {
            if (!Arrays.equals(input.shape(), target.shape())) {
                throw new IllegalArgumentException("Expected target size " + Arrays.toString(input.shape()).replace(" ", "")
                        + ", got " + Arrays.toString(target.shape()).replace(" ", ""));
            }
            Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
            Tensor prod = logp.mul(t);
            if (weight != null) {
                prod = prod.mul(classWeights(weight, input, classDim));
            }
            return switch (red) {
                case 0 -> prod.sum(classDim).neg();
                case 1 -> Functional.divScalar(prod.sum().neg(), (double) (input.numel() / classes));
                default -> prod.sum().neg();
            };
        }
        Tensor nll = Functional.nllLoss(logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) {
            return nll;
        }
        Tensor smooth = weight == null ? logp.sum(classDim).neg() : logp.mul(classWeights(weight, input, classDim)).sum(classDim).neg();
        Tensor kept = target.ne(ignoreIndex);
        smooth = Tensor.where(kept, smooth, smooth.zerosLike());
        Tensor ret = switch (red) {
            case 0 -> smooth;
            case 1 -> weight == null ? smooth.sum().div(kept.sum()) : smooth.sum().div(
                    weight.index(Tensor.where(kept, target, target.zerosLike()).flatten()).mul(kept.flatten().to(weight.dtype())).sum());
            default -> smooth.sum();
        };
        return nll.mul(1 - labelSmoothing).add(ret.mul(labelSmoothing / classes));
    }

    /** weight (C) shaped to broadcast along the class dim of input. */
    private static Tensor classWeights(Tensor weight, Tensor input, int classDim) {
        long[] shape = new long[input.dim()];
        Arrays.fill(shape, 1);
        shape[classDim] = weight.numel();
        return weight.reshape(shape);
    }

    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, -100, "mean");
    }

    /** {@code F.nll_loss(input, target, weight, ignore_index, reduction)}. */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        return Functional.nllLoss(input, target, weight, ignoreIndex, reduction);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, "mean");
    }

    /** {@code F.binary_cross_entropy}: input probabilities; target and input of one shape; weight may be null. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        return Functional.binaryCrossEntropy(input, target, weight, reduction);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, "mean");
    }

    /** {@code F.binary_cross_entropy_with_logits}; weight and posWeight may be null. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      String reduction) {
        return Functional.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    /** 0 none, 1 mean, 2 sum; PyTorch's error for anything else. */
    static int reductionCode(String reduction) {
        return switch (reduction) {
            case "none" -> 0;
            case "mean" -> 1;
            case "sum" -> 2;
            default -> throw new IllegalArgumentException(reduction + " is not a valid value for reduction");
        };
    }

    private static void warnIfSizesDiffer(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            LOG.log(Level.WARNING, "Using a target size (" + Module.torchSize(target.shape()) + ") that is different to the input size ("
                    + Module.torchSize(input.shape()) + "). This will likely lead to incorrect results due to broadcasting. "
                    + "Please ensure they have the same size.");
        }
    }
}
