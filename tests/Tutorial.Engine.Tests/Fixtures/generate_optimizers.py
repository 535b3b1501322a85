#!/usr/bin/python3
"""Reference trajectories of the optimizers, learning-rate schedules and gradient clipping, from PyTorch 1.13 in float64.

Run with Debian's interpreter (it has python3-torch):  /usr/bin/python3 generate_optimizers.py
Writes optimizers.json next to this script with three sections:

- "problems" and "runs": each run builds one torch.optim optimizer on one of two fixed functions, then for every
  step computes the gradient with autograd, calls optimizer.step() (and scheduler.step() when the run has a schedule)
  and records every parameter after the step. The C# tests compute the same gradients by formula:
    rosenbrock: one parameter p of shape (2,), f = (1 - p0)^2 + 100 (p1 - p0^2)^2
    quadratic:  two parameters W (2, 3) and b (3,); v = concat(W.flatten(), b) in R^9,
                f = 1/2 (v - c)^T A (v - c), A symmetric positive definite with eigenvalues 1 ... 100
                (condition number 100), so the gradient is A (v - c).
- "schedules": the learning rate after 0, 1, 2, ... scheduler.step() calls.
- "clipping": gradients before and after clip_grad_norm_ / clip_grad_value_, and the returned total norm.
"""
import json
import math
import os
import warnings

import torch

warnings.filterwarnings("ignore")
torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(1913)
STEPS = 10


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


# ---- the two problems -------------------------------------------------------------------------------
eigen = torch.logspace(0, 2, 9)                       # 1 ... 100
q, _ = torch.linalg.qr(torch.randn(9, 9, generator=gen))
A = q @ torch.diag(eigen) @ q.T
A = (A + A.T) / 2
c = torch.randn(9, generator=gen)
quad_start = [torch.randn(2, 3, generator=gen), torch.randn(3, generator=gen)]
rosen_start = [torch.tensor([-1.2, 1.0])]

problems = {
    "rosenbrock": {"start": [tensor(t) for t in rosen_start]},
    "quadratic": {"start": [tensor(t) for t in quad_start], "A": tensor(A), "c": tensor(c)},
}


def loss_of(problem, params):
    if problem == "rosenbrock":
        p = params[0]
        return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    v = torch.cat([params[0].reshape(-1), params[1]]) - c
    return 0.5 * v @ (A @ v)


# ---- optimizer configurations --------------------------------------------------------------------------
configs = [
    ("sgd", {"lr": 1e-3}),
    ("sgd", {"lr": 1e-3, "momentum": 0.9}),
    ("sgd", {"lr": 1e-3, "momentum": 0.9, "dampening": 0.5}),
    ("sgd", {"lr": 1e-3, "momentum": 0.9, "nesterov": True}),
    ("sgd", {"lr": 1e-3, "momentum": 0.8, "weight_decay": 0.1}),
    ("sgd", {"lr": 1e-3, "weight_decay": 0.5}),
    ("adagrad", {"lr": 0.1}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.1, "initial_accumulator_value": 0.5, "weight_decay": 0.05, "eps": 1e-6}),
    ("rmsprop", {"lr": 0.01}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.5, "alpha": 0.9}),
    ("rmsprop", {"lr": 0.01, "centered": True}),
    ("rmsprop", {"lr": 0.005, "centered": True, "momentum": 0.7, "weight_decay": 0.1, "eps": 1e-6}),
    ("adam", {"lr": 0.05}),
    ("adam", {"lr": 0.05, "weight_decay": 0.1}),
    ("adam", {"lr": 0.05, "betas": (0.9, 0.6), "amsgrad": True}),
    ("adam", {"lr": 0.05, "betas": (0.5, 0.9), "eps": 1e-4}),
    ("adamw", {"lr": 0.05}),
    ("adamw", {"lr": 0.05, "betas": (0.9, 0.6), "weight_decay": 0.1, "amsgrad": True}),
]
# Runs whose learning rate a schedule changes after every step.
scheduled = [
    ("sgd", {"lr": 1e-3, "momentum": 0.9}, {"type": "step", "step_size": 3, "gamma": 0.5}),
    ("adam", {"lr": 0.05}, {"type": "cosine", "t_max": 10, "eta_min": 0.001}),
]

classes = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}


def make_scheduler(opt, s):
    if s is None:
        return None
    if s["type"] == "step":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=s["step_size"], gamma=s["gamma"])
    if s["type"] == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=s["t_max"], eta_min=s["eta_min"])
    raise ValueError(s)


runs = []
for problem in ["rosenbrock", "quadratic"]:
    for name, hyper, sched in [(n, h, None) for n, h in configs] + scheduled:
        start = rosen_start if problem == "rosenbrock" else quad_start
        params = [t.clone().requires_grad_(True) for t in start]
        opt = classes[name](params, foreach=False, **hyper)
        scheduler = make_scheduler(opt, sched)
        trajectory, losses = [], []
        for _ in range(STEPS):
            opt.zero_grad()
            loss = loss_of(problem, params)
            loss.backward()
            losses.append(float(loss.item()))
            opt.step()
            if scheduler is not None:
                scheduler.step()
            trajectory.append([[float(v) for v in p.detach().reshape(-1).tolist()] for p in params])
        runs.append({"optimizer": name, "hyper": {k: (list(v) if isinstance(v, tuple) else v) for k, v in hyper.items()},
                     "schedule": sched, "problem": problem, "losses": losses, "trajectory": trajectory})

# ---- schedules -------------------------------------------------------------------------------------------
def lrs_of(make, base, count):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base)
    s = make(opt)
    out = []
    for _ in range(count):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        s.step()
    return out


sch = torch.optim.lr_scheduler
schedules = [
    {"type": "step", "base": 0.1, "step_size": 3, "gamma": 0.5,
     "lrs": lrs_of(lambda o: sch.StepLR(o, step_size=3, gamma=0.5), 0.1, 12)},
    {"type": "exponential", "base": 0.1, "gamma": 0.9,
     "lrs": lrs_of(lambda o: sch.ExponentialLR(o, gamma=0.9), 0.1, 12)},
    {"type": "cosine", "base": 0.1, "t_max": 10, "eta_min": 0.001,
     "lrs": lrs_of(lambda o: sch.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 0.1, 25)},
    {"type": "cosine", "base": 0.05, "t_max": 7, "eta_min": 0.0,
     "lrs": lrs_of(lambda o: sch.CosineAnnealingLR(o, T_max=7), 0.05, 10)},
    {"type": "linear", "base": 0.1, "start_factor": 0.25, "end_factor": 1.0, "total_iters": 4,
     "lrs": lrs_of(lambda o: sch.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=4), 0.1, 8)},
    {"type": "linear", "base": 0.2, "start_factor": 1.0 / 3, "end_factor": 0.5, "total_iters": 5,
     "lrs": lrs_of(lambda o: sch.LinearLR(o, start_factor=1.0 / 3, end_factor=0.5, total_iters=5), 0.2, 9)},
    {"type": "warmup_cosine", "base": 0.1, "start_factor": 0.1, "warmup": 3, "t_max": 7, "eta_min": 0.0,
     "lrs": lrs_of(lambda o: sch.SequentialLR(o, [sch.LinearLR(o, start_factor=0.1, total_iters=3),
                                                 sch.CosineAnnealingLR(o, T_max=7)], milestones=[3]), 0.1, 11)},
]

# ---- clipping ----------------------------------------------------------------------------------------------
shapes = [(3, 4), (4,), (2, 2, 2)]
grads = [torch.randn(*s, generator=gen) for s in shapes]
clipping = []
for kind, limit, norm_type in [("norm", 1.0, 2.0), ("norm", 100.0, 2.0), ("norm", 0.5, math.inf), ("norm", 2.0, 1.0),
                               ("norm", 1.5, 3.0), ("value", 0.3, None)]:
    params = [torch.zeros(*s, requires_grad=True) for s in shapes]
    for p, g in zip(params, grads):
        p.grad = g.clone()
    if kind == "norm":
        total = float(torch.nn.utils.clip_grad_norm_(params, max_norm=limit, norm_type=norm_type))
    else:
        torch.nn.utils.clip_grad_value_(params, clip_value=limit)
        total = None
    clipping.append({"kind": kind, "limit": limit, "norm_type": "inf" if norm_type == math.inf else norm_type,
                     "total_norm": total, "before": [tensor(g) for g in grads], "after": [tensor(p.grad) for p in params]})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json")
with open(out, "w") as f:
    json.dump({"generator": "generate_optimizers.py", "torch": torch.__version__, "steps": STEPS, "problems": problems,
               "runs": runs, "schedules": schedules, "clipping": clipping}, f, separators=(",", ":"))
print(f"wrote {len(runs)} runs, {len(schedules)} schedules, {len(clipping)} clipping cases to {out}")
