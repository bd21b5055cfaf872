# SGD (nesterov, weight decay, dampening), RMSprop (centered, momentum), Adagrad, Adam(amsgrad), param groups, schedulers
from _ref import *
import torch.nn as nn

def train(make, steps=6, sched=None):
    torch.manual_seed(3)
    model = nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 2))
    x = torch.randn(10, 4); y = torch.randn(10, 2)
    opt = make(model)
    s = sched(opt) if sched else None
    losses = []
    for step in range(steps):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        if s: s.step()
        losses.append(f"{loss.item():.6f}")
    print(" ".join(losses))
    return model, opt, s

train(lambda m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01))
train(lambda m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.5, dampening=0.3))
train(lambda m: torch.optim.RMSprop(m.parameters(), lr=0.01))
train(lambda m: torch.optim.RMSprop(m.parameters(), lr=0.01, momentum=0.9, centered=True, weight_decay=0.1))
train(lambda m: torch.optim.Adagrad(m.parameters(), lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1))
m, opt, _ = train(lambda m: torch.optim.Adam(m.parameters(), lr=0.02, amsgrad=True, weight_decay=0.05))
show("adam_state_keys", list(opt.state_dict()["state"][0].keys()))
show("adam_group_params", opt.state_dict()["param_groups"][0]["params"])
show("adam_step", opt.state_dict()["state"][0]["step"])
m, opt, _ = train(lambda m: torch.optim.SGD([{"params": m[0].parameters()}, {"params": m[2].parameters(), "lr": 0.2}], lr=0.01, momentum=0.9))
show("group_lrs", [g["lr"] for g in opt.param_groups])
_, _, s = train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), steps=7, sched=lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5))
show("steplr", s.get_last_lr())
_, _, s = train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), steps=7, sched=lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[2, 5], gamma=0.1))
show("multisteplr", s.get_last_lr())
_, _, s = train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), steps=7, sched=lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9))
show("explr", s.get_last_lr())
_, _, s = train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), steps=7, sched=lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.01))
show("cosine", s.get_last_lr())
_, _, s = train(lambda m: torch.optim.SGD(m.parameters(), lr=0.1), steps=7, sched=lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1.0 / (e + 1)))
show("lambdalr", s.get_last_lr())
err("bad_lr", lambda: torch.optim.SGD(m.parameters(), lr=-0.1))
err("nesterov", lambda: torch.optim.SGD(m.parameters(), lr=0.1, nesterov=True))
err("bad_beta", lambda: torch.optim.Adam(m.parameters(), betas=(1.0, 0.999)))
err("empty", lambda: torch.optim.SGD([], lr=0.1))
