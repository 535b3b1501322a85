"""Reference values for symmetric int8 quantisation (Tutorial.Engine.Compression.Int8Quantization), from PyTorch.

Run with Debian's interpreter, which has torch:   /usr/bin/python3 generate_quantization.py
Writes quantization.json next to this script. The weights are float32 values (stored exactly as float64).
Scales are the float32 values of max|w| / 127 (per tensor, and per row = per output channel, axis 0);
torch.quantize_per_tensor / quantize_per_channel with zero point 0 and dtype qint8 give the integers.
"""
import json
import os

import torch

torch.manual_seed(20240610)


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


w = (torch.randn(12, 20) * torch.linspace(0.05, 1.0, 12).unsqueeze(1)).to(torch.float32)
per_tensor_scale = torch.tensor(float(w.abs().max()) / 127, dtype=torch.float32)
per_row_scales = (w.abs().amax(dim=1).double() / 127).to(torch.float32)

q_tensor = torch.quantize_per_tensor(w, float(per_tensor_scale), 0, torch.qint8)
q_rows = torch.quantize_per_channel(w, per_row_scales.double(), torch.zeros(12, dtype=torch.long), 0, torch.qint8)

cases = {
    "w": t(w.double()),
    "per_tensor_scale": float(per_tensor_scale),
    "per_tensor_q": t(q_tensor.int_repr().double()),
    "per_tensor_dequantized": t(q_tensor.dequantize().double()),
    "per_row_scales": t(per_row_scales.double()),
    "per_row_q": t(q_rows.int_repr().double()),
    "per_row_dequantized": t(q_rows.dequantize().double()),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "quantization.json"), "w") as f:
    json.dump(cases, f)
