"""Drives the kit's C# kernel with Debian's jupyter_client (a client nobody here wrote) and prints
what it observed as one JSON object on the last line of stdout. The xunit test
(JupyterClientTests.cs) starts this with /usr/bin/python3 and asserts on the observations.

Usage: drive_kernel.py KERNEL_NAME WORK_DIR
Environment: JUPYTER_PATH must name the data dir holding the kernelspec; TUTORIAL_KERNEL_LOG the
kernel's log file (read back to find the entry for the forged message).
"""
import hashlib
import hmac
import json
import os
import signal
import sys
import time
import uuid
from datetime import datetime, timezone

import zmq
from jupyter_client.manager import KernelManager

kernel_name, work_dir = sys.argv[1], sys.argv[2]
facts = {}
TIMEOUT = 90


def log(text):
    print(text, file=sys.stderr, flush=True)


km = KernelManager(kernel_name=kernel_name)
started = time.monotonic()
km.start_kernel(cwd=work_dir)
process = km.provisioner.process
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=TIMEOUT)
facts["start_seconds"] = round(time.monotonic() - started, 2)
log(f"kernel ready after {facts['start_seconds']} s")


def collect(msg_id, answer=None, timeout=TIMEOUT, also=()):
    """iopub messages that are children of msg_id (and of the ids in `also`) until the idle status
    of each; answers input requests."""
    outputs, deadline = [], time.monotonic() + timeout
    waiting = {msg_id, *also}
    while time.monotonic() < deadline:
        if answer is not None:
            try:
                request = kc.get_stdin_msg(timeout=0.05)
                outputs.append({"type": request["msg_type"], "content": request["content"],
                                "parent": request["parent_header"].get("msg_id")})
                kc.input(answer)
            except Exception:  # queue.Empty
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.1)
        except Exception:  # queue.Empty
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent not in {msg_id, *also}:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            waiting.discard(parent)
            if not waiting:
                return outputs
            continue
        outputs.append({"type": msg["msg_type"], "content": msg["content"]})
    raise TimeoutError(f"no idle status for {msg_id}")


def shell_reply(msg_id, timeout=TIMEOUT):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def run(code, answer=None, **kwargs):
    msg_id = kc.execute(code, allow_stdin=answer is not None, **kwargs)
    outputs = collect(msg_id, answer)
    return shell_reply(msg_id)["content"], outputs


# kernel_info
msg_id = kc.kernel_info()
info = shell_reply(msg_id)["content"]
collect(msg_id)
facts["kernel_info"] = {k: info.get(k) for k in ("status", "protocol_version", "implementation", "language_info")}

# execute: stream, execute_result, error, silent
t = time.monotonic()
reply, outputs = run('Console.WriteLine("hello from C#");\nvar answer = 6 * 7;\nanswer')
facts["first_cell_seconds"] = round(time.monotonic() - t, 2)
facts["hello"] = {"reply": reply, "outputs": outputs}
reply, outputs = run('throw new InvalidOperationException("broken on purpose");')
facts["error"] = {"reply": reply, "outputs": outputs}
# stop_on_error: a request already waiting behind a failing cell is aborted, not run
first = kc.execute('throw new Exception("first fails");')
second = kc.execute('Console.WriteLine("second ran");')
facts["abort_first"] = shell_reply(first)["content"]["status"]
facts["abort_second"] = shell_reply(second)["content"]["status"]
facts["abort_outputs"] = collect(first, also=[second])
reply, outputs = run('Console.WriteLine("quiet"); answer + 1', silent=True)
facts["silent"] = {"reply": reply, "outputs": outputs}
reply, outputs = run('answer + 1', store_history=False)
facts["no_history"] = {"reply": reply, "outputs": outputs}

# display and update_display_data
reply, outputs = run('var handle = display("epoch 0");\nhandle.Update("epoch 1");\ndisplay(new Tutorial.Notebooks.Display.Html("<b>bold</b>"));')
facts["display"] = {"reply": reply, "outputs": outputs}

# completion and inspection
msg_id = kc.complete("System.Math.Ma", 14)
facts["complete_math"] = shell_reply(msg_id)["content"]
collect(msg_id)
run("var learningRate = 0.1;")
code = "learn"
msg_id = kc.complete(code, len(code))
facts["complete_variable"] = shell_reply(msg_id)["content"]
collect(msg_id)
code = "var xs = new List<int>(); xs.Ad"
msg_id = kc.complete(code, len(code))
facts["complete_instance"] = shell_reply(msg_id)["content"]
collect(msg_id)
code = "System.Math.Max(1, 2)"
msg_id = kc.inspect(code, len("System.Math.Ma"))
facts["inspect_max"] = shell_reply(msg_id)["content"]
collect(msg_id)
msg_id = kc.inspect("learningRate", 3)
facts["inspect_variable"] = shell_reply(msg_id)["content"]
collect(msg_id)
for name, code in (("for_open", "for (int i = 0; i < 3; i++) {"), ("statement", "var x = 1;")):
    msg_id = kc.is_complete(code)
    facts["is_complete_" + name] = shell_reply(msg_id)["content"]
    collect(msg_id)

# interrupt a cell that never ends, then keep working in the same session
run("var kept = 41;")
msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
time.sleep(1.5)
t = time.monotonic()
km.interrupt_kernel()
facts["interrupt_reply"] = shell_reply(msg_id, timeout=30)["content"]
facts["interrupt_seconds"] = round(time.monotonic() - t, 2)
collect(msg_id)
facts["after_interrupt"] = run("kept + 1")
msg_id = kc.execute("while (true) { }")
time.sleep(1.0)
km.interrupt_kernel()
facts["interrupt_empty_loop_reply"] = shell_reply(msg_id, timeout=30)["content"]
collect(msg_id)
# SIGINT, as a client in interrupt_mode "signal" (or Ctrl+C in a terminal) sends it
msg_id = kc.execute("while (true) { }")
time.sleep(1.0)
km.signal_kernel(signal.SIGINT)
facts["sigint_reply"] = shell_reply(msg_id, timeout=30)["content"]
collect(msg_id)
facts["alive_after_sigint"] = km.is_alive()

# Console.ReadLine through input_request
facts["input"] = run('var name = Console.ReadLine();\nConsole.WriteLine($"hello {name}");', answer="Ada")
facts["input_not_allowed"] = run("Console.ReadLine()")

# forged and unsigned messages on the shell socket: dropped, logged, never answered
key = km.session.key
facts["key"] = key.decode()


def raw_execute(signature_for, code):
    header = {"msg_id": uuid.uuid4().hex, "session": uuid.uuid4().hex, "username": "intruder",
              "date": datetime.now(timezone.utc).isoformat(), "msg_type": "execute_request", "version": "5.3"}
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    parts = [json.dumps(p).encode() for p in (header, {}, {}, content)]
    return header["msg_id"], [b"<IDS|MSG>", signature_for(parts)] + parts


context = zmq.Context.instance()
dealer = context.socket(zmq.DEALER)
dealer.linger = 0
dealer.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
time.sleep(0.3)


def answered(frames, wait):
    dealer.send_multipart(frames)
    if dealer.poll(int(wait * 1000)):
        got = dealer.recv_multipart()
        d = got.index(b"<IDS|MSG>")
        return json.loads(got[d + 3]).get("msg_id")
    return None


forged_id, frames = raw_execute(lambda parts: b"0" * 64, 'Console.WriteLine("forged message ran");')
facts["forged_answered"] = answered(frames, 3.0)
unsigned_id, frames = raw_execute(lambda parts: b"", 'Console.WriteLine("unsigned message ran");')
facts["unsigned_answered"] = answered(frames, 1.5)
signed_id, frames = raw_execute(lambda parts: hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest().encode(), "1 + 1")
facts["signed_answered_parent"] = answered(frames, 30)
facts["signed_msg_id"] = signed_id
dealer.close()
# the forged cells must not have printed anything anywhere
ran = []
while True:
    try:
        msg = kc.get_iopub_msg(timeout=0.5)
    except Exception:
        break
    if msg["msg_type"] == "stream":
        ran.append(msg["content"]["text"])
facts["streams_after_forgery"] = ran
with open(os.environ["TUTORIAL_KERNEL_LOG"], encoding="utf-8") as f:
    facts["log"] = f.read()

# restart: the old process ends, a new one starts with a fresh session (kept is gone)
km.restart_kernel(now=False)
facts["restart_old_exit_code"] = process.poll()
process = km.provisioner.process
kc.wait_for_ready(timeout=TIMEOUT)
facts["after_restart"] = run("kept")

# clean shutdown: the process ends by itself (not killed) with exit code 0
t = time.monotonic()
kc.stop_channels()
km.shutdown_kernel(now=False)
facts["shutdown_seconds"] = round(time.monotonic() - t, 2)
facts["exit_code"] = process.poll()
print(json.dumps(facts))
