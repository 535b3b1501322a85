"""Reference values for the recurrent layers (Rnn, Lstm, Gru) from PyTorch, in float64.

Run with Debian's interpreter, which has torch:  /usr/bin/python3 generate_rnn.py
Writes rnn.json next to this script. Each case holds the module's weights (state-dict names),
the input x (batch-first), the initial states (if any), the upstream gradients, and what PyTorch
computes: the output, the final states, dX, the gradients of the initial states and of every weight.

The scalar whose gradients are taken is
    L = sum(out * dY) + sum(h_n * dHn) + sum(c_n * dCn)
where out is the whole output sequence, or out[:, -1] for the "last step" cases.
"""
import json
import os

import torch

torch.manual_seed(20240611)
torch.set_default_dtype(torch.float64)


def t(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def case(kind, num_layers, n, steps, d, h, with_states, last):
    module = {"RNN": torch.nn.RNN, "LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[kind](
        input_size=d, hidden_size=h, num_layers=num_layers, batch_first=True)
    x = torch.randn(n, steps, d, requires_grad=True)
    h0 = torch.randn(num_layers, n, h, requires_grad=True) if with_states else None
    c0 = torch.randn(num_layers, n, h, requires_grad=True) if with_states and kind == "LSTM" else None

    if kind == "LSTM":
        out, (hn, cn) = module(x, (h0, c0) if with_states else None)
    else:
        out, hn = module(x, h0)
        cn = None

    y = out[:, -1] if last else out
    dY = torch.randn(*y.shape)
    loss = (y * dY).sum()
    dHn = dCn = None
    if with_states:
        dHn = torch.randn(*hn.shape)
        loss = loss + (hn * dHn).sum()
        if cn is not None:
            dCn = torch.randn(*cn.shape)
            loss = loss + (cn * dCn).sum()
    loss.backward()

    result = {
        "kind": kind, "num_layers": num_layers, "input_size": d, "hidden_size": h, "last": last,
        "x": t(x), "dY": t(dY), "y": t(y), "hn": t(hn), "dX": t(x.grad),
        "weights": {name: t(p) for name, p in module.named_parameters()},
        "grads": {name: t(p.grad) for name, p in module.named_parameters()},
    }
    if cn is not None:
        result["cn"] = t(cn)
    if with_states:
        result["h0"] = t(h0)
        result["dHn"] = t(dHn)
        result["dH0"] = t(h0.grad)
        if c0 is not None:
            result["c0"] = t(c0)
            result["dCn"] = t(dCn)
            result["dC0"] = t(c0.grad)
    return result


cases = {
    "rnn": case("RNN", 2, 2, 4, 4, 3, with_states=True, last=False),
    "lstm": case("LSTM", 2, 2, 4, 4, 3, with_states=True, last=False),
    "gru": case("GRU", 2, 2, 4, 4, 3, with_states=True, last=False),
    "rnn_last": case("RNN", 1, 2, 5, 3, 3, with_states=False, last=True),
    "lstm_last": case("LSTM", 1, 2, 5, 3, 3, with_states=False, last=True),
    "gru_last": case("GRU", 1, 2, 5, 3, 3, with_states=False, last=True),
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {path} ({os.path.getsize(path)} bytes)")
