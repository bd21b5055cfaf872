package org.vectorgrad.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.CrossEntropyLoss;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.ReLU;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.CosineAnnealingLR;
import org.vectorgrad.optim.LRScheduler;
import org.vectorgrad.optim.Optimizer;

/**
 * A classifier trained end to end, as the PyTorch tutorial after autograd: two interleaved
 * spirals generated in code, a {@link Sequential} MLP, {@link CrossEntropyLoss}, {@link Adam} and
 * a cosine learning-rate schedule. Prints loss and accuracy as it trains and writes an SVG of the
 * loss curve and the decision regions.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.vectorgrad.examples.SpiralClassifier [out.svg]
 * </pre>
 */
public final class SpiralClassifier {
    static final int POINTS_PER_CLASS = 200;
    static final int STEPS = 400;

    private SpiralClassifier() {
    }

    /** What training produced: the model, the loss per step and the final accuracy. */
    record Result(Sequential model, Tensor x, Tensor y, List<Double> losses, double accuracy) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "spirals.svg");
        Result r = train(true);
        Files.writeString(out, svg(r));
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** Two spirals of {@link #POINTS_PER_CLASS} points each: x (2n, 2) float32, labels (2n) int64. */
    static Tensor[] spirals() {
        Tensor t = Tensor.linspace(0.25, 1, POINTS_PER_CLASS);
        List<Tensor> xs = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Tensor angle = t.mul(4 * Math.PI).add(k * Math.PI).add(Tensor.randn(POINTS_PER_CLASS).mul(0.15));
            xs.add(Tensor.stack(1, t.mul(angle.cos()), t.mul(angle.sin())));
        }
        Tensor labels = Tensor.cat(0, Tensor.zeros(DType.INT64, POINTS_PER_CLASS), Tensor.ones(DType.INT64, POINTS_PER_CLASS));
        return new Tensor[] {Tensor.cat(0, xs.get(0), xs.get(1)), labels};
    }

    static Result train(boolean print) {
        Tensor.manualSeed(0);
        Tensor[] data = spirals();
        Tensor x = data[0];
        Tensor y = data[1];
        Sequential model = new Sequential(new Linear(2, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 2));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Optimizer opt = new Adam(model.parameters(), 0.01);
        LRScheduler schedule = new CosineAnnealingLR(opt, STEPS, 1e-4);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            opt.zeroGrad();
            Tensor logits = model.forward(x);
            Tensor loss = lossFn.forward(logits, y);
            loss.backward();
            opt.step();
            schedule.step();
            losses.add(loss.item());
            if (print && (step % 50 == 0 || step == STEPS - 1)) {
                System.out.printf(Locale.ROOT, "step %3d  loss %.4f  accuracy %.3f  lr %.5f%n", step, loss.item(),
                        accuracy(logits, y), schedule.getLastLr().getFirst());
            }
        }
        double acc;
        try (var g = Autograd.noGrad()) {
            acc = accuracy(model.forward(x), y);
        }
        if (print) {
            System.out.printf(Locale.ROOT, "final accuracy %.3f on %d points%n", acc, 2 * POINTS_PER_CLASS);
        }
        return new Result(model, x, y, losses, acc);
    }

    static double accuracy(Tensor logits, Tensor y) {
        return logits.detach().argmax(1).eq(y).to(DType.FLOAT32).mean().item();
    }

    /** The loss curve (left) and the decision regions with the points (right), 900 x 420. */
    static String svg(Result r) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"420\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"900\" height=\"420\" fill=\"white\"/>\n");
        // Loss curve on a log scale.
        double lo = Math.log10(r.losses().stream().mapToDouble(Double::doubleValue).min().orElse(1e-3));
        double hi = Math.log10(r.losses().stream().mapToDouble(Double::doubleValue).max().orElse(1));
        s.append("<text x=\"40\" y=\"25\">cross-entropy loss per step (log scale)</text>\n");
        s.append("<rect x=\"40\" y=\"40\" width=\"380\" height=\"340\" fill=\"none\" stroke=\"#888\"/>\n<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < r.losses().size(); i++) {
            double px = 40 + 380.0 * i / (r.losses().size() - 1);
            double py = 380 - 340 * (Math.log10(r.losses().get(i)) - lo) / Math.max(hi - lo, 1e-9);
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        s.append("\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"44\" y=\"54\">%.3g</text><text x=\"44\" y=\"376\">%.3g</text>\n",
                Math.pow(10, hi), Math.pow(10, lo)));
        // Decision regions: the model's class on a grid over [-1.2, 1.2]^2.
        int n = 60;
        Tensor axis = Tensor.linspace(-1.2, 1.2, n);
        Tensor gx = axis.unsqueeze(0).expand(n, n).reshape(-1);
        Tensor gy = axis.unsqueeze(1).expand(n, n).reshape(-1);
        long[] cls;
        try (var g = Autograd.noGrad()) {
            cls = r.model().forward(Tensor.stack(1, gx, gy)).argmax(1).toLongArray();
        }
        double cell = 340.0 / n;
        s.append("<text x=\"480\" y=\"25\">decision regions and training points</text>\n");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
                        480 + j * cell, 380 - (i + 1) * cell, cell + 0.3, cell + 0.3, cls[i * n + j] == 0 ? "#fde0c5" : "#c6dbef"));
            }
        }
        float[] pts = r.x().toFloatArray();
        long[] labels = r.y().toLongArray();
        for (int p = 0; p < labels.length; p++) {
            double px = 480 + (pts[2 * p] + 1.2) / 2.4 * 340;
            double py = 380 - (pts[2 * p + 1] + 1.2) / 2.4 * 340;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\"/>\n", px, py,
                    labels[p] == 0 ? "#e6550d" : "#3182bd"));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"480\" y=\"400\">accuracy %.3f</text>\n", r.accuracy()));
        return s.append("</svg>\n").toString();
    }
}
