"""Reference values for the dense layers, from PyTorch in float64.

Run with Debian's interpreter (it has python3-torch):  /usr/bin/python3 generate_layers.py
Writes layers.json beside this script. Each case holds the input x, the upstream gradient dy, every parameter
(by its PyTorch name) and buffer before the step, and what PyTorch computed: y, dx, the parameter gradients
(grad.<name>) and the buffers after the step (after.<name>). Inputs are random normals from a fixed seed, so no
element sits exactly at a kink (0 for ReLU-like layers, beta*x = threshold for Softplus).
"""

import json
import os

import torch

torch.manual_seed(20240601)
torch.set_default_dtype(torch.float64)


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def run(module, x, train=True):
    """One forward and backward pass of module at x with a random upstream gradient; returns the case."""
    module.train(train)
    case = {"module": repr(module), "x": tensor(x)}
    for name, p in module.named_parameters():
        case[name] = tensor(p)
    for name, b in module.named_buffers():
        if b.is_floating_point():
            case[name] = tensor(b)
    x = x.clone().requires_grad_(True)
    y = module(x)
    dy = torch.randn_like(y)
    y.backward(dy)
    case["dy"] = tensor(dy)
    case["y"] = tensor(y)
    case["dx"] = tensor(x.grad)
    for name, p in module.named_parameters():
        case["grad." + name] = tensor(p.grad)
    for name, b in module.named_buffers():
        if b.is_floating_point():
            case["after." + name] = tensor(b)
    return case


def randomize(module):
    """Random parameters instead of the defaults (zero biases, unit gains would hide mistakes)."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.copy_(torch.randn_like(p) * 0.5)
            if isinstance(module, torch.nn.BatchNorm1d) and name == "weight":
                p.add_(1.0)
    return module


cases = {}
cases["linear"] = run(randomize(torch.nn.Linear(5, 3)), torch.randn(4, 5))
cases["relu"] = run(torch.nn.ReLU(), torch.randn(3, 5))
cases["sigmoid"] = run(torch.nn.Sigmoid(), torch.randn(3, 5) * 3)
cases["tanh"] = run(torch.nn.Tanh(), torch.randn(3, 5) * 2)
cases["leaky_relu"] = run(torch.nn.LeakyReLU(0.1), torch.randn(3, 5))
cases["elu"] = run(torch.nn.ELU(alpha=1.3), torch.randn(3, 5) * 2)
cases["gelu"] = run(torch.nn.GELU(), torch.randn(4, 6) * 2)
cases["gelu_tanh"] = run(torch.nn.GELU(approximate="tanh"), torch.randn(4, 6) * 2)
cases["softplus"] = run(torch.nn.Softplus(beta=2.0, threshold=3.0), torch.randn(4, 6) * 1.5)
cases["softmax"] = run(torch.nn.Softmax(dim=-1), torch.randn(2, 3, 5) * 3)

bn = randomize(torch.nn.BatchNorm1d(4, eps=1e-5, momentum=0.3))
with torch.no_grad():
    bn.running_mean.copy_(torch.randn(4) * 0.5)
    bn.running_var.copy_(torch.rand(4) + 0.5)
cases["batchnorm_train"] = run(bn, torch.randn(6, 4) * 2 + 1, train=True)

bn = randomize(torch.nn.BatchNorm1d(4, eps=1e-3, momentum=0.1))
with torch.no_grad():
    bn.running_mean.copy_(torch.randn(4) * 0.5)
    bn.running_var.copy_(torch.rand(4) + 0.5)
cases["batchnorm_eval"] = run(bn, torch.randn(5, 4) * 2 + 1, train=False)

model = torch.nn.Sequential(
    torch.nn.Linear(5, 6), torch.nn.BatchNorm1d(6), torch.nn.ELU(), torch.nn.Linear(6, 4),
    torch.nn.Tanh(), torch.nn.Linear(4, 3), torch.nn.Softmax(dim=-1))
for m in model:
    if isinstance(m, (torch.nn.Linear, torch.nn.BatchNorm1d)):
        randomize(m)
cases["sequential_train"] = run(model, torch.randn(4, 5), train=True)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layers.json")
with open(path, "w") as f:
    json.dump({"generator": "generate_layers.py", "torch": torch.__version__, "cases": cases}, f)
print(f"wrote {path}: {len(cases)} cases, {os.path.getsize(path)} bytes")
