# erf and GELU's default (exact) form: special values, float32/float64, gradients and gradients of gradients
from _ref import *
import torch.nn as nn
import torch.nn.functional as F
special = [0.0, -0.0, 1e-30, -1e-310, 0.5, -0.9, 1.0, 1.5, -2.5, 3.9, 5.9, 6.5, -27.0, float('inf'), float('-inf'), float('nan')]
show("erf_f32", torch.tensor(special).erf())
show("erf_f64", torch.tensor(special, dtype=torch.float64).erf())
exact("erf_f64", torch.tensor(special, dtype=torch.float64).erf())
show("erf_int", torch.tensor([0, 1, -2]).erf())
x = torch.randn(6, requires_grad=True)
y = torch.erf(x * 2)
show("erf_y", y)
y.sum().backward()
show("erf_grad", x.grad)
xd = torch.tensor([0.3, -1.1, 2.0], dtype=torch.float64, requires_grad=True)
g, = torch.autograd.grad(xd.erf().sum(), xd, create_graph=True)
show("erf_g", g)
gg, = torch.autograd.grad(g.sum(), xd)
show("erf_gg", gg)
act = nn.GELU()
print(act)
h = torch.randn(2, 5, requires_grad=True)
o = act(h)
show("gelu", o)
(o * torch.arange(10.).reshape(2, 5)).sum().backward()
show("gelu_grad", h.grad)
# float64: PyTorch's float32 vectorised loop gives +0.0 for gelu(-0.0) and gelu(-10), its scalar loop -0.0
show("gelu_special", F.gelu(torch.tensor([0.0, -0.0, -10.0, 10.0, float('inf'), float('-inf'), float('nan')], dtype=torch.float64)))
hd = torch.tensor([-1.5, 0.25, 3.0], dtype=torch.float64, requires_grad=True)
gd, = torch.autograd.grad(F.gelu(hd).sum(), hd, create_graph=True)
show("gelu_g64", gd.detach())   # PyTorch names its node GeluBackwardBackward0
show("gelu_gg64", torch.autograd.grad(gd.sum(), hd)[0])
torch.manual_seed(3)   # losses far from a 6th-decimal rounding boundary
model = nn.Sequential(nn.Linear(3, 4), nn.GELU(), nn.Linear(4, 1))
print(model)
xs = torch.randn(8, 3)
ys = torch.randn(8, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for step in range(5):
    opt.zero_grad()
    loss = F.mse_loss(model(xs), ys)
    loss.backward()
    opt.step()
    print(f"step {step} loss {loss.item():.6f}")
show("w0", model[0].weight)
err("bad_approx", lambda: F.gelu(h, approximate="exact"))
