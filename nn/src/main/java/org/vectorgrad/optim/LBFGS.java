package org.vectorgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * {@code torch.optim.LBFGS}: limited-memory BFGS over all parameters as one flat vector, with
 * PyTorch 1.13's algorithm (two-loop recursion, history of {@code historySize} pairs) and,
 * with {@code lineSearchFn = "strong_wolfe"}, its strong-Wolfe line search (bracketing, then
 * zoom by cubic interpolation). One group only; {@link #step(Closure)} runs up to
 * {@code maxIter} iterations.
 *
 * <pre>{@code
 * LBFGS opt = new LBFGS(List.of(w), 1, 20, null, 1e-7, 1e-9, 100, "strong_wolfe");
 * opt.step(() -> { opt.zeroGrad(); Tensor l = loss(w); l.backward(); return l; });
 * }</pre>
 *
 * <p>Scalars PyTorch keeps as 0-dim float32 tensors (dot products, the step) are Java doubles
 * here, so iterates can differ from PyTorch's in the last float32 bits.
 */
public class LBFGS extends Optimizer {
    private final List<Tensor> params;
    /** The search state between calls of step, as PyTorch keeps it in the first parameter's state. */
    private Tensor d;
    private double t;
    private final List<Tensor> oldDirs = new ArrayList<>();
    private final List<Tensor> oldStps = new ArrayList<>();
    private final List<Double> ro = new ArrayList<>();
    private double hDiag = 1;
    private Tensor prevFlatGrad;
    private double prevLoss;
    private int nIter;
    private int funcEvals;

    public LBFGS(List<Tensor> params) {
        this(params, 1, 20, null, 1e-7, 1e-9, 100, null);
    }

    /** maxEval null means {@code maxIter * 5 / 4}; lineSearchFn null or {@code "strong_wolfe"}. */
    public LBFGS(List<Tensor> params, double lr, int maxIter, Integer maxEval, double toleranceGrad, double toleranceChange,
                 int historySize, String lineSearchFn) {
        super(params, defaults(lr, maxIter, maxEval == null ? maxIter * 5 / 4 : maxEval, toleranceGrad, toleranceChange,
                historySize, lineSearchFn));
        if (lineSearchFn != null && !lineSearchFn.equals("strong_wolfe")) {
            throw new IllegalArgumentException("only 'strong_wolfe' is supported");
        }
        this.params = paramGroups().getFirst().params();
    }

    private static Map<String, Object> defaults(double lr, int maxIter, int maxEval, double tolGrad, double tolChange, int history,
                                                String lineSearchFn) {
        return options("lr", lr, "max_iter", maxIter, "max_eval", maxEval, "tolerance_grad", tolGrad,
                "tolerance_change", tolChange, "history_size", history, "line_search_fn", lineSearchFn);
    }

    @Override
    public void addParamGroup(ParamGroup group) {
        if (!paramGroups().isEmpty()) {
            throw new IllegalArgumentException("LBFGS doesn't support per-parameter options (parameter groups)");
        }
        super.addParamGroup(group);
    }

    @Override
    protected void update() {
        throw new IllegalStateException("LBFGS needs a closure: call step(closure)");
    }

    @Override
    public Tensor step(Closure closure) {
        ParamGroup g = paramGroups().getFirst();
        double lr = g.lr();
        int maxIter = ((Number) g.get("max_iter")).intValue();
        int maxEval = ((Number) g.get("max_eval")).intValue();
        double tolGrad = g.getDouble("tolerance_grad");
        double tolChange = g.getDouble("tolerance_change");
        int historySize = ((Number) g.get("history_size")).intValue();
        boolean wolfe = g.get("line_search_fn") != null;

        countStep();
        Tensor origLoss = evaluate(closure);
        double loss = origLoss.item();
        int currentEvals = 1;
        funcEvals++;
        try (var ng = Autograd.noGrad()) {
            Tensor flatGrad = gatherFlatGrad();
            if (flatGrad.abs().max().item() <= tolGrad) {
                return origLoss;
            }
            int iter = 0;
            while (iter < maxIter) {
                iter++;
                nIter++;
                if (nIter == 1) {
                    d = flatGrad.neg();
                    oldDirs.clear();
                    oldStps.clear();
                    ro.clear();
                    hDiag = 1;
                } else {
                    Tensor y = flatGrad.sub(prevFlatGrad);
                    Tensor s = d.mul(t);
                    double ys = y.dot(s).item();
                    if (ys > 1e-10) {
                        if (oldDirs.size() == historySize) {
                            oldDirs.removeFirst();
                            oldStps.removeFirst();
                            ro.removeFirst();
                        }
                        oldDirs.add(y);
                        oldStps.add(s);
                        ro.add(1 / ys);
                        hDiag = ys / y.dot(y).item();
                    }
                    int numOld = oldDirs.size();
                    double[] al = new double[numOld];
                    Tensor q = flatGrad.neg();
                    for (int i = numOld - 1; i >= 0; i--) {
                        al[i] = oldStps.get(i).dot(q).item() * ro.get(i);
                        q.add_(oldDirs.get(i), -al[i]);
                    }
                    Tensor r = q.mul(hDiag);
                    for (int i = 0; i < numOld; i++) {
                        double be = oldDirs.get(i).dot(r).item() * ro.get(i);
                        r.add_(oldStps.get(i), al[i] - be);
                    }
                    d = r;
                }
                prevFlatGrad = prevFlatGrad == null ? flatGrad.clone() : prevFlatGrad.copy_(flatGrad);
                prevLoss = loss;
                t = nIter == 1 ? Math.min(1., 1. / flatGrad.abs().sum().item()) * lr : lr;
                double gtd = flatGrad.dot(d).item();
                if (gtd > -tolChange) {
                    break;
                }
                int lsEvals = 0;
                boolean optCond = false;
                if (wolfe) {
                    List<Tensor> xInit = params.stream().map(p -> p.clone()).toList();
                    WolfeResult w = strongWolfe(closure, xInit, t, d, loss, flatGrad, gtd, tolChange);
                    loss = w.f;
                    flatGrad = w.g;
                    t = w.t;
                    lsEvals = w.evals;
                    addGrad(t, d);
                    optCond = flatGrad.abs().max().item() <= tolGrad;
                } else {
                    addGrad(t, d);
                    if (iter != maxIter) {
                        loss = evaluate(closure).item();
                        flatGrad = gatherFlatGrad();
                        optCond = flatGrad.abs().max().item() <= tolGrad;
                        lsEvals = 1;
                    }
                }
                currentEvals += lsEvals;
                funcEvals += lsEvals;
                if (iter == maxIter || currentEvals >= maxEval || optCond) {
                    break;
                }
                if (d.mul(t).abs().max().item() <= tolChange || Math.abs(loss - prevLoss) < tolChange) {
                    break;
                }
            }
        }
        return origLoss;
    }

    /** Function evaluations so far, as PyTorch's {@code state['func_evals']}. */
    public int funcEvals() {
        return funcEvals;
    }

    /** Iterations so far, as PyTorch's {@code state['n_iter']}. */
    public int nIter() {
        return nIter;
    }

    private static Tensor evaluate(Closure closure) {
        try (var g = Autograd.enableGrad()) {
            return closure.call();
        }
    }

    private Tensor gatherFlatGrad() {
        Tensor[] views = new Tensor[params.size()];
        for (int i = 0; i < views.length; i++) {
            Tensor p = params.get(i);
            views[i] = p.grad() == null ? Tensor.zeros(p.dtype(), p.numel()) : p.grad().reshape(-1);
        }
        return Tensor.cat(0, views);
    }

    private void addGrad(double stepSize, Tensor update) {
        long offset = 0;
        for (Tensor p : params) {
            long n = p.numel();
            p.add_(update.narrow(0, offset, n).view(p.shape()), stepSize);
            offset += n;
        }
    }

    private void setParams(List<Tensor> values) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).copy_(values.get(i));
        }
    }

    /** The loss and flat gradient at {@code x + t d}; the parameters are restored to x afterwards. */
    private Object[] directionalEvaluate(Closure closure, List<Tensor> x, double step, Tensor dir) {
        addGrad(step, dir);
        double f = evaluate(closure).item();
        Tensor grad = gatherFlatGrad();
        setParams(x);
        return new Object[] {f, grad};
    }

    private record WolfeResult(double f, Tensor g, double t, int evals) {
    }

    /** PyTorch's {@code _strong_wolfe} (c1 = 1e-4, c2 = 0.9, at most 25 evaluations). */
    private WolfeResult strongWolfe(Closure closure, List<Tensor> x, double t, Tensor d, double f, Tensor g, double gtd,
                                    double tolChange) {
        final double c1 = 1e-4;
        final double c2 = 0.9;
        final int maxLs = 25;
        double dNorm = d.abs().max().item();
        g = g.clone();
        Object[] fg = directionalEvaluate(closure, x, t, d);
        double fNew = (double) fg[0];
        Tensor gNew = (Tensor) fg[1];
        int evals = 1;
        double gtdNew = gNew.dot(d).item();
        double tPrev = 0;
        double fPrev = f;
        Tensor gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        Tensor[] bracketG = null;
        double[] bracketGtd = null;
        while (lsIter < maxLs) {
            if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -c2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new Tensor[] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            fg = directionalEvaluate(closure, x, t, d);
            fNew = (double) fg[0];
            gNew = (Tensor) fg[1];
            evals++;
            gtdNew = gNew.dot(d).item();
            lsIter++;
        }
        if (lsIter == maxLs) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new Tensor[] {g, gNew};
            bracketGtd = new double[] {gtd, gtdNew};
        }
        boolean insufProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < maxLs) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < tolChange) {
                break;
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1],
                    Math.min(bracket[0], bracket[1]), Math.max(bracket[0], bracket[1]));
            double hi = Math.max(bracket[0], bracket[1]);
            double lo = Math.min(bracket[0], bracket[1]);
            double eps = 0.1 * (hi - lo);
            if (Math.min(hi - t, t - lo) < eps) {
                if (insufProgress || t >= hi || t <= lo) {
                    t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
                    insufProgress = false;
                } else {
                    insufProgress = true;
                }
            } else {
                insufProgress = false;
            }
            fg = directionalEvaluate(closure, x, t, d);
            fNew = (double) fg[0];
            gNew = (Tensor) fg[1];
            evals++;
            gtdNew = gNew.dot(d).item();
            lsIter++;
            if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]) {
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew.clone();
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -c2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew.clone();
                bracketGtd[low] = gtdNew;
            }
        }
        if (bracket.length == 1) {
            low = 0;
        }
        return new WolfeResult(bracketF[low], bracketG[low], bracket[low], evals);
    }

    /** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to [lo, hi]. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minPos, lo), hi);
        }
        return (lo + hi) / 2.;
    }
}
