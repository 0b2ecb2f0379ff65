"""Settings for the AI interviewer: one module, read from the environment.

Every variable has a safe embedded default (SQLite, in-memory channel layer, a file-system Celery
broker, local file storage, the offline model), so the product runs with nothing configured.
Production swaps in PostgreSQL, Redis and a real model by setting variables. See `.env.example`.
"""

import secrets
import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from analysis.code.isolation import minimum_level as _sandbox_minimum_level

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

# pytest-django imports settings while collecting; tests get a throwaway key and no HTTPS rules.
TESTING = "pytest" in sys.modules

VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _secret_key() -> str:
    key = env("DJANGO_SECRET_KEY", default="")
    if key:
        return key
    if TESTING:
        return "insecure-test-key-" + "x" * 40
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Local development: one random key kept on disk so sessions survive restarts.
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# Django's test client calls itself "testserver": a name only the test process accepts.
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", *(["testserver"] if TESTING else [])]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="")  # e.g. https://interviews.example.com; else from the request

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "csp",
    "channels",
    "django_celery_results",
    "django_celery_beat",
    "axes",
    "organizations",
    "audit",
    "privacy",
    "llm",
    "documents",
    "analysis",
    "interviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "interview_site.urls"
ASGI_APPLICATION = "interview_site.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------------
# An empty DATABASE_URL (a blank line in .env) means the default, not an error.
DATABASES = {"default": env.db_url_config(env("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to one file: WAL lets readers go on during a write,
    # IMMEDIATE transactions take the write lock up front instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Persistent connections (60 s): the real-time server's database threads would otherwise open a
    # new connection for every conductor step. 0 in the test process, so the test database is left
    # with no session when it is dropped.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0 if TESTING else 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Real-time: channel layer --------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # Deltas stream at tens per second per interview; the default capacity of 100 drops
            # messages silently under load.
            # redis-py 8 defaults would break long-lived sockets: a 5 s read timeout (channels-redis
            # waits up to 5 s for a message, so an idle socket died with 1011) and a 100-connection pool.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15, "max_connections": 1000}],
                "capacity": 1500,
                "expiry": 30,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Cache: API throttles ---------------------------------------------------------------------------
# Redis when configured, so that every web process counts together. The test process keeps a memory
# cache of its own (a test that needs Redis configures it).
if REDIS_URL and not TESTING:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "interviewer",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background jobs: Celery ---------------------------------------------------------------------
# Unit tests run tasks inline and never touch a developer's queue; the integration tests start a
# real worker process, which is not under pytest and so gets the real broker.
# ("localhost" names no server: the file-system broker needs none, but kombu warns without a host.)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://" if TESTING else REDIS_URL or "filesystem://localhost//")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery-queue"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
else:
    # Redis redelivers a task not acknowledged within the visibility timeout: keep it longer
    # than the longest task_time_limit, or a slow task runs twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # tasks are idempotent; a worker lost mid-task means a rerun, not a loss
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Candidate code runs only in the sandbox worker (`celery -A analysis.code.worker worker -Q sandbox`),
# its own Celery app on its own queue, with no database and no secrets; see analysis/code/worker.py.
# Ends interviews that no process conducts any more (time over, or the candidate gone).
CELERY_BEAT_SCHEDULE = {
    "interviews-sweep": {"task": "interviews.tasks.interviews_sweep_task", "schedule": 60.0},
    # Candidate data past its organisation's retention period is erased (privacy/retention.py).
    "retention-enforce": {"task": "privacy.tasks.retention_enforce_task",
                          "schedule": env.float("DATA_RETENTION_SWEEP_S", default=6 * 3600.0)},
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"

# --- Files ---------------------------------------------------------------------------------------
# Uploaded documents live outside any public URL; recruiters download them through a view that
# checks access. MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env("FILE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on a missing root
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve from app/static dirs without collectstatic in development
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
DOCUMENT_MAX_PAGES = env.int("DOCUMENT_MAX_PAGES", default=30)
DOCUMENT_MAX_CHARS = env.int("DOCUMENT_MAX_CHARS", default=200_000)
DOCUMENT_PARSE_TIMEOUT_S = env.int("DOCUMENT_PARSE_TIMEOUT_S", default=60)
DOCUMENT_PARSE_MEMORY_MB = env.int("DOCUMENT_PARSE_MEMORY_MB", default=1024)

# --- Abuse limits (README, "Security model") -------------------------------------------------------
# Request bodies past these sizes are refused with 413 before they are read (interview_site/body_limit.py):
# multipart uploads may carry a document of DOCUMENT_MAX_BYTES plus the form around it; every other
# body (JSON, forms) is small.
HTTP_MAX_UPLOAD_BODY_BYTES = env.int("HTTP_MAX_UPLOAD_BODY_BYTES", default=DOCUMENT_MAX_BYTES + 1024 * 1024)
HTTP_MAX_BODY_BYTES = env.int("HTTP_MAX_BODY_BYTES", default=DATA_UPLOAD_MAX_MEMORY_SIZE)
# The candidate's WebSocket, per interview and across reconnects (interviews/limits.py).
INTERVIEW_MESSAGES_PER_MINUTE = env.int("INTERVIEW_MESSAGES_PER_MINUTE", default=20)
INTERVIEW_MAX_CANDIDATE_TURNS = env.int("INTERVIEW_MAX_CANDIDATE_TURNS", default=150)
INTERVIEW_MAX_SIGNALS = env.int("INTERVIEW_MAX_SIGNALS", default=300)
INTERVIEW_SIGNAL_MAX_CHARS = env.int("INTERVIEW_SIGNAL_MAX_CHARS", default=500)
WS_CONNECTS_PER_MINUTE_PER_IP = env.int("WS_CONNECTS_PER_MINUTE_PER_IP", default=60)
# Where those counters live: auto (Redis when REDIS_URL is set, else this process's memory: without
# Redis there is one web process), redis or memory.
INTERVIEW_LIMITS_BACKEND = env("INTERVIEW_LIMITS_BACKEND", default="auto")
INTERVIEW_LIMITS_PREFIX = env("INTERVIEW_LIMITS_PREFIX", default="interviewer:limits")  # Redis key prefix

# --- Models --------------------------------------------------------------------------------------
ANTHROPIC_API_KEY = env("ANTHROPIC_API_KEY", default="")
ANTHROPIC_BASE_URL = env("ANTHROPIC_BASE_URL", default="")
OPENAI_API_KEY = env("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env("OPENAI_BASE_URL", default="")
LLM_MAIN = env("LLM_MAIN", default="anthropic:claude-sonnet-5-5" if ANTHROPIC_API_KEY else "offline")
LLM_MINI = env("LLM_MINI", default="anthropic:claude-haiku-5-5" if ANTHROPIC_API_KEY else "offline")
LLM_TIMEOUT_S = env.float("LLM_TIMEOUT_S", default=60.0)
# Mark the stable prompt prefix and the conversation so far as cacheable (Anthropic prompt caching).
LLM_PROMPT_CACHING = env.bool("LLM_PROMPT_CACHING", default=True)
# Comma-separated model specs tried in order when a call fails retryably before its first token.
LLM_FALLBACK = env("LLM_FALLBACK", default="")
# USD per million tokens: input, output, cache write, cache read. Unknown models cost 0 and say so.
# Override with LLM_PRICES_JSON='{"model": {"input": .., "output": .., "cache_write": .., "cache_read": ..}}'.
LLM_PRICES = env.json(
    "LLM_PRICES_JSON",
    default={
        "claude-sonnet-5-5": {"input": 2.0, "output": 10.0, "cache_write": 2.50, "cache_read": 0.20},
        "claude-haiku-5-5": {"input": 0.10, "output": 0.50, "cache_write": 0.125, "cache_read": 0.01},
    },
)

# --- Interviews ----------------------------------------------------------------------------------
INTERVIEW_DEFAULT_MINUTES = env.int("INTERVIEW_DEFAULT_MINUTES", default=30)
INVITE_TOKEN_TTL_HOURS = env.int("INVITE_TOKEN_TTL_HOURS", default=72)
FILLER_AFTER_MS = env.int("FILLER_AFTER_MS", default=700)
END_OF_TURN_MS = env.int("END_OF_TURN_MS", default=1500)
WS_MAX_FRAME_BYTES = env.int("WS_MAX_FRAME_BYTES", default=64 * 1024)
WS_MAX_FRAMES_PER_10S = env.int("WS_MAX_FRAMES_PER_10S", default=100)
FOLLOW_UPS_PER_TOPIC = env.int("FOLLOW_UPS_PER_TOPIC", default=3)  # a hard cap; the plan sets each topic's
SURPRISE_QUESTIONS_MAX = env.int("SURPRISE_QUESTIONS_MAX", default=1)
IDLE_NUDGE_S = env.int("IDLE_NUDGE_S", default=90)
ABANDON_AFTER_S = env.int("ABANDON_AFTER_S", default=600)
PREEMPT_AFTER_MS = env.int("PREEMPT_AFTER_MS", default=300)  # start the reply once a partial stands still
DELTA_FLUSH_MS = env.int("DELTA_FLUSH_MS", default=50)  # coalesce streamed pieces: fewer frames per second
DELTA_FLUSH_CHARS = env.int("DELTA_FLUSH_CHARS", default=160)
CONDUCTOR_LEASE_S = env.float("CONDUCTOR_LEASE_S", default=6)  # one conductor per interview across processes
CONDUCTOR_LEASE_BACKEND = env("CONDUCTOR_LEASE_BACKEND", default="auto")  # auto (Redis if set) | redis | db
# The ASGI server hands after-commit work (assessment requests, model-call rows) to a background
# thread (interview_site/background.py). Off in the test process, whose tests read those rows at once.
BACKGROUND_AFTER_COMMIT = env.bool("BACKGROUND_AFTER_COMMIT", default=not TESTING)
DB_THREADS = env.int("DB_THREADS", default=2)  # threads for the real-time server's database calls (db.py)
# Evaluating a transcript held elsewhere (POST /api/v1/transcripts, evaluate_transcript): size limits.
TRANSCRIPT_MAX_TURNS = env.int("TRANSCRIPT_MAX_TURNS", default=400)
TRANSCRIPT_MAX_CHARS = env.int("TRANSCRIPT_MAX_CHARS", default=200_000)
INTERVIEW_CODING_TASKS = env.bool("INTERVIEW_CODING_TASKS", default=True)  # a task from the bank when the role codes
# Fail closed: candidate code runs only at this isolation level or stronger (rlimits < uid <
# namespaces < bubblewrap); uid and rlimits only as a developer's explicit opt-in (DEBUG on).
# New plans get a coding task only while a sandbox worker reports at least this level.
try:
    CODE_SANDBOX_MIN_LEVEL = _sandbox_minimum_level(
        {"CODE_SANDBOX_MIN_LEVEL": env("CODE_SANDBOX_MIN_LEVEL", default=""), "DJANGO_DEBUG": "1" if DEBUG else ""}
    )
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from None
CODE_SANDBOX_HEARTBEAT_STALE_S = env.int("CODE_SANDBOX_HEARTBEAT_STALE_S", default=120)

# --- Data protection (privacy/) -------------------------------------------------------------------
# Candidate documents, files, transcripts, code, signals, reports and model-call records are erased this
# many days after the hiring decision (or after the last activity when none is made); an organisation's
# own `retention_days` wins. 0 turns retention off.
DATA_RETENTION_DAYS = env.int("DATA_RETENTION_DAYS", default=180)

# --- Auth and API --------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked-out login stops here
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (django-axes): after AXES_FAILURE_LIMIT failed logins for one username from one
# address, that pair is locked for AXES_COOLOFF_MINUTES. The same count covers bad API tokens
# (interview_site/authentication.py), under the username "(api token)".
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "interview_site.lockout.lockout_response"
AXES_VERBOSE = False
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated call then gets 401 with WWW-Authenticate, not 403.
        "interview_site.authentication.LockoutTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["organizations.permissions.IsOrganizationMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "interview_site.openapi.ContractAutoSchema",
    "EXCEPTION_HANDLER": "interview_site.api.exception_handler",
    # Per user (signed in), per client address (everyone) and, tighter, per address for anonymous calls.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "interview_site.throttling.ClientAddressRateThrottle",
    ],
    # The client address is the connection's (Daphne with --proxy-headers puts the real one there behind a
    # proxy), never a client-sent X-Forwarded-For, which would let a caller pick a new address per call.
    "NUM_PROXIES": 0,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="300/minute"),
        "ip": env("API_THROTTLE_IP", default="600/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AI Interviewer API",
    "DESCRIPTION": "Upload job descriptions and resumes, start interviews, read evaluation reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "interview_site.openapi.add_links"],
}

# --- Security ------------------------------------------------------------------------------------
SECURE_ENABLED = env.bool("DJANGO_SECURE", default=not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = SECURE_ENABLED
CSRF_COOKIE_SECURE = SECURE_ENABLED
SECURE_SSL_REDIRECT = SECURE_ENABLED and env.bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if SECURE_ENABLED else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_ENABLED
SECURE_HSTS_PRELOAD = SECURE_ENABLED
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy on every response (django-csp): scripts and styles only from this
# site's own static files (no inline <script>, no on* attributes, no style="" attributes, no eval),
# nothing from other origins, no plugins, no framing. 'self' in connect-src covers the WebSocket
# (ws:/wss: to the same host, CSP Level 3).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Every line goes through one handler whose filter redacts invite tokens (in paths and query strings),
# API keys and email addresses (interview_site/log_redaction.py); Django's own handlers are replaced
# (its "django" logger propagates here), so a 500's "Internal Server Error: /i/<token>/" is redacted too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "interview_site.log_redaction.RedactSecrets"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "daphne": {"level": "WARNING"},
        "django.channels.server": {"level": "WARNING"},
    },
}
