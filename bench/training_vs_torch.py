"""Driver for bench/training-vs-torch.sh: engine and PyTorch training steps, alternately, round by round.

Workers (long-lived processes, each answering "workload threads reps" with one line):
  engine   `Tutorial.Bench train-serve`: "<median s per unit> <bytes/step this thread> <bytes/step all threads> <peak WS>"
  torch    `bench/torch_training.py --serve`, one per thread count, started with
           OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = MKL_NUM_THREADS = torch.set_num_threads = threads
Every round measures every (workload, threads) on both sides back to back, switching which side goes first
each round. The table gives per (workload, threads) the median over rounds of each side and their ratio, the
range of the per-round ratios, and the ratio against PyTorch at its best (the faster of its 1- and 2-thread
medians). A unit is one epoch over 10,000 samples (mlp, cnn) or one batch step (lstm).
"""
import argparse
import datetime
import os
import shlex
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_workers  # noqa: E402
from bench_workers import cpu_model  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class Worker(bench_workers.Worker):
    def measure(self, workload, threads, reps):
        line = self.ask(f"{workload} {threads} {reps}")
        seconds, thread_bytes, total_bytes, peak = line.split()
        num = lambda s: None if s == "-" else float(s)
        return float(seconds), num(thread_bytes), num(total_bytes), int(peak)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", required=True)
    ap.add_argument("--workloads", default="mlp,cnn,lstm")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    workloads = args.workloads.split(",")
    thread_counts = [int(t) for t in args.threads.split(",")]
    engine = Worker(shlex.split(args.engine))
    torch_workers = {}
    for t in thread_counts:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(t), OMP_NUM_THREADS=str(t), MKL_NUM_THREADS=str(t))
        torch_workers[t] = Worker([sys.executable, os.path.join(HERE, "torch_training.py"), "--serve"], env)

    import torch  # only for the version line
    load_start = os.getloadavg()[0]
    print(f"# {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC  {cpu_model()}  load average {load_start:.1f}")
    print(f"# torch {torch.__version__}; {args.rounds} rounds x {args.reps} timed batches (>= 50 ms each); medians over rounds")

    keys = [(w, t) for w in workloads for t in thread_counts]
    eng = {k: [] for k in keys}
    tor = {k: [] for k in keys}
    mem = {}
    for r in range(args.rounds):
        for k in keys:
            w, t = k
            if r % 2 == 0:
                e = engine.measure(w, t, args.reps)
                g = torch_workers[t].measure(w, t, args.reps)
            else:
                g = torch_workers[t].measure(w, t, args.reps)
                e = engine.measure(w, t, args.reps)
            eng[k].append(e[0])
            tor[k].append(g[0])
            mem[k] = (e[1], e[2], e[3], g[3])
        print(f"# round {r + 1}/{args.rounds} done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)

    unit = {"mlp": "epoch", "cnn": "epoch", "lstm": "step"}
    print(f"{'workload':<8} {'thr':>3} {'unit':>5} {'engine ms':>10} {'torch ms':>10} {'eng/torch':>9} {'range':>13} "
          f"{'eng/torch best':>14} {'B/step':>9} {'B/step all':>10} {'engine WS':>9} {'torch RSS':>9}")
    for w in workloads:
        best = min(statistics.median(tor[(w, t)]) for t in thread_counts)
        for t in thread_counts:
            k = (w, t)
            e, g = statistics.median(eng[k]), statistics.median(tor[k])
            ratios = sorted(ee / tt for ee, tt in zip(eng[k], tor[k]))
            tb, ab, ws, rss = mem[k]
            print(f"{w:<8} {t:>3} {unit.get(w, '?'):>5} {e * 1000:>10.2f} {g * 1000:>10.2f} {e / g:>9.2f} "
                  f"{ratios[0]:>6.2f}..{ratios[-1]:<5.2f} {e / best:>14.2f} {tb:>9.0f} {ab:>10.0f} "
                  f"{ws / 1048576:>7.0f}MB {rss / 1048576:>7.0f}MB")
    print(f"# eng/torch: same thread count; eng/torch best: against the faster of torch's thread counts. "
          f"B/step: engine bytes allocated per training step (training thread; all threads). "
          f"WS/RSS: peak of the whole worker process (all workloads so far).")
    print(f"# load average at end {os.getloadavg()[0]:.1f}")
    engine.close()
    for wk in torch_workers.values():
        wk.close()


if __name__ == "__main__":
    main()
