"""PyTorch twins of the engine's training workloads (bench/Tutorial.Bench/Training/TrainingWorkload.cs).

    mlp   x: (10000, 784) -> Linear 784->128, ReLU, Linear 128->10; cross-entropy; SGD; batch 64; unit = one epoch
    cnn   x: (10000, 1, 28, 28) -> Conv 1->8 k5, ReLU, MaxPool 2, Conv 8->16 k5, ReLU, MaxPool 2, Flatten,
          Linear 256->10; batch 64; unit = one epoch (157 steps, the last one 16 samples)
    lstm  x: (32, 50, 64) -> LSTM 64->128 (batch_first), Linear 128->64 at every step; mean cross-entropy
          over the 32*50 positions against targets in [0, 64); unit = one step

Synthetic data with fixed seeds, the same shapes as the engine's (the values differ; they do not affect speed).
A step is forward, loss, zero_grad, backward, SGD step. Batches are slices (views) of the data tensor.

    /usr/bin/python3 bench/torch_training.py --workload mlp --threads 1      # standalone
    /usr/bin/python3 bench/torch_training.py --serve                         # worker for training_vs_torch.py

As a worker it reads "workload threads reps" lines and answers "<median seconds per unit> - - <peak RSS bytes>".
The thread count must also be in OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before torch is imported (the driver
starts one worker per thread count); torch.set_num_threads alone leaves Debian's OpenBLAS on all cores.
"""
import argparse
import os
import resource
import sys
import time

SAMPLES, BATCH, LR = 10_000, 64, 0.01
MIN_BATCH_SECONDS = 0.050


class Workload:
    def __init__(self, name):
        import torch
        from torch import nn
        g = torch.Generator().manual_seed(1234)
        torch.manual_seed(1234)
        self.name = name
        if name == "mlp":
            self.model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
            x = torch.rand(SAMPLES, 784, generator=g)
            y = torch.randint(0, 10, (SAMPLES,), generator=g)
        elif name == "cnn":
            self.model = nn.Sequential(
                nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                nn.Flatten(), nn.Linear(256, 10))
            x = torch.rand(SAMPLES, 1, 28, 28, generator=g)
            y = torch.randint(0, 10, (SAMPLES,), generator=g)
        elif name == "lstm":
            self.lstm = nn.LSTM(64, 128, batch_first=True)
            self.head = nn.Linear(128, 64)
            self.model = nn.ModuleList([self.lstm, self.head])
            x = torch.randn(32, 50, 64, generator=g)
            y = torch.randint(0, 64, (32, 50), generator=g)
        else:
            raise ValueError(f"unknown workload {name}; use mlp, cnn or lstm")
        self.loss = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LR)
        if name == "lstm":
            self.batches = [(x, y)]
        else:
            self.batches = [(x[i:i + BATCH], y[i:i + BATCH]) for i in range(0, SAMPLES, BATCH)]
        self.steps_per_unit = len(self.batches)
        self.unit = "step" if name == "lstm" else "epoch"

    def forward(self, x):
        if self.name == "lstm":
            out, _ = self.lstm(x)                  # (32, 50, 128)
            return self.head(out).reshape(-1, 64)  # (1600, 64)
        return self.model(x)

    def run_unit(self):
        loss = None
        for x, y in self.batches:
            prediction = self.forward(x)
            loss = self.loss(prediction, y.reshape(-1))
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return float(loss)


_workloads = {}


def measure(name, threads, reps):
    import torch
    torch.set_num_threads(threads)
    if name not in _workloads:
        _workloads[name] = Workload(name)
        _workloads[name].run_unit()
    w = _workloads[name]
    t0, units = time.perf_counter(), 0
    while time.perf_counter() - t0 < 0.1 or units < 1:
        w.run_unit()
        units += 1
    per_batch = max(1, int(-(-MIN_BATCH_SECONDS // ((time.perf_counter() - t0) / units))))
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(per_batch):
            w.run_unit()
        times.append((time.perf_counter() - t) / per_batch)
    times.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return times[reps // 2], peak, w


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", default="mlp")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--serve", action="store_true")
    args = ap.parse_args()
    if args.serve:
        for line in sys.stdin:
            parts = line.split()
            if not parts or parts[0] == "quit":
                break
            seconds, peak, _ = measure(parts[0], int(parts[1]), int(parts[2]))
            print(f"{seconds!r} - - {peak}", flush=True)
        return
    threads = args.threads or int(os.environ.get("OMP_NUM_THREADS", "1"))
    if os.environ.get("OMP_NUM_THREADS") != str(threads) or os.environ.get("OPENBLAS_NUM_THREADS") != str(threads):
        print(f"# note: set OMP_NUM_THREADS={threads} OPENBLAS_NUM_THREADS={threads} for a true {threads}-thread run", file=sys.stderr)
    for name in args.workload.split(","):
        seconds, peak, w = measure(name, threads, args.reps)
        print(f"{name:<5} threads {threads}: {seconds * 1000:9.2f} ms per {w.unit} "
              f"({seconds / w.steps_per_unit * 1e6:.0f} µs per step), peak RSS {peak / 1048576:.0f} MB")


if __name__ == "__main__":
    main()
