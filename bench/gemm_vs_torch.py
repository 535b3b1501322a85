"""Driver for bench/gemm-vs-torch.sh: alternates engine and torch.mm measurements round by round.

Both sides run as long-lived worker processes that answer "m n k threads reps" with the median
seconds per multiply over `reps` timed batches (each batch >= 20 ms, after a warm-up). The engine
worker is `Tutorial.Bench gemm-serve`; the torch workers are this file with `--torch-worker`, one
per thread count, started with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = torch.set_num_threads.
Every round measures every (size, threads) on both sides, back to back, switching which side goes
first each round; the table reports the median over rounds, so load from other processes on the
machine hits both sides alike.
"""
import argparse
import datetime
import os
import shlex
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_workers  # noqa: E402
from bench_workers import cpu_model  # noqa: E402

BATCH_SECONDS = 0.020


def torch_worker():
    import torch
    threads = int(os.environ["OMP_NUM_THREADS"])
    torch.set_num_threads(threads)
    cache = {}
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        m, n, k, _, reps = map(int, parts[:5])
        if (m, n, k) not in cache:
            g = torch.Generator().manual_seed(42)
            cache[(m, n, k)] = (torch.rand(m, k, generator=g) * 2 - 1, torch.rand(k, n, generator=g) * 2 - 1,
                                torch.empty(m, n))
        a, b, c = cache[(m, n, k)]
        t0, calls = time.perf_counter(), 0
        while time.perf_counter() - t0 < 0.2 or calls < 3:
            torch.mm(a, b, out=c)
            calls += 1
        batch = max(1, int(BATCH_SECONDS / ((time.perf_counter() - t0) / calls)))
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            for _ in range(batch):
                torch.mm(a, b, out=c)
            times.append((time.perf_counter() - t) / batch)
        times.sort()
        print(repr(times[reps // 2]), flush=True)


class Worker(bench_workers.Worker):
    def measure(self, size, threads, reps):
        return float(self.ask(f"{size} {size} {size} {threads} {reps}"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine")
    ap.add_argument("--sizes", default="64,128,256,512,1024")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--torch-worker", action="store_true")
    args = ap.parse_args()
    if args.torch_worker:
        return torch_worker()
    if not args.engine:
        ap.error("--engine is required")

    sizes = [int(s) for s in args.sizes.split(",")]
    thread_counts = [int(t) for t in args.threads.split(",")]
    engine = Worker(shlex.split(args.engine))
    torch_workers = {}
    for t in thread_counts:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(t), OMP_NUM_THREADS=str(t), MKL_NUM_THREADS=str(t))
        torch_workers[t] = Worker([sys.executable, os.path.abspath(__file__), "--torch-worker"], env)

    import torch  # only for the version line
    print(f"# {datetime.datetime.now():%Y-%m-%d %H:%M}  {cpu_model()}  load average {os.getloadavg()[0]:.1f}")
    print(f"# torch {torch.__version__}; {args.rounds} rounds x {args.reps} batches of >= {BATCH_SECONDS * 1000:.0f} ms; medians over rounds")

    results = {(s, t): ([], []) for s in sizes for t in thread_counts}
    for r in range(args.rounds):
        for s in sizes:
            for t in thread_counts:
                eng, tor = results[(s, t)]
                if r % 2 == 0:
                    eng.append(engine.measure(s, t, args.reps))
                    tor.append(torch_workers[t].measure(s, t, args.reps))
                else:
                    tor.append(torch_workers[t].measure(s, t, args.reps))
                    eng.append(engine.measure(s, t, args.reps))
        print(f"# round {r + 1}/{args.rounds} done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)

    print(f"{'size':>6} {'threads':>7} {'engine GFLOP/s':>15} {'torch GFLOP/s':>14} {'engine/torch':>13}  {'ratio range over rounds':>24}")
    for s in sizes:
        for t in thread_counts:
            eng, tor = results[(s, t)]
            flops = 2.0 * s ** 3
            e, g = flops / statistics.median(eng) / 1e9, flops / statistics.median(tor) / 1e9
            ratios = sorted(te / ee for ee, te in zip(eng, tor))
            print(f"{s:>6} {t:>7} {e:>15.1f} {g:>14.1f} {e / g:>13.2f}  {ratios[0]:>11.2f} .. {ratios[-1]:.2f}")
    print(f"# load average at end {os.getloadavg()[0]:.1f}")

    engine.close()
    for w in torch_workers.values():
        w.close()


if __name__ == "__main__":
    main()
