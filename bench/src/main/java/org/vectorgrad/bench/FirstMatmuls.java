package org.vectorgrad.bench;

import java.util.Arrays;
import java.util.Locale;
import org.vectorgrad.Tensor;

/**
 * Warm-up of matrix products as a program meets it: in a fresh JVM, the time of each of the first
 * 12 {@code a.matmul(b)} calls on {@code n x n} float32 tensors (default 256), against the steady
 * state (median of calls 300 to 400). Run it several times, each a new JVM:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.vectorgrad.bench.FirstMatmuls [--n 256] [--after-mlp 2000]
 * </pre>
 *
 * <p>With {@code --after-mlp S} it first trains {@link TwoLayerMlp} for S steps, so that the products
 * of the small model's shapes are compiled: the 256^3 calls then measure what a new, larger shape
 * costs in a JVM that is already warm, rather than the JVM's own start.
 *
 * It prints one line per call ({@code call i: µs, GFLOP/s}) and a summary line
 * {@code timing: first12_ns=F steady_ns=S first12_gflops=.. steady_gflops=.. ratio=F/S} (ns per call: the
 * mean of the first 12, the median of the steady ones); the target is a ratio of at most 2.
 */
public final class FirstMatmuls {
    private static final int FIRST = 12;
    private static final int STEADY_FROM = 300;
    private static final int STEADY_TO = 400;

    private FirstMatmuls() {
    }

    public static void main(String[] args) {
        int n = 256;
        int mlpSteps = 0;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--n")) {
                n = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--after-mlp")) {
                mlpSteps = Integer.parseInt(args[i + 1]);
            }
        }
        Program mlp = mlpSteps > 0 ? new TwoLayerMlp() : null;
        for (int t = 0; t < mlpSteps; t++) {
            mlp.step();
        }
        Tensor.manualSeed(0);
        Tensor a = Tensor.randn(n, n);
        Tensor b = Tensor.randn(n, n);
        double flops = 2.0 * n * n * n;
        long[] ns = new long[STEADY_TO];
        for (int i = 0; i < STEADY_TO; i++) {
            long t0 = System.nanoTime();
            Tensor c = a.matmul(b);
            ns[i] = System.nanoTime() - t0;
            if (c.numel() != (long) n * n) {
                throw new AssertionError("wrong result shape");
            }
        }
        long first = 0;
        for (int i = 0; i < FIRST; i++) {
            first += ns[i];
            System.out.printf(Locale.ROOT, "call %2d: %9.1f us  %6.1f GFLOP/s%n", i + 1, ns[i] / 1e3, flops / ns[i]);
        }
        long[] steady = Arrays.copyOfRange(ns, STEADY_FROM, STEADY_TO);
        Arrays.sort(steady);
        double firstRate = flops * FIRST / first;
        double steadyRate = flops / steady[steady.length / 2];
        System.out.printf(Locale.ROOT, "timing: first12_ns=%.0f steady_ns=%d first12_gflops=%.1f steady_gflops=%.1f ratio=%.2f%n",
                (double) first / FIRST, steady[steady.length / 2], firstRate, steadyRate, steadyRate / firstRate);
    }
}
