package org.vectorgrad.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.vectorgrad.Tensor;

/**
 * A training program users write, one step at a time, with its PyTorch twin in
 * {@code bench/python/NAME.py}. It runs three ways: by its {@code main} as a whole program (printing
 * {@code t loss} every 100 steps as the PyTorch script does, so the two outputs can be compared),
 * by JMH one step at a time ({@link EndToEndBenchmark}), and in fresh JVMs by the suite
 * ({@code Programs}) for the first 100 steps and the whole program's wall time.
 */
public interface Program {
    /** One training step; returns the loss (computed before the update). */
    Tensor step();

    /** What a finished program prints after its losses (PyTorch's last line), or nothing. */
    default String result() {
        return "";
    }

    /**
     * Runs {@code steps} steps of a program, printing the losses to {@code out} and one timing line
     * to {@code timing}: {@code first100_ns=N steady_ns=M} where M is the median time per step of the
     * 100-step blocks after the first 500 steps (the same measure {@code bench/python/programs.py}
     * prints).
     */
    static void run(Supplier<Program> make, int steps, PrintStream out, PrintStream timing) {
        Program p = make.get();
        long[] blocks = new long[(steps + 99) / 100];
        long start = System.nanoTime();
        long blockStart = start;
        for (int t = 0; t < steps; t++) {
            Tensor loss = p.step();
            if (t % 100 == 99) {
                long now = System.nanoTime();
                blocks[t / 100] = now - blockStart;
                out.println(t + " " + loss.item());
                blockStart = System.nanoTime();
            }
        }
        String result = p.result();
        if (!result.isEmpty()) {
            out.println(result);
        }
        out.flush();
        long[] steady = Arrays.stream(blocks, Math.min(5, blocks.length), blocks.length).filter(b -> b > 0).sorted().toArray();
        timing.printf(Locale.ROOT, "timing: first100_ns=%d steady_ns=%.0f%n", blocks.length > 0 ? blocks[0] : 0,
                steady.length == 0 ? Double.NaN : steady[steady.length / 2] / 100.0);
    }

    /** {@code [--steps N]}, default {@code steps}. */
    static int steps(String[] args, int steps) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--steps")) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return steps;
    }

    /**
     * Null when two outputs of a program print the same lines with every number equal to 4
     * significant digits (relative difference at most 5e-4), else the first line that differs.
     */
    static String differenceBeyond4Digits(String output, String reference) {
        List<String> a = output.strip().lines().toList();
        List<String> b = reference.strip().lines().toList();
        if (a.size() != b.size()) {
            return a.size() + " lines, the reference has " + b.size();
        }
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).trim().split("\\s+");
            String[] y = b.get(i).trim().split("\\s+");
            boolean same = x.length == y.length;
            for (int j = 0; same && j < x.length; j++) {
                Double u = number(x[j]);
                Double v = number(y[j]);
                same = u == null || v == null ? x[j].equals(y[j])
                        : Math.abs(u - v) <= 5e-4 * Math.max(Math.abs(u), Math.abs(v)) || u.equals(v);
            }
            if (!same) {
                return "line " + (i + 1) + ": '" + a.get(i) + "', the reference: '" + b.get(i) + "'";
            }
        }
        return null;
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
