package org.vectorgrad.nn;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.init}: in-place initialisers, unrecorded (as under {@code torch.no_grad()}),
 * drawing from the global generator exactly as PyTorch does, so seeded models match.
 *
 * <pre>{@code
 * Init.xavierUniform_(linear.weight);
 * Init.zeros_(linear.bias);
 * }</pre>
 */
public final class Init {
    private Init() {
    }

    public static Tensor uniform_(Tensor t, double a, double b) {
        try (var g = Autograd.noGrad()) {
            return t.uniform_(a, b);
        }
    }

    public static Tensor normal_(Tensor t, double mean, double std) {
        try (var g = Autograd.noGrad()) {
            return t.normal_(mean, std);
        }
    }

    public static Tensor constant_(Tensor t, double value) {
        try (var g = Autograd.noGrad()) {
            return t.fill_(value);
        }
    }

    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /** {@code nn.init.eye_}: the identity in a 2-D tensor. */
    public static Tensor eye_(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported");
        }
        try (var g = Autograd.noGrad()) {
            return t.copy_(Tensor.eye(t.size(0), t.size(1)));
        }
    }

    /**
     * {@code nn.init.calculate_gain(nonlinearity, param)}: 1 for linear/conv/sigmoid, 5/3 for tanh,
     * sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for leaky_relu (slope 0.01 by default), 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, Double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> Math.sqrt(2.0 / (1 + Math.pow(param == null ? 0.01 : param, 2)));
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        };
    }

    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1);
    }

    /** {@code nn.init.xavier_uniform_}: U(-a, a) with {@code a = gain * sqrt(6 / (fan_in + fan_out))}. */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        double std = gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t)));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a);
    }

    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1);
    }

    /** {@code nn.init.xavier_normal_}: N(0, gain * sqrt(2 / (fan_in + fan_out))). */
    public static Tensor xavierNormal_(Tensor t, double gain) {
        return normal_(t, 0, gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t))));
    }

    /** {@code nn.init.kaiming_uniform_(t, a)} with mode fan_in and leaky_relu, PyTorch's defaults. */
    public static Tensor kaimingUniform_(Tensor t, double a) {
        return kaimingUniform_(t, a, "fan_in", "leaky_relu");
    }

    /** {@code nn.init.kaiming_uniform_}: U(-b, b), {@code b = sqrt(3) * gain / sqrt(fan)}. */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) {
            return t;
        }
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound);
    }

    /** {@code nn.init.kaiming_normal_}: N(0, gain / sqrt(fan)). */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) {
            return t;
        }
        return normal_(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)));
    }

    private static long fan(Tensor t, String mode) {
        return switch (mode) {
            case "fan_in" -> fanIn(t);
            case "fan_out" -> fanOut(t);
            default -> throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of fan_in, fan_out");
        };
    }

    /** {@code size(1) * receptive field}, as {@code _calculate_fan_in_and_fan_out}. */
    static long fanIn(Tensor t) {
        checkFan(t);
        return t.size(1) * receptiveField(t);
    }

    static long fanOut(Tensor t) {
        checkFan(t);
        return t.size(0) * receptiveField(t);
    }

    private static long receptiveField(Tensor t) {
        long r = 1;
        for (int d = 2; d < t.dim(); d++) {
            r *= t.size(d);
        }
        return r;
    }

    private static void checkFan(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
    }
}
