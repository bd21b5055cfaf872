# PyTorch's tutorial "Learning PyTorch with Examples", autograd version (2,000 points, a + b x + c x^2 + d x^3),
# seeded; the twin of org.vectorgrad.bench.PolynomialFit. Prints "t loss" every 100 steps, then the result;
# on stderr one line "timing: first100_ns=N steady_ns=M" (M: median ns per step of the 100-step blocks after
# the first 500 steps).   /usr/bin/python3 polynomial_fit.py [--steps 2000] [--threads N]
import math
import sys
import time

import torch

from program import args, report

steps, threads = args(2000)
if threads:
    torch.set_num_threads(threads)
torch.manual_seed(0)

dtype = torch.float
device = torch.device("cpu")

x = torch.linspace(-math.pi, math.pi, 2000, device=device, dtype=dtype)
y = torch.sin(x)

a = torch.randn((), device=device, dtype=dtype, requires_grad=True)
b = torch.randn((), device=device, dtype=dtype, requires_grad=True)
c = torch.randn((), device=device, dtype=dtype, requires_grad=True)
d = torch.randn((), device=device, dtype=dtype, requires_grad=True)

learning_rate = 1e-6
blocks = []
block_start = time.perf_counter_ns()
for t in range(steps):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
    if t % 100 == 99:
        blocks.append(time.perf_counter_ns() - block_start)
        print(t, loss.item())
        block_start = time.perf_counter_ns()

print(f'Result: y = {a.item()} + {b.item()} x + {c.item()} x^2 + {d.item()} x^3')
report(blocks)
