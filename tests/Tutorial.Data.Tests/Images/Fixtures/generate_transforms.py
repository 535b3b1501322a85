"""Reference values for tests/Tutorial.Data.Tests/Images/ImageTransformsTests.cs from PyTorch.

Run with Debian's python3-torch:  /usr/bin/python3 generate_transforms.py
Writes transforms.json next to this file; tensors are {"shape": [...], "data": [...]} in float64.

- resize: F.interpolate(mode="bilinear", align_corners=False), the convention ImageTransforms.Resize follows.
- rotate / shift: F.affine_grid + F.grid_sample(mode="bilinear", padding_mode="zeros",
  align_corners=False). In normalised coordinates affine_grid's theta maps each OUTPUT pixel to its
  SOURCE point, exactly the inverse mapping of ImageTransforms.Warp; for a square image a rotation
  about the normalised origin is a rotation about the pixel centre ((W-1)/2, (H-1)/2), and
  padding_mode="zeros" treats out-of-image neighbours as 0, i.e. fill = 0.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(7)
dtype = torch.float64


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def warp(x, theta):
    """x: (C, H, W); theta: 2x3 in normalised coordinates."""
    grid = F.affine_grid(theta[None], [1, *x.shape], align_corners=False)
    return F.grid_sample(x[None], grid, mode="bilinear", padding_mode="zeros", align_corners=False)[0]


out = {}

x = torch.rand(2, 5, 7, dtype=dtype)
out["resize_input"] = t(x)
out["resize_up_8x11"] = t(F.interpolate(x[None], size=(8, 11), mode="bilinear", align_corners=False)[0])
out["resize_down_3x4"] = t(F.interpolate(x[None], size=(3, 4), mode="bilinear", align_corners=False)[0])

r = torch.rand(2, 7, 7, dtype=dtype)
out["rotate_input"] = t(r)
for deg in (30.0, -75.0):
    th = math.radians(deg)
    theta = torch.tensor([[math.cos(th), -math.sin(th), 0.0], [math.sin(th), math.cos(th), 0.0]], dtype=dtype)
    out[f"rotate_{int(deg)}"] = t(warp(r, theta))

s = torch.rand(1, 5, 8, dtype=dtype)
dx, dy = 1.5, -0.75
H, W = s.shape[1], s.shape[2]
theta = torch.tensor([[1.0, 0.0, -2 * dx / W], [0.0, 1.0, -2 * dy / H]], dtype=dtype)
out["shift_input"] = t(s)
out["shift_dx1.5_dy-0.75"] = t(warp(s, theta))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transforms.json")
with open(path, "w") as f:
    json.dump(out, f)
print(f"wrote {path}")
