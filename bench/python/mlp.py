# A two-layer perceptron trained with hand-written SGD (64 -> 128 -> 10, ReLU, batch 64, mean squared error,
# lr 0.01), seeded; the twin of org.vectorgrad.bench.TwoLayerMlp. Output as polynomial_fit.py.
#   /usr/bin/python3 mlp.py [--steps 2000] [--threads N]
import time

import torch

from program import args, report

steps, threads = args(2000)
if threads:
    torch.set_num_threads(threads)
torch.manual_seed(0)

x = torch.randn(64, 64)
target = torch.randn(64, 10)
w1 = (torch.randn(64, 128) * 0.1).requires_grad_()
b1 = torch.zeros(128).requires_grad_()
w2 = (torch.randn(128, 10) * 0.1).requires_grad_()
b2 = torch.zeros(10).requires_grad_()
params = [w1, b1, w2, b2]

learning_rate = 0.01
blocks = []
block_start = time.perf_counter_ns()
for t in range(steps):
    h = (x @ w1 + b1).relu()
    out = h @ w2 + b2
    loss = (out - target).pow(2).mean()
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= learning_rate * p.grad
            p.grad = None
    if t % 100 == 99:
        blocks.append(time.perf_counter_ns() - block_start)
        print(t, loss.item())
        block_start = time.perf_counter_ns()

report(blocks)
