"""Shared by the bench drivers (gemm_vs_torch.py, training_vs_torch.py): long-lived worker processes that answer one
request line with one result line, and the machine's CPU description for the table header."""
import subprocess


class Worker:
    """A process that reads requests on stdin and writes one line per request on stdout; "quit" ends it."""

    def __init__(self, command, env=None):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)

    def ask(self, request):
        """Sends one request line and returns the worker's answer line."""
        self.proc.stdin.write(request + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker exited while answering '{request}'")
        return line

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait()


def cpu_model():
    """'AMD EPYC, 2 CPUs' from lscpu, or '?'."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        return f"{fields.get('Model name', '?').strip()}, {fields.get('CPU(s)', '?').strip()} CPUs"
    except OSError:
        return "?"
