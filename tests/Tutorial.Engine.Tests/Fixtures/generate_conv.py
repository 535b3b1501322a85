"""Reference values for Conv2D, MaxPool2D, AvgPool2D, GlobalAvgPool2D and Embedding, from PyTorch in float64.

Run with Debian's interpreter, which has torch:   /usr/bin/python3 generate_conv.py
Writes conv.json next to this script. Inputs are rounded to 4 decimals so the file stays small;
outputs and gradients keep full double precision (repr round-trips exactly).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20240607)
torch.set_default_dtype(torch.float64)


def rounded(*shape, scale=1.0):
    return torch.round(torch.randn(*shape) * scale * 1e4) / 1e4


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def pair(v):
    return list(v) if isinstance(v, tuple) else [v, v]


def conv_case(name, n, c_in, c_out, h, w, k, stride=1, padding=0, dilation=1, bias=True):
    k = tuple(pair(k))
    x = rounded(n, c_in, h, w).requires_grad_()
    weight = rounded(c_out, c_in, *k, scale=0.5).requires_grad_()
    b = rounded(c_out).requires_grad_() if bias else None
    y = F.conv2d(x, weight, b, stride=stride, padding=padding, dilation=dilation)
    dy = rounded(*y.shape)
    y.backward(dy)
    return {
        "name": name, "stride": pair(stride), "padding": pair(padding), "dilation": pair(dilation),
        "x": t(x), "weight": t(weight), "bias": t(b) if bias else None, "dy": t(dy),
        "y": t(y), "dx": t(x.grad), "dw": t(weight.grad), "db": t(b.grad) if bias else None,
    }


def pool_case(kind, name, n, c, h, w, k, stride=None, padding=0, count_include_pad=True, ties=False):
    x = (torch.randint(0, 3, (n, c, h, w)).double() if ties else rounded(n, c, h, w)).requires_grad_()
    if kind == "max":
        y = F.max_pool2d(x, k, stride=stride, padding=padding)
    else:
        y = F.avg_pool2d(x, k, stride=stride, padding=padding, count_include_pad=count_include_pad)
    dy = rounded(*y.shape)
    y.backward(dy)
    return {
        "name": name, "kernel": pair(k), "stride": pair(stride if stride is not None else k), "padding": pair(padding),
        "countIncludePad": count_include_pad, "x": t(x), "dy": t(dy), "y": t(y), "dx": t(x.grad),
    }


fixture = {
    "conv": [
        conv_case("basic k3", 2, 2, 3, 6, 5, 3),
        conv_case("stride 2, padding 1, kernel (3, 2), image 9x7", 2, 2, 3, 9, 7, (3, 2), stride=2, padding=1),
        conv_case("dilation (2, 1), padding (2, 1), stride (1, 2), no bias", 1, 2, 2, 8, 10, (2, 3),
                  stride=(1, 2), padding=(2, 1), dilation=(2, 1), bias=False),
        conv_case("1x1", 2, 3, 2, 3, 4, 1),
        conv_case("k5 padding 2 (same)", 1, 2, 2, 6, 6, 5, padding=2),
        conv_case("stride 3 > kernel 2, padding 1", 2, 1, 2, 8, 11, 2, stride=3, padding=1),
    ],
    "maxpool": [
        pool_case("max", "k2", 2, 2, 4, 6, 2),
        pool_case("max", "k3 s2 p1 odd", 1, 2, 7, 9, 3, stride=2, padding=1),
        pool_case("max", "k(2,3) s(1,2) p(1,1)", 2, 1, 5, 7, (2, 3), stride=(1, 2), padding=(1, 1)),
        pool_case("max", "ties, overlapping k3 s1", 1, 2, 5, 6, 3, stride=1, ties=True),
        pool_case("max", "ties k2", 2, 1, 4, 6, 2, ties=True),
    ],
    "avgpool": [
        pool_case("avg", "k2", 2, 2, 6, 4, 2),
        pool_case("avg", "k3 s2 p1 include pad", 1, 2, 7, 6, 3, stride=2, padding=1),
        pool_case("avg", "k3 s2 p1 exclude pad", 1, 2, 7, 6, 3, stride=2, padding=1, count_include_pad=False),
        pool_case("avg", "k(3,2) s(2,1) p(1,0) exclude pad", 2, 1, 6, 5, (3, 2), stride=(2, 1), padding=(1, 0),
                  count_include_pad=False),
    ],
}

x = rounded(2, 3, 5, 4).requires_grad_()
y = F.adaptive_avg_pool2d(x, 1).reshape(2, 3)
dy = rounded(2, 3)
y.backward(dy)
fixture["globalavgpool"] = {"x": t(x), "dy": t(dy), "y": t(y), "dx": t(x.grad)}

ids = torch.tensor([[1, 3, 1, 6], [6, 0, 1, 1]])
weight = rounded(7, 3).requires_grad_()
y = F.embedding(ids, weight)
dy = rounded(*y.shape)
y.backward(dy)
fixture["embedding"] = {"ids": t(ids.double()), "weight": t(weight), "dy": t(dy), "y": t(y), "dw": t(weight.grad)}

# Output sizes straight from torch: (size, kernel, stride, padding, dilation) -> size of conv2d's output.
sizes = []
for size, k, s, p, d in [(28, 5, 1, 0, 1), (12, 5, 1, 0, 1), (28, 5, 1, 2, 1), (32, 3, 2, 1, 1), (7, 3, 2, 0, 1),
                         (8, 3, 2, 0, 1), (9, 2, 3, 1, 1), (10, 3, 1, 2, 2), (10, 3, 3, 0, 3), (5, 5, 1, 0, 1),
                         (1, 1, 1, 0, 1), (224, 7, 2, 3, 1), (6, 4, 4, 1, 1), (11, 3, 5, 1, 2)]:
    out = F.conv2d(torch.zeros(1, 1, size, 1), torch.zeros(1, 1, k, 1), stride=(s, 1), padding=(p, 0), dilation=(d, 1))
    sizes.append([size, k, s, p, d, out.shape[2]])
fixture["outputSizes"] = sizes

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv.json")
with open(path, "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
print(f"wrote {path}: {os.path.getsize(path)} bytes")
