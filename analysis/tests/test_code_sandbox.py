"""Hostile submissions: each is contained, reported, and the worker (this process) carries on.

Every case runs the candidate's code through the same path as a real evaluation (`run_tests`:
sandbox, harness, grading outside). Limits are tightened so the suite stays fast; the defaults
only make each wall further away.
"""

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest

from analysis.code import isolation
from analysis.code.bank import get_task
from analysis.code.isolation import PROJECT_DIR, UID_BASE, UID_SLOTS, Limits
from analysis.code.runner import run_tests

FAST = Limits(wall_s=10, cpu_s=3, per_test_s=2)  # a loaded CI machine must not turn a MemoryError into a timeout
SECRET = "s3cr3t-interview-db-password"
BWRAP = isolation.bwrap_works()
if not BWRAP and os.environ.get("CI") == "true":
    raise RuntimeError("CI must prove the hostile-submission table under bubblewrap, and bwrap cannot run here")
needs_bubblewrap = pytest.mark.skipif(not BWRAP, reason="bubblewrap cannot build namespaces here")
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="the uid layer needs a root worker")

MERGE = get_task("merge_intervals")
WORKS = "def merge_intervals(intervals):\n    return []\n"  # passes only the empty-input test


def python(prelude: str, body: str = "    return []") -> str:
    """A submission: hostile code at import time, then a (wrong) solution so the harness can run tests."""
    return f"{prelude}\n\ndef merge_intervals(intervals):\n{body}\n"


def run(code: str, language: str = "python", limits: Limits = FAST) -> dict:
    return run_tests(MERGE, language, code, limits=limits)


def sandbox_processes() -> list[int]:
    """Processes owned by any sandbox uid still alive on this machine."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if UID_BASE <= os.stat(f"/proc/{pid}").st_uid < UID_BASE + UID_SLOTS:
                found.append(int(pid))
        except FileNotFoundError:
            continue
    return found


def allow_weak_levels(monkeypatch):
    """The developer's explicit opt-in that the uid and rlimits levels need (never in a deployment)."""
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("CODE_SANDBOX_MIN_LEVEL", "rlimits")


@pytest.fixture(autouse=True)
def weaker_sandbox_on_a_developer_machine(monkeypatch):
    # Without bubblewrap (a developer's laptop; never CI, see above) the table runs at the level the
    # machine has, opted in as a developer would.
    if not BWRAP:
        allow_weak_levels(monkeypatch)


@pytest.fixture(autouse=True)
def fake_secret(monkeypatch):
    # In the worker's environment, as a real database password or API key would be.
    monkeypatch.setenv("INTERVIEW_FAKE_SECRET", SECRET)
    monkeypatch.setenv("DJANGO_SECRET_KEY", SECRET)


@pytest.fixture(autouse=True)
def worker_survives():
    yield
    deadline = time.monotonic() + 3
    while sandbox_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sandbox_processes() == [], "a sandboxed process outlived its run"
    assert run(WORKS)["passed"] == 1  # and the next candidate's run still works


def test_fork_bomb_is_stopped_by_the_process_limit():
    result = run(python("import os\nwhile True:\n    os.fork()"))

    assert result["passed"] == 0 and "processes" in result["limits_hit"]
    assert "Resource temporarily unavailable" in (result["load_error"] or {}).get("error", "")
    assert not result["repeated_reports"]  # forked copies failing the same import are not imitations


def test_javascript_process_spawning_is_stopped_by_the_process_limit():
    code = ("const cp = require('child_process');\n"
            "for (;;) cp.spawn('/usr/bin/node', ['-e', 'setInterval(() => {}, 1000)']);\n"
            "function mergeIntervals() { return []; }\n")

    result = run(code, "javascript")

    # Whichever wall it meets first: no more processes, or no more address space for their handles
    # (V8 then sometimes dies on SIGSEGV without a message, reported as the signal).
    assert result["passed"] == 0
    assert {"processes", "memory"} & set(result["limits_hit"]) or result["signal"] in (signal.SIGSEGV, signal.SIGABRT)


def test_javascript_infinite_loop_at_load_is_timed_out():
    result = run("while (true) {}\nfunction mergeIntervals() { return []; }\n", "javascript")

    assert result["load_error"]["error"].startswith("Timeout:") and "test_timeout" in result["limits_hit"]


def test_a_child_that_escapes_with_setsid_dies_with_the_run():
    code = python("import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(600)")

    result = run(code)

    assert result["total"] == 9  # tests ran; the fixture then proves no process of the run is left


def test_infinite_loop_in_a_test_is_stopped_per_test():
    result = run(python("", "    while True:\n        pass"), limits=Limits(wall_s=8, cpu_s=8, per_test_s=0.2))

    assert result["passed"] == 0 and "test_timeout" in result["limits_hit"]
    assert {t["status"] for t in result["tests"]} == {"timeout"}


def test_infinite_loop_that_blocks_the_test_timer_hits_the_cpu_limit():
    code = python("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass")

    result = run(code, limits=Limits(wall_s=30, cpu_s=1, per_test_s=0.5))

    assert result["passed"] == 0 and "cpu" in result["limits_hit"]
    assert result["signal"] in (signal.SIGKILL, signal.SIGXCPU) and result["cpu_ms"] >= 1000


def test_sleeping_forever_hits_the_wall_clock():
    code = python("import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ntime.sleep(600)")

    started = time.monotonic()
    result = run(code, limits=Limits(wall_s=1.5, cpu_s=5, per_test_s=0.5))

    assert time.monotonic() - started < 5
    assert "timeout" in result["limits_hit"] and result["tests"][0]["status"] == "not_run"


def test_memory_hog_is_stopped_by_the_address_space_limit():
    result = run(python("hog = []\nwhile True:\n    hog.append(bytearray(50 * 1024 * 1024))"))

    assert "memory" in result["limits_hit"] and "MemoryError" in result["load_error"]["error"]


def test_javascript_memory_hog_is_stopped_by_the_heap_limit():
    code = "const hog = [];\nwhile (true) hog.push(new Array(1e6).fill(1.5));\n"

    result = run(code, "javascript", Limits(wall_s=15, cpu_s=10, per_test_s=10))

    assert result["passed"] == 0 and "memory" in result["limits_hit"]


@needs_bubblewrap
def test_reading_etc_passwd_and_the_project_finds_nothing():
    body = ("    import os\n    seen = []\n"
            "    for path in ('/etc/passwd', '/etc/shadow', '/work/main/interview_site/settings.py', '/root'):\n"
            "        try:\n            seen.append(open(path).read()[:50])\n"
            "        except OSError as e:\n            seen.append(type(e).__name__)\n"
            "    return [seen, sorted(os.listdir('/'))]")

    result = run(python("", body))

    got = result["tests"][0]["got"]
    assert got[0] == ["FileNotFoundError"] * 4
    assert got[1] == ["dev", "lib", "lib64", "proc", "sandbox", "tmp", "usr"]
    assert "root:x:0:0" not in str(result)


def test_environment_variables_hold_no_secrets():
    py = run(python("", "    import os\n    return [dict(os.environ), open('/proc/self/environ').read()]"))
    js = run("function mergeIntervals() { return [process.env, require('fs').readFileSync('/proc/self/environ', "
             "'utf8')]; }", "javascript")

    for result in (py, js):
        assert SECRET not in str(result)
        env = result["tests"][0]["got"][0]
        assert set(env) <= {"PATH", "HOME", "TMPDIR", "LANG", "PWD", "LC_CTYPE"}, env


@needs_bubblewrap
def test_sockets_cannot_reach_anything():
    body = ("    import socket\n    out = []\n"
            "    for target in [('1.1.1.1', 80), ('127.0.0.1', 5432), ('localhost', 6379)]:\n"
            "        try:\n            socket.create_connection(target, timeout=1)\n            out.append('open')\n"
            "        except OSError as e:\n            out.append(type(e).__name__)\n    return out")
    js = ("require('net').connect({ host: '1.1.1.1', port: 80 })"
          ".on('error', (e) => console.log('NETERR', e.code)).on('connect', () => console.log('CONNECTED'));\n"
          "function mergeIntervals() { return []; }\n")

    result = run(python("", body))
    js_result = run(js, "javascript")

    assert "open" not in result["tests"][0]["got"] and len(result["tests"][0]["got"]) == 3
    assert "NETERR" in js_result["stdout"] and "CONNECTED" not in js_result["stdout"]


def test_writing_a_huge_file_is_capped():
    body = ("    out = []\n    for path in ('/tmp/huge', 'huge'):\n        try:\n"
            "            with open(path, 'wb') as f:\n                f.write(b'x' * (64 * 1024 * 1024))\n"
            "            out.append('written')\n        except OSError as e:\n            out.append(e.strerror)\n"
            "    return out")

    result = run(python("", body))

    got = result["tests"][0]["got"]
    assert "written" not in got and "file_size" in result["limits_hit"]
    if isolation.bwrap_works():
        assert got == ["File too large", "Read-only file system"]


def test_importing_the_project_settings_fails():
    body = ("    import sys\n    sys.path[:0] = ['/work/main', '.', '..']\n    try:\n"
            "        import interview_site.settings\n        return 'imported'\n"
            "    except ImportError as e:\n        return type(e).__name__")

    result = run(python("", body))

    assert result["tests"][0]["got"] == "ModuleNotFoundError"


def test_flooding_the_output_is_cut_off():
    result = run(python("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)"))

    assert "output" in result["limits_hit"] and len(result["stdout"]) <= 4000


def test_killing_everything_it_can_see_hurts_nobody_else():
    result = run(python("import os, signal\nos.kill(-1, signal.SIGKILL)"))

    assert result["total"] == 9  # the worker (this test process) is still here to read the result


def test_forged_harness_lines_cannot_fake_a_pass():
    # The nonce is readable (argv), but the expected values never enter the sandbox: a forged line
    # can only claim a value the code could have returned itself.
    code = python(
        "import json, sys\nnonce = sys.argv[1]\n"
        "for i in range(9):\n    print(nonce, json.dumps({'i': i, 'ok': True, 'value': [[1, 6]]}))\n"
        "print(nonce, json.dumps({'done': True}), flush=True)",
        "    return None",
    )

    result = run(code)

    assert result["passed"] == 0 and result["repeated_reports"] is True
    assert run(WORKS)["repeated_reports"] is False


def test_fallback_without_bubblewrap_reports_its_weaker_isolation(monkeypatch, request):
    monkeypatch.setattr("analysis.code.sandbox.bwrap_works", lambda: False)
    allow_weak_levels(monkeypatch)
    # The running project's settings, and a directory no deny-list would name (made for the test).
    probe_dir = Path(tempfile.mkdtemp(prefix="sandbox-probe-", dir="/" if os.access("/", os.W_OK) else None))
    request.addfinalizer(lambda: shutil.rmtree(probe_dir, ignore_errors=True))
    outside = probe_dir / "secret.txt"
    outside.write_text("host data")
    paths = ("/etc/passwd", str(PROJECT_DIR / "interview_site" / "settings.py"), str(outside))
    body = ("    import os\n    seen = []\n"
            f"    for path in {paths!r}:\n"
            "        try:\n            seen.append(open(path).read()[:20])\n"
            "        except OSError as e:\n            seen.append(type(e).__name__)\n"
            "    return [os.getuid(), sorted(os.environ), seen]")

    result = run(python("", body))

    uid, env, seen = result["tests"][0]["got"]
    level = result["isolation"]["level"]
    assert level in ("namespaces", "uid", "rlimits") and "bubblewrap" not in " ".join(result["isolation"]["layers"])
    assert SECRET not in str(result) and set(env) <= {"PATH", "HOME", "LANG", "PWD"}
    if os.geteuid() == 0:
        assert UID_BASE <= uid < UID_BASE + UID_SLOTS
    if level == "namespaces":  # root with unshare: host directories are covered
        assert seen == ["FileNotFoundError"] * 3


@needs_root
def test_fallback_still_stops_a_fork_bomb_sockets_and_disk_filling(monkeypatch):
    monkeypatch.setattr("analysis.code.sandbox.bwrap_works", lambda: False)
    allow_weak_levels(monkeypatch)
    socket_body = ("    import socket\n    try:\n        socket.create_connection(('1.1.1.1', 80), timeout=1)\n"
                   "        return 'open'\n    except OSError as e:\n        return type(e).__name__")
    fill_body = ("    n = 0\n    try:\n        for i in range(100):\n"
                 "            open(f'/tmp/fill{i}', 'wb').write(b'x' * (7 << 20))\n            n += 1\n"
                 "    except OSError as e:\n        return [n, e.strerror]")

    bomb = run(python("import os\nwhile True:\n    os.fork()"))
    net = run(python("", socket_body))
    fill = run(python("", fill_body))

    assert "processes" in bomb["limits_hit"]
    if net["isolation"]["level"] == "namespaces":
        assert net["tests"][0]["got"] == "OSError"
        assert fill["tests"][0]["got"] == [2, "No space left on device"]  # a 16 MiB private /tmp
        assert not [name for name in os.listdir("/tmp") if name.startswith("fill")]


@needs_bubblewrap
def test_results_name_the_isolation_used():
    result = run(WORKS)

    assert result["isolation"]["level"] == "bubblewrap"
    layers = " ".join(result["isolation"]["layers"])
    assert "network" in layers and "rlimits" in layers and "no project files" in layers
