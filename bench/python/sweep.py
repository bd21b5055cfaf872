"""PyTorch (and numpy/OpenBLAS matmul) side of the Vectorgrad op sweep.

Times the cases of org.vectorgrad.bench.Sweep in PyTorch, by the same ids (op/layout/size; the
OPS table below mirrors Sweep.OPS name for name: change both together), at PyTorch's default
thread count and at one thread, and float32 matmul in numpy at n = 64..2048 on 1 and 2 threads.
bench/run.sh (the Suite) runs it after the JMH runs when `/usr/bin/python3 -c 'import torch'` works:

    /usr/bin/python3 bench/python/sweep.py --cases DIR/sweep-cases.txt --out DIR/pytorch.json

Each time is the median over repeats of a timed loop (each repeat about 5 ms, after one warm-up
repeat); the error is half the spread between the 2nd smallest and 2nd largest repeat.
"""
import argparse
import ctypes
import json
import math
import os
import platform
import sys
import time

import numpy as np
import torch

REPEATS = 7
REPEAT_SECONDS = 0.005
# PyTorch's intra-op GRAIN_SIZE: an elementwise op or reduction on fewer elements runs on one thread
# whatever the thread count, so those cases are timed once (at the default), not again at 1 thread
GRAIN_SIZE = 32768


def rows_cols(n):
    """Rows and columns as Operand.matrixShape: rows the largest divisor of n not above sqrt(n)."""
    rows = int(math.isqrt(n))
    while n % rows:
        rows -= 1
    return rows, n // rows


def uniform(shape, lo, hi):
    return torch.rand(shape) * (hi - lo) + lo


def transposed(shape, lo, hi):
    if len(shape) != 2:
        return uniform(shape, lo, hi)
    return uniform((shape[1], shape[0]), lo, hi).t()


class Inputs:
    pass


S, P, N1 = "signed", "positive", "near_one"
U, B, R, C, V, M, W = "unary", "binary", "reduce", "create", "vector", "matmul", "workload"
D, ND = True, False

OPS = {}


def op(name, kind, domain, differentiable, call):
    OPS[name] = (kind, domain, differentiable, call)


op("neg", U, S, D, lambda i: i.x.neg())
op("abs", U, S, D, lambda i: i.x.abs())
op("sign", U, S, ND, lambda i: i.x.sign())
op("sqrt", U, P, D, lambda i: i.x.sqrt())
op("exp", U, S, D, lambda i: i.x.exp())
op("log", U, P, D, lambda i: i.x.log())
op("sin", U, S, D, lambda i: i.x.sin())
op("cos", U, S, D, lambda i: i.x.cos())
op("tanh", U, S, D, lambda i: i.x.tanh())
op("sigmoid", U, S, D, lambda i: i.x.sigmoid())
op("relu", U, S, D, lambda i: i.x.relu())
op("reciprocal", U, P, D, lambda i: i.x.reciprocal())
op("clamp", U, S, D, lambda i: i.x.clamp(-0.5, 0.5))
op("clampMin", U, S, D, lambda i: i.x.clamp_min(-0.5))
op("clampMax", U, S, D, lambda i: i.x.clamp_max(0.5))
op("tan", U, S, D, lambda i: i.x.tan())
op("erf", U, S, D, lambda i: i.x.erf())
op("softmax", U, S, D, lambda i: i.x.softmax(1))
op("logSoftmax", U, S, D, lambda i: i.x.log_softmax(1))
op("pow2", U, S, D, lambda i: i.x.pow(2))
op("pow3", U, S, D, lambda i: i.x.pow(3))
op("pow0.5", U, P, D, lambda i: i.x.pow(0.5))
op("pow-1", U, P, D, lambda i: i.x.pow(-1))
op("pow2.5", U, P, D, lambda i: i.x.pow(2.5))
op("logicalNot", U, S, ND, lambda i: i.mask.logical_not())
op("to_float64", U, S, D, lambda i: i.x.to(torch.float64))
op("clone", U, S, D, lambda i: i.x.clone())
op("contiguous", U, S, D, lambda i: i.x.contiguous())
op("zero_", U, S, ND, lambda i: i.x.zero_())
op("fill_", U, S, ND, lambda i: i.x.fill_(0.5))
op("clampMin_", U, S, ND, lambda i: i.x.clamp_min_(-4))
op("sqrt_", U, P, ND, lambda i: i.x.sqrt_())
op("lerp_", B, S, ND, lambda i: i.x.lerp_(i.ones, 0.0))
op("addcmul_", B, S, ND, lambda i: i.x.addcmul_(i.ones, i.ones, value=0.0))
op("addcdiv_", B, S, ND, lambda i: i.x.addcdiv_(i.ones, i.ones, value=0.0))
op("uniform_", U, S, ND, lambda i: i.x.uniform_(-math.pi, math.pi))
op("normal_", U, S, ND, lambda i: i.x.normal_())
op("bernoulli_", U, S, ND, lambda i: i.x.bernoulli_(0.5))
op("t", U, S, ND, lambda i: i.x.t())
op("t_contiguous", U, S, D, lambda i: i.x.t().contiguous())
op("transpose", U, S, ND, lambda i: i.x.transpose(0, 1))
op("permute", U, S, ND, lambda i: i.x.permute(1, 0))
op("mT", U, S, ND, lambda i: i.x.mT)
op("view", U, S, ND, lambda i: i.x.view(i.cols, i.rows))
op("squeeze", U, S, ND, lambda i: i.x.unsqueeze(0).squeeze())
op("expand", U, S, ND, lambda i: i.x.select(0, 0).expand(i.rows, i.cols))
op("reshape", U, S, ND, lambda i: i.x.reshape(i.cols, i.rows))
op("flatten", U, S, ND, lambda i: i.x.flatten())
op("unsqueeze", U, S, ND, lambda i: i.x.unsqueeze(0))
op("narrow", U, S, D, lambda i: i.x.narrow(1, 0, i.cols // 2))
op("select", U, S, D, lambda i: i.x.select(0, i.rows // 2))
op("slice2_contiguous", U, S, D, lambda i: i.x[:, 0:i.cols:2].contiguous())
op("expand_contiguous", U, S, D, lambda i: i.x.select(0, 0).expand(i.rows, i.cols).contiguous())
op("repeat", U, S, D, lambda i: i.x.repeat(2, 1))
op("add", B, S, D, lambda i: i.x.add(i.y))
op("sub", B, S, D, lambda i: i.x.sub(i.y))
op("mul", B, S, D, lambda i: i.x.mul(i.y))
op("div", B, S, D, lambda i: i.x.div(i.y))
op("add_alpha", B, S, D, lambda i: i.x.add(i.y, alpha=2.0))
op("pow", B, P, D, lambda i: i.x.pow(i.y))
op("maximum", B, S, D, lambda i: torch.maximum(i.x, i.y))
op("minimum", B, S, D, lambda i: torch.minimum(i.x, i.y))
op("floorDivide", B, S, ND, lambda i: torch.floor_divide(i.x, i.y))
op("eq", B, S, ND, lambda i: i.x.eq(i.y))
op("ne", B, S, ND, lambda i: i.x.ne(i.y))
op("lt", B, S, ND, lambda i: i.x.lt(i.y))
op("le", B, S, ND, lambda i: i.x.le(i.y))
op("gt", B, S, ND, lambda i: i.x.gt(i.y))
op("ge", B, S, ND, lambda i: i.x.ge(i.y))
op("logicalAnd", B, S, ND, lambda i: i.mask.logical_and(i.maskB))
op("logicalOr", B, S, ND, lambda i: i.mask.logical_or(i.maskB))
op("where", B, S, D, lambda i: torch.where(i.mask, i.x, i.y))
op("add_s", U, S, D, lambda i: i.x + 2.5)
op("sub_s", U, S, D, lambda i: i.x - 2.5)
op("mul_s", U, S, D, lambda i: i.x * 2.5)
op("div_s", U, S, D, lambda i: i.x / 2.5)
op("rsub_s", U, S, D, lambda i: 2.5 - i.x)
op("rdiv_s", U, P, D, lambda i: 2.5 / i.x)
op("gt_s", U, S, ND, lambda i: i.x > 0.5)
op("add_", B, S, ND, lambda i: i.x.add_(i.ones))
op("sub_", B, S, ND, lambda i: i.x.sub_(i.ones))
op("mul_", B, S, ND, lambda i: i.x.mul_(i.ones))
op("div_", B, S, ND, lambda i: i.x.div_(i.ones))
op("add_s_", U, S, ND, lambda i: i.x.add_(1.0))
op("mul_s_", U, S, ND, lambda i: i.x.mul_(1.0))
op("copy_", B, S, ND, lambda i: i.x.copy_(i.y))
op("cat", B, S, D, lambda i: torch.cat([i.x, i.y], 0))
op("stack", B, S, D, lambda i: torch.stack([i.x, i.y], 0))
op("sum", R, S, D, lambda i: i.x.sum())
op("mean", R, S, D, lambda i: i.x.mean())
op("prod", R, N1, D, lambda i: i.x.prod())
op("max", R, S, D, lambda i: i.x.max())
op("min", R, S, D, lambda i: i.x.min())
op("amax", R, S, D, lambda i: i.x.amax((0, 1)))
op("amin", R, S, D, lambda i: i.x.amin((0, 1)))
op("argmax", R, S, ND, lambda i: i.x.argmax())
op("argmin", R, S, ND, lambda i: i.x.argmin())
op("norm", R, S, D, lambda i: i.x.norm())
op("norm1", R, S, D, lambda i: i.x.norm(1))
op("all", R, S, ND, lambda i: i.mask.all())
op("any", R, S, ND, lambda i: i.mask.any())
op("sum.dim0", R, S, D, lambda i: i.x.sum(0))
op("sum.dim1", R, S, D, lambda i: i.x.sum(1))
op("mean.dim1", R, S, D, lambda i: i.x.mean(1))
op("max.dim1", R, S, D, lambda i: i.x.max(1).values)
op("amax.dim1", R, S, D, lambda i: i.x.amax(1))
op("argmax.dim1", R, S, ND, lambda i: i.x.argmax(1))
op("norm.dim1", R, S, D, lambda i: i.x.norm(2, 1))
op("logsumexp.dim1", R, S, D, lambda i: i.x.logsumexp(1))
op("index", U, S, D, lambda i: i.x.flatten()[i.flatIdx])
op("indexSelect", U, S, D, lambda i: i.x.index_select(0, i.rowIdx))
op("indexAdd", U, S, D, lambda i: i.x.index_add(0, i.rowIdx, i.x))
op("maskedSelect", U, S, D, lambda i: i.x.masked_select(i.mask))
op("gather", U, S, D, lambda i: i.x.gather(1, i.colIdx))
op("scatterAdd", U, S, D, lambda i: i.x.scatter_add(1, i.colIdx, i.x))
op("zeros", C, S, ND, lambda i: torch.zeros(i.rows, i.cols))
op("ones", C, S, ND, lambda i: torch.ones(i.rows, i.cols))
op("full", C, S, ND, lambda i: torch.full((i.rows, i.cols), 0.5))
op("rand", C, S, ND, lambda i: torch.rand(i.rows, i.cols))
op("randn", C, S, ND, lambda i: torch.randn(i.rows, i.cols))
op("arange", C, S, ND, lambda i: torch.arange(i.n))
op("linspace", C, S, ND, lambda i: torch.linspace(-math.pi, math.pi, i.n))
op("zerosLike", U, S, ND, lambda i: torch.zeros_like(i.x))
op("onesLike", U, S, ND, lambda i: torch.ones_like(i.x))
op("fullLike", U, S, ND, lambda i: torch.full_like(i.x, 0.5))
op("randLike", U, S, ND, lambda i: torch.rand_like(i.x))
op("randnLike", U, S, ND, lambda i: torch.randn_like(i.x))
op("new_float", C, S, ND, None)   # the JVM's floor (new float[n]): nothing to time in PyTorch
op("new_bool", C, S, ND, None)    # the floor under a bool result (new boolean[n])
op("dot", V, S, D, lambda i: i.x.dot(i.y))
op("mv", B, S, D, lambda i: i.x.mv(i.y))
op("mm", M, S, D, lambda i: i.x.mm(i.y))
op("matmul", M, S, D, lambda i: i.x.matmul(i.y))
op("bmm", M, S, D, lambda i: i.x.bmm(i.y))
op("addmm", M, S, D, lambda i: torch.addmm(i.bias, i.x, i.y))


def seed000(i):
    x = i.x.detach().requires_grad_(True)
    x.sin().sum().backward()
    return x.grad


def seed001(i):
    x = torch.tensor(4.3, dtype=torch.float64, requires_grad=True)
    (x * x).backward()
    return x.grad


def seed002(i):
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    (y * y * 3).mean().backward()
    return x.grad


op("seed000_sin_grad", W, S, ND, seed000)
op("seed001_square_grad", W, S, ND, seed001)
op("seed002_mean_grad", W, S, ND, seed002)

DOMAINS = {S: (-math.pi, math.pi), P: (0.5, 2.5), N1: (0.99, 1.01)}


def inputs(name, kind, domain, layout, size):
    i = Inputs()
    if kind == M:
        d = [int(s) for s in size.split("x")]
        batch = d[:-3]
        i.x = uniform(batch + [d[-3], d[-2]], -1, 1)
        i.y = uniform(batch + [d[-2], d[-1]], -1, 1)
        i.bias = uniform([d[-1]], -1, 1)
        return i
    n = int(size)
    if n == 0:
        shape, i.n, i.rows, i.cols = (), 1, 1, 1
    else:
        i.rows, i.cols = rows_cols(n)
        i.n = n
        shape = (i.rows, i.cols)
    if kind == V:
        shape = (i.n,)
    if kind == C:
        return i
    lo, hi = DOMAINS[domain]
    binary = kind == B
    i.x = transposed(shape, lo, hi) if layout == "transposed" and not binary else uniform(shape, lo, hi)
    i.y = {"contiguous": lambda: uniform(shape, 0.5, 2.5),
           "scalar": lambda: uniform((), 0.5, 2.5),
           "row": lambda: uniform((i.cols,), 0.5, 2.5),
           "transposed": lambda: transposed(shape, 0.5, 2.5)}[layout]()
    i.ones = torch.ones(shape)
    i.mask = i.x > 0
    i.maskB = i.y > 1.5
    i.rowIdx = torch.randint(0, i.rows, (i.rows,))
    i.flatIdx = torch.randint(0, i.n, (i.n,))
    i.colIdx = torch.randint(0, i.cols, (i.rows, i.cols))
    return i


def prepare(case_id):
    """The call that case_id times, or None when PyTorch has no counterpart."""
    name, layout, size = case_id.split("/")
    backward = name.endswith(".bwd")
    if backward:
        name = name[:-4]
    if name not in OPS:
        raise ValueError(f"unknown sweep op '{name}' in case '{case_id}'")
    kind, domain, differentiable, call = OPS[name]
    if call is None:
        return None
    torch.manual_seed(0)
    i = inputs(name, kind, domain, layout, size)
    if not backward:
        return lambda: call(i)
    leaves = [t for t in (i.x, i.y) if t is not None and t.dtype.is_floating_point]
    for t in leaves:
        t.requires_grad_(True)
    g = torch.ones_like(call(i))

    def run():
        out = call(i)
        out.backward(g)
        for t in leaves:
            t.grad = None
    return run


def splits(case_id):
    """Whether PyTorch may split the case across threads: a product, or GRAIN_SIZE elements or more."""
    size = case_id.split("/")[2]
    return "x" in size or int(size) >= GRAIN_SIZE


def time_call(fn):
    """Median ns per call over REPEATS timed loops, and half the spread of the inner repeats."""
    fn()
    t0 = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(REPEAT_SECONDS / once))
    loop = range(number)
    samples = []
    for _ in range(REPEATS + 1):
        t0 = time.perf_counter()
        for _ in loop:
            fn()
        samples.append((time.perf_counter() - t0) / number * 1e9)
    samples = sorted(samples[1:])
    return samples[len(samples) // 2], (samples[-2] - samples[1]) / 2, number


def openblas():
    """The OpenBLAS library numpy loaded (from /proc/self/maps), or None."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line.lower() and "/" in line}
    except OSError:
        return None
    for p in sorted(paths):
        try:
            lib = ctypes.CDLL(p)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib, p
        except (OSError, AttributeError):
            continue
    return None


def numpy_matmul(sizes, threads_list):
    found = openblas()
    info = {"numpy": np.__version__}
    if found is None:
        info["openblas"] = "not found (numpy's BLAS is not OpenBLAS, or its library name does not say so)"
        return info, []
    lib, path = found
    info["openblas"] = path
    info["openblas.corename"] = lib.openblas_get_corename().decode()
    info["openblas.config"] = lib.openblas_get_config().decode()
    out = []
    for threads in threads_list:
        lib.openblas_set_num_threads(threads)
        for n in sizes:
            rng = np.random.default_rng(n)
            a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
            b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
            c = np.empty((n, n), np.float32)
            ns, err, number = time_call(lambda: np.matmul(a, b, out=c))
            out.append({"n": n, "threads": threads, "ns": ns, "err": err, "gflops": 2 * n ** 3 / ns})
    return info, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", required=True, help="file of case ids, one a line")
    ap.add_argument("--out", required=True, help="JSON file to write")
    ap.add_argument("--matmul", default="64,128,256,512,1024,2048", help="numpy matmul sizes ('' for none)")
    args = ap.parse_args()
    with open(args.cases) as f:
        cases = [line.strip() for line in f if line.strip()]
    default_threads = torch.get_num_threads()
    result = {"torch": torch.__version__, "python": platform.python_version(),
              "threads.default": default_threads, "cases": [], "errors": []}
    # Debian's torch runs its products on the system OpenBLAS, whose own threads torch.set_num_threads
    # does not limit: the one-thread pass sets them too, or its products ran on every core
    blas = openblas()
    blas_default = blas[0].openblas_get_num_threads() if blas is not None else None
    for label, threads in (("default", default_threads), ("1", 1)):
        torch.set_num_threads(threads)
        if blas is not None:
            blas[0].openblas_set_num_threads(blas_default if label == "default" else 1)
        for case_id in cases:
            if label == "1" and not splits(case_id):
                continue
            try:
                fn = prepare(case_id)
                if fn is None:
                    continue
                ns, err, number = time_call(fn)
                result["cases"].append({"id": case_id, "threads": label, "ns": ns, "err": err, "number": number})
            except Exception as e:  # an op PyTorch rejects is reported, not fatal
                if label == "default":
                    result["errors"].append({"id": case_id, "message": f"{type(e).__name__}: {e}".splitlines()[0]})
    torch.set_num_threads(default_threads)
    if blas is not None:
        blas[0].openblas_set_num_threads(blas_default)
    sizes = [int(s) for s in args.matmul.split(",") if s]
    result["blas"], result["matmul"] = numpy_matmul(sizes, (1, 2)) if sizes else ({}, [])
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"pytorch sweep: {len(result['cases'])} timings, {len(result['errors'])} errors, "
          f"{len(result['matmul'])} numpy matmuls -> {args.out}")


if __name__ == "__main__":
    sys.exit(main())
