"""How a sandboxed process is started: the strongest isolation this machine offers, and which it was.

Layers, outermost first (each one is reported in the result, so a recruiter or an operator can
see what actually contained a run):

1. `uid`: when the worker is root, the run gets its own unprivileged uid (a slot taken with a file
   lock), so one candidate's processes can neither signal nor read another's, and every process
   of the run can be killed at once by uid.
2. `rlimits` (`prlimit`): CPU seconds, address space, processes, file size, open files, no core
   dumps. They hold even when every other layer is missing.
3. `bubblewrap`: new user, pid, network, IPC, UTS and cgroup namespaces; a root file system built
   from nothing but the interpreter, its standard library and shared libraries, read-only; the
   submission bind-mounted read-only at /sandbox; size-capped tmpfs for /tmp and /dev/shm; an
   empty environment; no nested user namespaces; killed with its parent.
   Without bubblewrap (or where it cannot build namespaces), a root worker falls back to `unshare`
   (mount, network, IPC, UTS and pid namespaces; an empty size-capped tmpfs over every top-level
   directory but /usr, /lib*, /bin, /sbin, /proc and /dev, and over the project wherever it is;
   the run directory read-only at /tmp/sandbox)
   plus `setpriv` (uid, no new privileges, no capabilities). /usr and /lib stay visible there.
   Where even unshare is refused (an unprivileged container), only the uid and the rlimits remain.
   The result's `isolation` names the level (`bubblewrap`, `namespaces`, `uid`, `rlimits`) and
   its layers.

bwrap runs with `--as-pid-1`: the candidate's process is the namespace's init and bubblewrap's
direct child, so it is reaped by bubblewrap itself (no zombie left to the host's init, which would
hold the uid's process count); `init` semantics also mean signals it has no handler for are ignored,
so the CPU limit ends in SIGKILL at the hard limit, detected from the CPU time used.

Fail closed: `CODE_SANDBOX_MIN_LEVEL` (default `namespaces`) is the weakest level at which candidate
code may run at all. Below it `sandbox_run` raises `IsolationUnavailable` before anything starts;
`uid` and `rlimits` are accepted as a minimum only with `DJANGO_DEBUG` on (a developer's explicit
opt-in), never in a deployment.
"""

import fcntl
import functools
import os
import shutil
import subprocess
import sysconfig
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SANDBOX_DIR = "/sandbox"
INNER_UID = 65534  # "nobody" inside the user namespace
UID_BASE = 210_000  # far above any account a Debian system hands out
UID_SLOTS = 256
SLOT_DIR = Path(tempfile.gettempdir()) / "code-sandbox-slots"
INNER_PATH = "/usr/bin"
# Weakest first. What each isolates is in the module docstring and the README's sandbox section.
LEVELS = ("rlimits", "uid", "namespaces", "bubblewrap")
DEFAULT_MIN_LEVEL = "namespaces"
WEAK_LEVELS = ("rlimits", "uid")


class IsolationUnavailable(RuntimeError):
    """The machine cannot isolate candidate code at the required level: nothing was run."""

    code = "isolation_unavailable"

    def __init__(self, level: str, minimum: str):
        self.level, self.minimum = level, minimum
        super().__init__(
            f"The sandbox here offers only '{level}' isolation and the minimum is '{minimum}' "
            "(CODE_SANDBOX_MIN_LEVEL), so the code was not run."
        )


def level_rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def minimum_level(environ=None) -> str:
    """The weakest isolation at which candidate code may run, from `CODE_SANDBOX_MIN_LEVEL`.

    Raises ValueError for an unknown level, or for `uid`/`rlimits` without `DJANGO_DEBUG` on: the
    weak levels leave the host's files, processes and network within the code's reach.
    """
    environ = os.environ if environ is None else environ
    level = (environ.get("CODE_SANDBOX_MIN_LEVEL") or DEFAULT_MIN_LEVEL).strip().lower()
    if level not in LEVELS:
        raise ValueError(f"CODE_SANDBOX_MIN_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}")
    if level in WEAK_LEVELS and not _truthy(environ.get("DJANGO_DEBUG")):
        raise ValueError(
            f"CODE_SANDBOX_MIN_LEVEL={level} leaves the host within candidate code's reach; it is allowed only "
            "in development (DJANGO_DEBUG=1)"
        )
    return level


@dataclass(frozen=True)
class Limits:
    """What one run may use. Memory is address space for Python and heap + address space for Node."""

    wall_s: float = 20.0
    cpu_s: int = 10
    per_test_s: float = 2.0
    memory_bytes: int = 512 * 1024 * 1024
    node_heap_mb: int = 256
    node_address_bytes: int = 1280 * 1024 * 1024  # V8 reserves ~1 GiB of address space up front
    processes: int = 32
    file_bytes: int = 8 * 1024 * 1024
    open_files: int = 64
    output_bytes: int = 1024 * 1024
    tmp_bytes: int = 16 * 1024 * 1024


@dataclass(frozen=True)
class Runtime:
    """An interpreter as it appears inside the sandbox, and the host paths it needs."""

    name: str  # "python" or "node"
    host_path: str
    inner_path: str
    binds: tuple[str, ...]

    def argv(self, script: str, args: list[str], limits: Limits, inner: bool, flags: tuple[str, ...] = ()) -> list[str]:
        exe = self.inner_path if inner else self.host_path
        if self.name == "python":
            # -I: ignore PYTHON* variables and the user site; -S: no site-packages; -B: no .pyc writes.
            return [exe, "-I", "-S", "-B", "-X", "utf8", *flags, script, *args]
        return [exe, f"--max-old-space-size={limits.node_heap_mb}", "--stack-size=2048", *flags, script, *args]


def _multiarch() -> str:
    return sysconfig.get_config_var("MULTIARCH") or f"{os.uname().machine}-linux-gnu"


def _library_dirs() -> list[str]:
    arch = _multiarch()
    dirs = [f"/usr/lib/{arch}", "/usr/lib64"]
    # On a merged-/usr system (Debian 12) /lib and /lib64 are symlinks, recreated inside as symlinks.
    if not os.path.islink("/lib"):
        dirs.append(f"/lib/{arch}")
    if not os.path.islink("/lib64"):
        dirs.append("/lib64")
    return [d for d in dirs if os.path.isdir(d)]


@functools.cache
def python_runtime() -> Runtime | None:
    """The system Python (not the project's venv): its binary and standard library, nothing else."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if not os.access(candidate, os.X_OK):
            continue
        exe = os.path.realpath(candidate)
        probe = subprocess.run(  # noqa: S603 - a fixed interpreter path and a fixed script
            [exe, "-I", "-S", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
            capture_output=True, text=True, timeout=10, check=False,
        )
        stdlib = probe.stdout.strip()
        if probe.returncode == 0 and os.path.isdir(stdlib):
            libpython = [str(p) for p in Path(stdlib).parent.glob("libpython3*.so*")]
            return Runtime("python", exe, f"{INNER_PATH}/python3", (stdlib, *libpython))
    return None


@functools.cache
def node_runtime() -> Runtime | None:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        return None
    return Runtime("node", os.path.realpath(found), f"{INNER_PATH}/node", ())


def runtime_for(language: str) -> Runtime | None:
    return python_runtime() if language == "python" else node_runtime() if language == "javascript" else None


def is_root() -> bool:
    return os.geteuid() == 0


@contextmanager
def claimed_uid() -> Iterator[int | None]:
    """A uid no other run on this machine holds right now (None when the worker is not root)."""
    if not is_root():
        yield None
        return
    SLOT_DIR.mkdir(mode=0o700, exist_ok=True)
    for slot in range(UID_SLOTS):
        with open(SLOT_DIR / f"{slot}.lock", "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            try:
                yield UID_BASE + slot
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
            return
    raise RuntimeError("every sandbox uid slot is busy")


def rlimit_prefix(limits: Limits, runtime: Runtime) -> list[str]:
    address = limits.node_address_bytes if runtime.name == "node" else limits.memory_bytes
    prlimit = shutil.which("prlimit") or "/usr/bin/prlimit"
    return [
        # CPU soft < hard: SIGXCPU comes first, so the cause of the kill is unambiguous.
        prlimit, f"--cpu={limits.cpu_s}:{limits.cpu_s + 1}", f"--as={address}", f"--nproc={limits.processes}",
        f"--fsize={limits.file_bytes}", f"--nofile={limits.open_files}", "--core=0", "--",
    ]


def bwrap_args(runtime: Runtime, run_dir: str, limits: Limits) -> list[str]:
    """The bubblewrap command line: an empty root, then only what the interpreter needs, read-only."""
    args = [
        shutil.which("bwrap") or "bwrap",
        "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1",
        "--cap-drop", "ALL", "--uid", str(INNER_UID), "--gid", str(INNER_UID), "--hostname", "sandbox",
    ]
    for directory in _library_dirs():
        args += ["--ro-bind", directory, directory]
    for name in ("lib", "lib64"):
        if os.path.islink(f"/{name}"):
            args += ["--symlink", f"usr/{name}", f"/{name}"]
    args += ["--ro-bind", runtime.host_path, runtime.inner_path]
    for path in runtime.binds:
        args += ["--ro-bind", path, path]
    # /tmp and /dev/shm here are fresh, size-capped tmpfs mounts inside the sandbox, not the host's.
    args += [
        "--proc", "/proc", "--dev", "/dev",
        "--size", str(1024 * 1024), "--tmpfs", "/dev/shm", "--remount-ro", "/dev",  # noqa: S108
        "--size", str(limits.tmp_bytes), "--tmpfs", "/tmp",  # noqa: S108
        "--ro-bind", run_dir, SANDBOX_DIR, "--chdir", SANDBOX_DIR,
        "--clearenv", "--setenv", "PATH", INNER_PATH, "--setenv", "HOME", "/tmp",  # noqa: S108
        "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8", "--",  # noqa: S108
    ]
    return args


def share_with(run_dir: str, uid: int | None) -> None:
    """Let the run's uid (alone) read a root-owned directory: group = its gid, no write, no others."""
    if uid is not None:
        os.chown(run_dir, 0, uid)
        os.chmod(run_dir, 0o750)  # noqa: S103 - group is the run's private gid


PROJECT_DIR = Path(__file__).resolve().parents[2]
# The fallback covers every top-level directory with an empty tmpfs except these, where the
# interpreters and their libraries live: a deny-list would miss any directory it did not name
# (another checkout, a data volume), so nothing outside the system's own is left visible.
_SYSTEM_DIRS = {"/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/proc", "/dev"}


def hidden_dirs() -> list[str]:
    """Every top-level directory but the system's own, /dev/shm, and the project wherever it is."""
    root = Path("/")
    hidden = [
        str(p) for p in sorted(root.iterdir()) if str(p) not in _SYSTEM_DIRS and p.is_dir() and not p.is_symlink()
    ]
    project = str(PROJECT_DIR)
    if not any(project == h or project.startswith(h + "/") for h in hidden):
        hidden.append(project)  # a project under a system directory, e.g. /usr/src/app
    return [*hidden, "/dev/shm"]  # noqa: S108


# Runs as root inside the new namespaces: hold the run directory as the working directory (its
# host path is about to be covered), cover the host directories, bind the run directory read-only
# at /tmp/sandbox, then drop privileges (setpriv, the rest of the args).
_HIDE_SCRIPT = (
    'cd "$1" && shift && for d in $HIDE; do [ -d "$d" ] && [ ! -L "$d" ] && '
    'mount -t tmpfs -o size=$SIZE,mode=1777,nosuid,nodev,noexec tmpfs "$d"; done; '
    'mkdir /tmp/sandbox && mount --no-canonicalize --bind . /tmp/sandbox && mount -o remount,bind,ro /tmp/sandbox && '
    'cd /tmp/sandbox && unset HIDE SIZE OLDPWD && exec "$@"'
)


def fallback_args(uid: int | None, run_dir: str, limits: Limits) -> tuple[list[str], list[str]]:
    """Namespaces, hidden host directories and a privilege drop without bubblewrap (root only),
    and the layers they give."""
    if uid is None:
        return [], []
    args, layers = [], []
    setpriv = shutil.which("setpriv")
    if setpriv and _unshare_works():  # unshare needs root, so only with setpriv to drop it afterwards
        hide = " ".join(hidden_dirs())
        args += [shutil.which("unshare") or "unshare", "--mount", "--net", "--ipc", "--uts", "--pid", "--fork",
                 "--kill-child", "--mount-proc", "--", "/usr/bin/env", f"HIDE={hide}", f"SIZE={limits.tmp_bytes}",
                 "/bin/sh", "-c", _HIDE_SCRIPT, "sh", run_dir]
        layers += ["namespaces: mount, net, ipc, uts, pid (unshare)",
                   f"empty tmpfs over {hide} (host /usr and /lib stay visible)"]
    if setpriv:
        args += [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs",
                 "--inh-caps=-all", "--bounding-set=-all", "--"]
        layers.append("no new privileges, no capabilities (setpriv)")
    return args, layers


def detect_level() -> str:
    """The isolation level a run started now would get (probed afresh, not from a cached answer)."""
    bwrap_works.cache_clear()
    _unshare_works.cache_clear()
    if bwrap_works():
        return "bubblewrap"
    if not is_root():
        return "rlimits"
    return "namespaces" if shutil.which("setpriv") and _unshare_works() else "uid"


@functools.cache
def _unshare_works() -> bool:
    unshare = shutil.which("unshare")
    if not unshare or not is_root():
        return False
    probe = subprocess.run([unshare, "--net", "--ipc", "--uts", "--pid", "--fork", "--mount-proc", "true"],  # noqa: S603
                           capture_output=True, timeout=10, check=False)
    return probe.returncode == 0


@functools.cache
def bwrap_works() -> bool:
    """Whether bubblewrap can build its namespaces here (an unprivileged container often refuses)."""
    runtime = python_runtime() or node_runtime()
    if not shutil.which("bwrap") or runtime is None:
        return False
    with tempfile.TemporaryDirectory() as run_dir, claimed_uid() as uid:
        share_with(run_dir, uid)
        check = "pass" if runtime.name == "python" else "0"
        argv = bwrap_args(runtime, run_dir, Limits()) + (
            [runtime.inner_path, "-I", "-S", "-c", check] if runtime.name == "python"
            else [runtime.inner_path, "-e", check]
        )
        user = {"user": uid, "group": uid, "extra_groups": []} if uid is not None else {}
        try:
            probe = subprocess.run(argv, capture_output=True, timeout=20, check=False, **user)  # noqa: S603
        except (OSError, subprocess.SubprocessError):
            return False
    return probe.returncode == 0
