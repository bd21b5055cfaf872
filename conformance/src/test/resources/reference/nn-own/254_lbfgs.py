# LBFGS with and without the strong-Wolfe line search (float64: Rosenbrock and a least-squares fit), and its closure protocol.
# Without a line search, Rosenbrock at lr=1 is chaotic (after ~50 iterations a last-bit difference in a summed gradient shows
# in the 6th decimal), so that variant runs 2 steps only.
from _ref import *
def rosen(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
for ls in [None, "strong_wolfe"]:
    p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], lr=1, max_iter=20, line_search_fn=ls)
    def closure():
        opt.zero_grad()
        l = rosen(p)
        l.backward()
        return l
    for k in range(4 if ls else 2):
        l = opt.step(closure)
        print(f"{ls} step {k} loss {l.item():.6f} p {p[0].item():.6f} {p[1].item():.6f}")
    print(f"{ls} func_evals {opt.state[p]['func_evals']} n_iter {opt.state[p]['n_iter']}")
torch.manual_seed(2)
X = torch.randn(20, 3, dtype=torch.float64); w_true = torch.tensor([[1.5], [-2.0], [0.5]], dtype=torch.float64)
Y = X @ w_true + 0.01 * torch.randn(20, 1, dtype=torch.float64)
for ls in [None, "strong_wolfe"]:
    w = torch.zeros(3, 1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w], lr=0.5, history_size=5, max_iter=10, line_search_fn=ls)
    def closure2():
        opt.zero_grad()
        l = ((X @ w - Y) ** 2).mean()
        l.backward()
        return l
    for k in range(3):
        print(f"fit {ls} step {k} loss {opt.step(closure2).item():.8f}")
    show("w", w)
