"""Run untrusted code in the strongest sandbox this machine offers, and say what happened.

    run = sandbox_run({"solution.py": code, "harness.py": HARNESS}, language="python",
                      script="harness.py", args=[...])
    run.exit_code, run.stdout, run.limits_hit, run.isolation

The layers are built in `isolation.py`. Here the run is supervised from outside: a wall-clock
deadline, an output cap (reading stops and the run is killed past it), and a kill that reaches
every process of the run — its process group, its pid namespace (bubblewrap), and, when the
worker is root, every process of the run's own uid (which also catches children that escaped the
process group with setsid).
"""

import contextlib
import os
import resource
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

from .isolation import (
    SANDBOX_DIR,
    IsolationUnavailable,
    Limits,
    Runtime,
    bwrap_args,
    bwrap_works,
    claimed_uid,
    fallback_args,
    level_rank,
    minimum_level,
    rlimit_prefix,
    runtime_for,
    share_with,
)

STDERR_KEEP = 16 * 1024


class SandboxUnavailable(RuntimeError):
    """No interpreter for the language on this machine: an operator problem, not the candidate's."""


@dataclass
class SandboxRun:
    exit_code: int | None
    signal: int | None
    stdout: str
    stderr: str
    duration_ms: float
    cpu_ms: float = 0.0
    limits_hit: list[str] = field(default_factory=list)
    isolation: dict = field(default_factory=dict)


def _isolation(runtime: Runtime, run_dir: str, limits: Limits, uid: int | None) -> tuple[list[str], dict]:
    layers = []
    if uid is not None:
        layers.append(f"separate unprivileged uid {uid}")
    layers.append("rlimits: cpu, address space, processes, file size, open files, no core dumps")
    if bwrap_works():
        layers += [
            "bubblewrap: user, pid, network, ipc, uts and cgroup namespaces",
            "read-only minimal root (interpreter, stdlib, shared libraries); no /etc, no project files",
            "empty environment; size-capped /tmp; no nested user namespaces",
        ]
        return bwrap_args(runtime, run_dir, limits), {"level": "bubblewrap", "layers": layers}
    extra, more = fallback_args(uid, run_dir, limits)
    hidden = any("unshare" in layer for layer in more)
    level = "namespaces" if hidden else "uid" if uid is not None else "rlimits"
    layers += more + ["empty environment"]
    layers.append("host system files visible read-only (/usr, /lib)" if hidden else "host files visible")
    return extra, {"level": level, "layers": layers}


def _prepare(files: dict[str, str], uid: int | None) -> str:
    """A private directory with the run's files: readable by the run's uid, writable by nobody."""
    run_dir = tempfile.mkdtemp(prefix="code-run-")
    for name, text in files.items():
        path = os.path.join(run_dir, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(path, 0o644)
    # Readable by the run's own gid only: other runs (other uids) cannot even list it. Without root
    # the run is the worker's own user and mkdtemp's 0700 is enough.
    share_with(run_dir, uid)
    return run_dir


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except (OSError, ValueError):
        return []


def _reap(proc: subprocess.Popen, timeout: float) -> resource.struct_rusage | None:
    """Wait for the run's first process, with its CPU time (itself plus every process it reaped)."""
    deadline = time.monotonic() + timeout
    while proc.returncode is None:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return usage
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.01)
    return None  # reaped already


def _kill_all(proc: subprocess.Popen, uid: int | None) -> resource.struct_rusage | None:
    """Kill the run, innermost first, so every process is reaped by its own parent (no zombies)."""
    # Under bubblewrap the child is the namespace's pid 1: when it dies the kernel kills the rest.
    for child in _children(proc.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    usage = _reap(proc, 2.0)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    if uid is not None:
        # kill(-1) as the run's uid reaches every process it owns, including setsid() escapees.
        subprocess.run(["/bin/kill", "-KILL", "-1"], user=uid, group=uid, extra_groups=[],  # noqa: S603
                       capture_output=True, timeout=5, check=False)
    return usage or _reap(proc, 5.0)


def _read(proc: subprocess.Popen, limits: Limits, deadline: float) -> tuple[dict[int, bytearray], list[str]]:
    """Read both pipes until EOF, the deadline or the output cap."""
    buffers = {proc.stdout.fileno(): bytearray(), proc.stderr.fileno(): bytearray()}
    with selectors.DefaultSelector() as selector:
        for fd in buffers:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return buffers, ["timeout"]
            for key, _ in selector.select(min(remaining, 0.5)):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fd)
                    continue
                buffers[key.fd] += chunk
                if sum(map(len, buffers.values())) > limits.output_bytes:
                    return buffers, ["output"]
    return buffers, []


def _supervise(proc: subprocess.Popen, limits: Limits, uid: int | None) -> tuple[bytes, bytes, list[str], float]:
    """Output, stderr tail, limits hit and CPU seconds; the run is over (and killed if need be) on return."""
    deadline = time.monotonic() + limits.wall_s
    buffers, hits = _read(proc, limits, deadline)
    usage = None if hits else _reap(proc, max(0.0, deadline - time.monotonic()))
    if usage is None and not hits:
        hits.append("timeout")  # closed its output but kept running
    killed_usage = _kill_all(proc, uid)
    usage = usage or killed_usage
    cpu_s = (usage.ru_utime + usage.ru_stime) if usage else 0.0
    out, err = buffers[proc.stdout.fileno()], buffers[proc.stderr.fileno()]
    return bytes(out[: limits.output_bytes]), bytes(err[-STDERR_KEEP:]), hits, cpu_s


def _start(runtime: Runtime, run_dir: str, uid: int | None, limits: Limits, script: str, args: list[str],
           flags: tuple[str, ...]) -> tuple[subprocess.Popen, dict]:
    wrapper, isolation = _isolation(runtime, run_dir, limits, uid)
    minimum = minimum_level()
    if level_rank(isolation["level"]) < level_rank(minimum):
        raise IsolationUnavailable(isolation["level"], minimum)  # fail closed: nothing has started
    inner = isolation["level"] == "bubblewrap"
    argv = rlimit_prefix(limits, runtime) + wrapper + runtime.argv(
        f"{SANDBOX_DIR}/{script}" if inner else script, args, limits, inner, flags
    )
    # setpriv drops the uid itself (after unshare, which needs root); otherwise Popen does.
    drop = {"user": uid, "group": uid, "extra_groups": []} if uid is not None and (
        inner or "setpriv" not in " ".join(wrapper)) else {}
    proc = subprocess.Popen(  # noqa: S603 - argv is built here, never from candidate text
        argv, cwd="/" if inner else run_dir, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": run_dir},
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **drop,
    )
    return proc, isolation


def _result(proc: subprocess.Popen, isolation: dict, limits: Limits, supervised: tuple, duration: float) -> SandboxRun:
    out, err, hits, cpu_s = supervised
    code = proc.returncode
    exit_code, sig = (code, None) if code is None or code >= 0 else (None, -code)
    if isolation["level"] == "bubblewrap" and exit_code is not None and exit_code > 128:
        exit_code, sig = None, exit_code - 128  # bubblewrap reports a signal death as 128 + signal
    if cpu_s >= limits.cpu_s and (sig or exit_code) and "cpu" not in hits:
        hits.append("cpu")  # it died having used its whole CPU budget (the signal may be hidden by unshare)
    return SandboxRun(
        exit_code=exit_code, signal=sig, stdout=out.decode("utf-8", "replace"), stderr=err.decode("utf-8", "replace"),
        duration_ms=round(duration, 1), cpu_ms=round(cpu_s * 1000, 1), limits_hit=hits, isolation=isolation,
    )


def sandbox_run(
    files: dict[str, str], *, language: str, script: str, args: list[str], limits: Limits | None = None,
    flags: tuple[str, ...] = (),
) -> SandboxRun:
    """Run `script` (one of `files`) with `args` in a fresh sandbox; never raises for what the code does.

    `flags` go to the interpreter before the script (e.g. `--check` for node). Raises
    SandboxUnavailable when the machine has no interpreter for `language`, and IsolationUnavailable
    (before anything starts) when it cannot isolate the run at `CODE_SANDBOX_MIN_LEVEL`.
    """
    limits = limits or Limits()
    runtime = runtime_for(language)
    if runtime is None:
        raise SandboxUnavailable(f"no {language} interpreter on this machine")
    run = _run_once(files, runtime, limits, script, args, flags)
    if run.isolation["level"] == "bubblewrap" and _bwrap_setup_failed(run):
        # bubblewrap worked at the last probe but could not build its namespaces now (a changed
        # seccomp policy, a sysctl): nothing of the candidate's ran. Probe again and rerun at the
        # level the machine offers now, which the minimum then accepts or refuses.
        bwrap_works.cache_clear()
        run = _run_once(files, runtime, limits, script, args, flags)
    return run


def _bwrap_setup_failed(run: SandboxRun) -> bool:
    return run.exit_code == 1 and not run.stdout and run.stderr.startswith("bwrap: ")


def _run_once(files: dict[str, str], runtime: Runtime, limits: Limits, script: str, args: list[str],
              flags: tuple[str, ...]) -> SandboxRun:
    with claimed_uid() as uid:
        run_dir = _prepare(files, uid)
        try:
            started = time.monotonic()
            proc, isolation = _start(runtime, run_dir, uid, limits, script, args, flags)
            try:
                supervised = _supervise(proc, limits, uid)
            except BaseException:  # e.g. Celery's soft time limit: the run must not outlive the task
                _kill_all(proc, uid)
                raise
            finally:
                proc.stdout.close()
                proc.stderr.close()
            duration = (time.monotonic() - started) * 1000
        finally:
            shutil.rmtree(run_dir, ignore_errors=True)
    return _result(proc, isolation, limits, supervised, duration)
