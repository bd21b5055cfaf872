"""PyTorch side of ProgramOpsBenchmark: the same calls, float32, timed with torch.utils.benchmark.

    /usr/bin/python3 bench/program_ops.py [threads]

Prints one line per case: name, median us, IQR us, best us (min over runs).
"""
import math
import sys

import torch
import torch.utils.benchmark as benchmark

if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)
x100 = torch.rand(100)
x2000 = torch.linspace(-math.pi, math.pi, 2000)
s = torch.tensor(1.5)
x65536 = torch.rand(65536)
y65536 = torch.rand(65536)
h = torch.randn(64, 128)
bias = torch.randn(128)
w10 = torch.randn(128, 10)
poly_y = torch.sin(x2000)
poly = [torch.randn((), requires_grad=True) for _ in range(4)]
mlp_x = torch.randn(64, 64)
mlp_y = torch.randn(64, 10)
mlp = [(torch.randn(64, 128) * 0.125).requires_grad_(), torch.zeros(128, requires_grad=True),
       (torch.randn(128, 10) * 0.09).requires_grad_(), torch.zeros(10, requires_grad=True)]


def poly_step():
    a, b, c, d = poly
    x = x2000
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - poly_y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        for p in poly:
            p -= 1e-6 * p.grad
            p.grad = None
    return loss


def mlp_step():
    hidden = mlp_x.matmul(mlp[0]).add(mlp[1]).relu()
    loss = hidden.matmul(mlp[2]).add(mlp[3]).sub(mlp_y).pow(2).mean()
    loss.backward()
    with torch.no_grad():
        for p in mlp:
            p -= p.grad * 1e-3
            p.grad = None
    return loss


cases = {
    "pow2_2000": lambda: x2000.pow(2),
    "pow2_65536": lambda: x65536.pow(2),
    "pow3_2000": lambda: x2000.pow(3),
    "pow2p5_2000": lambda: x2000.pow(2.5),
    "mul0dim_2000": lambda: s.mul(x2000),
    "sin100": lambda: x100.sin(),
    "exp100": lambda: x100.exp(),
    "add100": lambda: x100.add(x100),
    "addBias64x128": lambda: h.add(bias),
    "sum1_64x128": lambda: h.sum(1),
    "sum2000": lambda: x2000.sum(),
    "mul65536": lambda: x65536.mul(y65536),
    "exp65536": lambda: x65536.exp(),
    "matmul64x128x10": lambda: h.matmul(w10),
    "polyStep": poly_step,
    "mlpStep": mlp_step,
}
print(f"# torch {torch.__version__}, threads {torch.get_num_threads()}")
for name, fn in cases.items():
    m = benchmark.Timer(stmt="fn()", globals={"fn": fn}).blocked_autorange(min_run_time=1.0)
    best = min(m.raw_times) / m.number_per_run
    print(f"{name:18s} {m.median * 1e6:10.3f} us  iqr {m.iqr * 1e6:.3f}  best {best * 1e6:.3f}")
