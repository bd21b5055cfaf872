package org.vectorgrad.conformance;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Prints a digest of the exact bits of reductions, products and a short training run, once cold
 * (the first calls run in the interpreter) and once after enough repetitions for C2 to compile the
 * kernels. {@link ReproducibilityTest} runs it in fresh JVMs with different JIT settings and compares.
 * Usage: {@code ReproducibilityProbe <backend> <warm-up rounds>}.
 */
public final class ReproducibilityProbe {
    private ReproducibilityProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[1]);
        try (var scope = Backends.use(args[0])) {
            System.out.println("cold " + digest(results()));
            Map<String, String> small = null;
            for (int i = 0; i < rounds; i++) {
                results();
                for (int k = 0; k < 50; k++) {
                    small = smallResults();
                }
            }
            System.out.println("warm " + digest(results()));
            System.out.println("small " + digest(small));
        }
    }

    /** Label -> hex digest of the result's bits, in a fixed order. */
    static Map<String, String> results() {
        Map<String, String> r = new LinkedHashMap<>();
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            String p = t == DType.FLOAT32 ? "f32 " : "f64 ";
            Tensor x = random(t, 1, 100_003);
            Tensor big = random(t, 2, (1 << 20) + 5);   // above the threshold that splits a sum across threads
            Tensor m = random(t, 3, 257 * 389).view(257, 389);
            Tensor a = random(t, 4, 128 * 160).view(128, 160);   // above GEMM's direct path: packed panels
            Tensor b = random(t, 5, 160 * 96).view(160, 96);
            put(r, p + "sum", x::sum);
            put(r, p + "sum big", big::sum);
            put(r, p + "mean", x::mean);
            put(r, p + "norm", x::norm);
            put(r, p + "dot", () -> x.dot(x));
            put(r, p + "dot strided", () -> x.slice(0, 0, 99_999, 3).dot(x.slice(0, 1, 100_000, 3)));
            put(r, p + "prod", () -> x.slice(0, 0, 4000).mul(0.001).add(1.0).prod());
            put(r, p + "max", x::max);
            put(r, p + "argmax", x::argmax);
            put(r, p + "sum rows", () -> m.sum(1));
            put(r, p + "sum cols", () -> m.sum(0));
            put(r, p + "sum transposed", () -> m.t().sum(1));
            put(r, p + "matmul", () -> a.matmul(b));
            put(r, p + "matmul transposed", () -> b.t().matmul(a.t()));
            put(r, p + "mv", () -> a.matmul(b.select(1, 7)));
            transcendentals(r, p, t, 20_003);
        }
        put(r, "f32 training", () -> train(20));
        return r;
    }

    /**
     * Short rows: a kernel called 20,000 times on a few vectors gets compiled by C2 too. The maps run on
     * 1,003 elements, so that 1,000 calls take each kernel past C2's compile threshold (invocations plus
     * loop iterations).
     */
    static Map<String, String> smallResults() {
        Map<String, String> r = new LinkedHashMap<>();
        Tensor x = random(DType.FLOAT32, 6, 37);
        put(r, "small sum", x::sum);
        put(r, "small dot", () -> x.dot(x));
        put(r, "small norm", x::norm);
        put(r, "small prod", x::prod);
        transcendentals(r, "small f32 ", DType.FLOAT32, 1_003);
        transcendentals(r, "small f64 ", DType.FLOAT64, 1_003);
        return r;
    }

    /**
     * Every transcendental map, pow with an exponent tensor included, on n elements in [-10, 10] (log and
     * pow of their absolute values, exponents in [-3, 3]): they once used the Vector API's
     * {@code lanewise(EXP ...)}, whose last bits changed when C2 compiled the kernel.
     */
    private static void transcendentals(Map<String, String> r, String p, DType t, int n) {
        Tensor u = random(t, 11, n).mul(10);
        Tensor positive = u.abs();
        Tensor exponent = random(t, 12, n).mul(3);
        put(r, p + "exp", u::exp);
        put(r, p + "log", positive::log);
        put(r, p + "sin", u::sin);
        put(r, p + "cos", u::cos);
        put(r, p + "tan", u::tan);
        put(r, p + "tanh", u::tanh);
        put(r, p + "sigmoid", u::sigmoid);
        put(r, p + "pow", () -> positive.pow(exponent));
    }

    /** A two-layer relu network trained by SGD on fixed data; returns its last weights. */
    static Tensor train(int steps) {
        Tensor x = random(DType.FLOAT32, 7, 64 * 16).view(64, 16);
        Tensor y = random(DType.FLOAT32, 8, 64 * 4).view(64, 4);
        Tensor w1 = random(DType.FLOAT32, 9, 16 * 32).view(16, 32).mul(0.25).requiresGrad_(true);
        Tensor w2 = random(DType.FLOAT32, 10, 32 * 4).view(32, 4).mul(0.2).requiresGrad_(true);
        for (int s = 0; s < steps; s++) {
            Tensor d = x.matmul(w1).relu().matmul(w2).sub(y);
            d.mul(d).mean().backward();
            try (var g = Autograd.noGrad()) {
                w1.sub_(w1.grad().mul(0.1));
                w2.sub_(w2.grad().mul(0.1));
            }
            w1.setGrad(null);
            w2.setGrad(null);
        }
        return w2.detach().flatten();
    }

    private static Tensor random(DType t, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Tensor.of(v, t);
    }

    private static void put(Map<String, String> r, String label, Supplier<Tensor> f) {
        Tensor t = f.get();
        StringBuilder bits = new StringBuilder();
        for (double d : t.to(DType.FLOAT64).flatten().toDoubleArray()) {
            bits.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(',');
        }
        r.put(label, sha(bits.toString()).substring(0, 12));
    }

    static String digest(Map<String, String> r) {
        return r.toString();
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
