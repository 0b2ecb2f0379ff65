"""What a deployment relies on: the compose stack's shape and Django's own production checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_worker_beat_on_postgres_and_redis():
    services = _compose()["services"]
    assert {"web", "worker", "beat", "sandbox", "db", "redis"} <= set(services)
    assert "interview_site.asgi:application" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A interview_site worker -Q celery ")
    assert services["beat"]["command"].startswith("celery -A interview_site beat")
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://interviewer:${POSTGRES_PASSWORD:?")
        assert "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD:?") and "@redis:6379" in env["REDIS_URL"]
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"


SECRET_NAMES = ("SECRET", "DATABASE", "POSTGRES", "ANTHROPIC", "OPENAI", "API_KEY", "REDIS_URL", "EMAIL", "AWS")


def test_the_sandbox_service_holds_no_secret_and_reaches_only_the_broker():
    compose = _compose()
    sandbox = compose["services"]["sandbox"]
    assert "env_file" not in sandbox and "volumes" not in sandbox, "no .env, no media"
    assert set(sandbox["environment"]) == {"SANDBOX_BROKER_URL", "CODE_SANDBOX_MIN_LEVEL"}
    assert not [k for k in sandbox["environment"] if any(n in k for n in SECRET_NAMES)]
    assert sandbox["environment"]["SANDBOX_BROKER_URL"].startswith("redis://sandbox:${SANDBOX_REDIS_PASSWORD:?")
    assert sandbox["command"].split()[:7] == ["celery", "-A", "analysis.code.worker", "worker", "-Q", "sandbox", "-n"]
    # One network, internal (no route out), shared with Redis alone.
    assert sandbox["networks"] == ["sandbox"] and compose["networks"]["sandbox"]["internal"] is True
    on_it = [name for name, svc in compose["services"].items() if "sandbox" in svc.get("networks", [])]
    assert sorted(on_it) == ["redis", "sandbox"]
    assert sandbox["read_only"] is True and sandbox["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in sandbox["security_opt"]
    profile_opt = next(o for o in sandbox["security_opt"] if o.startswith("seccomp="))
    profile = json.loads((ROOT / profile_opt.removeprefix("seccomp=")).read_text())
    denied = {name for group in profile["syscalls"] if group["action"] != "SCMP_ACT_ALLOW" for name in group["names"]}
    # bubblewrap's calls stay allowed; the kernel surface nobody's code needs is closed.
    assert profile["defaultAction"] == "SCMP_ACT_ALLOW"
    assert not denied & {"clone", "clone3", "unshare", "setns", "mount", "umount2", "pivot_root"}
    assert {"bpf", "ptrace", "keyctl", "kexec_load", "init_module", "perf_event_open", "io_uring_setup"} <= denied


def test_redis_and_postgres_demand_passwords_from_env_with_no_default():
    services = _compose()["services"]
    redis = services["redis"]["command"]
    assert redis[redis.index("--requirepass") + 1] == "${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}"
    user = redis[redis.index("--user") + 1:]
    assert user[:3] == ["sandbox", "on", ">${SANDBOX_REDIS_PASSWORD:?set SANDBOX_REDIS_PASSWORD in .env}"]
    assert "resetkeys" in user and "~sandbox:*" in user and "-@dangerous" in user
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"
    text = (ROOT / "docker-compose.yml").read_text()
    assert "interviewer:interviewer@" not in text and "POSTGRES_PASSWORD: interviewer" not in text


def test_the_image_leaves_secrets_and_local_data_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", "var/", ".venv/", ".git/"):
        assert entry in ignored, entry
    assert "!.env.example" in ignored


def test_compose_has_health_checks_that_point_at_real_endpoints():
    services = _compose()["services"]
    for name in ("web", "worker", "db", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert services["redis"]["environment"]["REDISCLI_AUTH"].startswith("${REDIS_PASSWORD:?")
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_dockerfile_serves_the_asgi_app_as_non_root():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "interview_site.asgi:application" in dockerfile
    assert "USER app" in dockerfile
    assert "requirements.txt" in dockerfile


def _manage(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _manage(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "a-real-secret-" + "q8W!z" * 12,
            "DJANGO_ALLOWED_HOSTS": "interviews.example.com",
            "VAR_DIR": str(tmp_path),
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage({"DJANGO_DEBUG": "0", "VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_testserver_is_an_allowed_host_only_in_the_test_process(tmp_path):
    result = _manage(
        {"DJANGO_DEBUG": "1", "VAR_DIR": str(tmp_path)},
        "shell", "-c", "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
    )
    assert result.returncode == 0, result.stderr
    assert "localhost" in result.stdout and "testserver" not in result.stdout
