#!/usr/bin/python3
"""Reference values and gradients of the losses, computed by PyTorch 1.13 in float64.

Run with Debian's interpreter (it has python3-torch):  /usr/bin/python3 generate_losses.py
Writes losses.json next to this script: a list of cases, each with the loss's name and
hyperparameters, the prediction and target tensors, the loss value (mean reduction) and the
gradient dL/dprediction from autograd. Inputs are drawn away from kinks (|p - y| = delta, zero
differences, hinge margins at exactly zero) so the gradients are unambiguous.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(20240611)


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=gen) * scale


def uniform(low, high, *shape):
    return low + (high - low) * torch.rand(*shape, generator=gen)


def away_from(x, points, gap):
    """Nudges elements of x that lie within gap of any point outward so kinks are avoided."""
    x = x.clone()
    for p in points:
        close = (x - p).abs() < gap
        x[close] = p + torch.where(x[close] >= p, torch.tensor(gap), torch.tensor(-gap)) * 2
    return x


cases = []


def add(name, params, prediction, target, fn):
    pred = prediction.clone().requires_grad_(True)
    value = fn(pred, target)
    value.backward()
    cases.append({
        "loss": name,
        "params": params,
        "prediction": tensor(prediction),
        "target": tensor(target),
        "value": float(value.item()),
        "grad": tensor(pred.grad),
    })


# Regression losses on non-square shapes (and one 3-D shape: they are elementwise).
for shape in [(3, 5), (2, 3, 4)]:
    y = randn(*shape)
    d = away_from(randn(*shape, scale=1.5), [0.0, 1.0, -1.0, 0.5, -0.5], 0.02)
    p = y + d
    add("mse", {}, p, y, lambda a, b: F.mse_loss(a, b))
    add("l1", {}, p, y, lambda a, b: F.l1_loss(a, b))
    add("huber", {"delta": 1.0}, p, y, lambda a, b: F.huber_loss(a, b, delta=1.0))
    add("huber", {"delta": 0.5}, p, y, lambda a, b: F.huber_loss(a, b, delta=0.5))

# Binary cross-entropy on probabilities: hard and soft targets.
p = uniform(0.05, 0.95, 4, 3)
y_hard = (torch.rand(4, 3, generator=gen) > 0.5).double()
y_soft = uniform(0.0, 1.0, 4, 3)
add("bce", {}, p, y_hard, lambda a, b: F.binary_cross_entropy(a, b))
add("bce", {}, p, y_soft, lambda a, b: F.binary_cross_entropy(a, b))
# Saturated probabilities: log is clamped at -100, the gradient's denominator at 1e-12.
p_sat = torch.tensor([[0.0, 1.0, 0.3], [1.0, 0.0, 0.7]])
y_sat = torch.tensor([[1.0, 0.0, 0.5], [1.0, 0.0, 0.0]])
add("bce", {}, p_sat, y_sat, lambda a, b: F.binary_cross_entropy(a, b))

# Binary cross-entropy with logits, including logits far beyond exp's range.
z = randn(3, 4, scale=3.0)
add("bce_logits", {}, z, y_soft.reshape(3, 4), lambda a, b: F.binary_cross_entropy_with_logits(a, b))
z_big = torch.tensor([[800.0, -800.0, 40.0], [-40.0, 0.25, -3.0]])
y_big = torch.tensor([[0.0, 1.0, 1.0], [0.0, 0.5, 1.0]])
add("bce_logits", {}, z_big, y_big, lambda a, b: F.binary_cross_entropy_with_logits(a, b))

# Softmax cross-entropy from logits with integer targets.
logits = randn(5, 4, scale=2.0)
labels = torch.tensor([3, 0, 1, 3, 2])
add("softmax_ce", {}, logits, labels.double(), lambda a, b: F.cross_entropy(a, b.long()))
logits_big = torch.tensor([[1000.0, -1000.0, 0.0], [-500.0, 500.0, 499.0]])
add("softmax_ce", {}, logits_big, torch.tensor([2.0, 1.0]), lambda a, b: F.cross_entropy(a, b.long()))

# Binary hinge with labels in {-1, +1}: mean(max(0, 1 - y*s)).
y_pm = torch.where(torch.rand(4, 3, generator=gen) > 0.5, torch.tensor(1.0), torch.tensor(-1.0))
s = away_from(randn(4, 3, scale=1.5), [1.0, -1.0], 0.03)
add("hinge", {}, s, y_pm, lambda a, b: torch.clamp(1 - a * b, min=0).mean())

# Multi-class hinge (MultiMarginLoss), p = 1 margin = 1 and p = 2 margin = 0.7.
def margins_clear(scores, targets, margin):
    m = margin - scores.gather(1, targets[:, None]) + scores
    return bool((m.abs() > 0.02).all())

for p_norm, margin in [(1, 1.0), (2, 0.7)]:
    while True:
        sc = randn(5, 4)
        tg = torch.randint(0, 4, (5,), generator=gen)
        if margins_clear(sc, tg, margin):
            break
    add("multi_margin", {"p": p_norm, "margin": margin}, sc, tg.double(),
        lambda a, b, p_norm=p_norm, margin=margin: F.multi_margin_loss(a, b.long(), p=p_norm, margin=margin))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses.json")
with open(out, "w") as f:
    json.dump({"generator": "generate_losses.py", "torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {out}")
