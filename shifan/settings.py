"""Settings for Shifan. One file; every deployment knob is an environment variable."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from shifan.core.env import env_bool, env_int, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("SHIFAN_DEBUG", default=False)
# Development keys are only accepted while DEBUG is on; production must provide its own.
_DEV_ONLY = "dev-insecure-" if DEBUG else None
SECRET_KEY = env_secret("SHIFAN_SECRET_KEY", default=_DEV_ONLY and _DEV_ONLY + "secret-key-0123456789")
# Key of the audit hash chain (HMAC-SM3), hex encoded, 32 bytes.
AUDIT_HMAC_KEY = env_secret(
    "SHIFAN_AUDIT_KEY", default="00" * 16 + "de" * 16 if DEBUG else None
)
# How long audit events are kept before `manage.py prune_audit` may remove them (DESIGN.md §9: at least
# 6 months, default 3 years; a value under 183 days fails the audit.E001 system check).
AUDIT_RETENTION_DAYS = env_int("SHIFAN_AUDIT_RETENTION_DAYS", 1095)
# Keys of the personal-data columns (SM4-GCM), "id:hex,id:hex", the first one current.
FIELD_ENCRYPTION_KEYS = env_secret(
    "SHIFAN_FIELD_KEYS", default="dev:" + "0f" * 16 if DEBUG else None
)
# Keys of the blind indexes beside encrypted columns (HMAC-SM3), "id:hex,id:hex", the first one current.
INDEX_KEYS = env_secret(
    "SHIFAN_INDEX_KEYS", default="dev:" + "1e" * 16 if DEBUG else None
)
ALLOWED_HOSTS = [h for h in env_str("SHIFAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    # Infrastructure first so that their templates and signals load before the domain.
    "shifan.core",
    "shifan.audit",
    "shifan.notifications",
    "shifan.documents",
    "shifan.jobs",
    # Domain apps: models and logic, no views.
    "shifan.accounts",
    "shifan.policies",
    "shifan.batches",
    "shifan.applications",
    "shifan.district_review",
    "shifan.experts",
    "shifan.workdays",
    "shifan.city_review",
    "shifan.publicity",
    "shifan.recognition",
    "shifan.tracking",
    "shifan.support",
    # Audience apps: URLs, views and templates only.
    "shifan.portal",
    "shifan.home",
    "shifan.applicant",
    "shifan.district",
    "shifan.expert",
    "shifan.agency",
    "shifan.bureau",
    "shifan.oversight",
    "shifan.demo",
    # Django and third parties.
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    # Background jobs (heavy documents, large imports): the API of Django 6's django.tasks, queued in the database.
    "django_tasks",
    "django_tasks_db",
    # Authentication (DESIGN.md §9): login lockout and the TOTP second factor with recovery codes.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (no 'unsafe-inline'), Permissions-Policy: shifan/core/headers.py.
    "shifan.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "shifan.audit.middleware.AuditContextMiddleware",
    # Authentication policy (shifan/accounts): request.user.is_verified, idle/absolute timeouts, the second
    # factor, password expiry; AxesMiddleware last so that it turns a locked login into the lockout page.
    "django_otp.middleware.OTPMiddleware",
    "shifan.accounts.session_policy.SessionPolicyMiddleware",
    "shifan.accounts.twofactor.TwoFactorMiddleware",
    "shifan.accounts.expiry.PasswordExpiryMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shifan.urls"
WSGI_APPLICATION = "shifan.wsgi.application"

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
                "shifan.notifications.context_processors.unread_count",
            ],
            # The shared view layer is a package, not an app: its tag library is named here.
            "libraries": {"state_tags": "shifan.workspace.templatetags.state_tags"},
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL.
_SQLITE_OPTIONS = {
    # A second writer waits instead of failing with "database is locked".
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
# PostgreSQL plans a statement afresh each time it is sent with its values inlined, and planning the
# pages' joins cost it more than running them (0.7 ms against 0.05 ms for the expert's seat). Bound
# parameters let psycopg prepare a statement after its fifth run on a connection (kept for conn_max_age),
# so PostgreSQL reuses the plan. A pooler in transaction mode needs PgBouncer >= 1.21 with
# max_prepared_statements set, or SHIFAN_DB_PREPARED=0 (docs/deploy.md).
POSTGRES_OPTIONS = (
    {"server_side_binding": True, "prepare_threshold": 5} if env_bool("SHIFAN_DB_PREPARED", True) else {}
)
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=600, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRES_OPTIONS)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(env_str("SHIFAN_SQLITE_PATH", str(BASE_DIR / "var" / "shifan.sqlite3"))),
            "OPTIONS": _SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked (username, IP) pair or IP before any password is checked (needs `request`).
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "shifan.accounts.passwords.CharacterClassValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "home:login"
LOGIN_REDIRECT_URL = "home:dispatch"
LOGOUT_REDIRECT_URL = "portal:index"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600  # absolute ceiling; idle timeouts per role: shifan/accounts/session_policy.py
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# Login lockout (shifan/accounts/lockout.py): 5 failures per (username, IP) lock that pair for 30 minutes;
# 30 failures from one IP within 30 minutes, whatever the usernames, lock the IP. Never a bare username.
AXES_HANDLER = "shifan.accounts.lockout.ShifanAxesHandler"
AXES_FAILURE_LIMIT = 5
SHIFAN_IP_FAILURE_LIMIT = env_int("SHIFAN_IP_FAILURE_LIMIT", 30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends 30 min after the 5th failure
AXES_LOCKOUT_CALLABLE = "shifan.home.security.locked_out"
AXES_ENABLE_ADMIN = False  # the audit log records locks; axes' own tables stay out of the admin
# Client IP: REMOTE_ADDR, or behind N trusted reverse proxies the N-th X-Forwarded-For entry from the right.
AXES_IPWARE_PROXY_COUNT = env_int("SHIFAN_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "shifan.accounts.lockout.client_ip"
# Two factors (shifan/accounts/twofactor.py) for staff, expert, agency and admin roles. Only `make run`'s demo
# turns this off; production enforces it.
SHIFAN_REQUIRE_2FA = env_bool("SHIFAN_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "南昌示范平台认定系统"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("SHIFAN_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

EMAIL_BACKEND = env_str("SHIFAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("SHIFAN_FROM_EMAIL", "南昌市中小企业服务局 <noreply@shifan.local>")
EMAIL_HOST = env_str("SHIFAN_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("SHIFAN_EMAIL_PORT", 25)
EMAIL_TIMEOUT = 10
SITE_URL = env_str("SHIFAN_SITE_URL", "http://127.0.0.1:8000")
# SMS gateway (a class with send(mobile, text)); the console one prints. See shifan/notifications/sms.py.
SHIFAN_SMS_BACKEND = env_str("SHIFAN_SMS_BACKEND", "shifan.notifications.sms.ConsoleBackend")

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SHIFAN_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only, outside development: redirect plain HTTP, and HSTS for a year including subdomains
# (`manage.py check --deploy` is clean with these; tests/security/test_deploy_check.py).
SECURE_SSL_REDIRECT = env_bool("SHIFAN_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SHIFAN_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SHIFAN_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is irreversible in practice (browsers ship the list for months): the owner of the
# domain opts in with SHIFAN_HSTS_PRELOAD=1, so Django's reminder about it is silenced here.
SECURE_HSTS_PRELOAD = env_bool("SHIFAN_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto: without this the redirect loops.
if env_bool("SHIFAN_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background tasks are rows in the one database, run by `manage.py db_worker` (more workers scale it out on
# PostgreSQL: they claim rows with SKIP LOCKED). The job the user watches is shifan.jobs.Job.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `manage.py prune_jobs` (hourly, deploy/crontab): finished jobs and their private files are deleted after this
# many days, and a job running for longer than this many minutes (its worker died) is failed so it can be retried.
SHIFAN_JOB_RETENTION_DAYS = env_int("SHIFAN_JOB_RETENTION_DAYS", 7)
SHIFAN_JOB_STALE_MINUTES = env_int("SHIFAN_JOB_STALE_MINUTES", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"shifan": {"handlers": ["console"], "level": env_str("SHIFAN_LOG_LEVEL", "INFO")}},
}

# --- Several stateless app servers (docs/deploy.md) ---------------------------------------------------------
# A cache shared by every app server: Redis when SHIFAN_REDIS_URL is set (redis://host:6379/0). Sessions then
# live in the database with Redis in front ("cached_db"): a session made on one server is valid on the others,
# and survives a Redis restart. Without Redis (one machine), files under SHIFAN_CACHE_DIR: the cache is forgotten
# on a change (reference names, unread counts), and a process's own memory would keep what another process
# forgot, for as long as a day, in each of gunicorn's workers and the task worker.
SHIFAN_REDIS_URL = env_str("SHIFAN_REDIS_URL")
if SHIFAN_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SHIFAN_REDIS_URL,
            "KEY_PREFIX": env_str("SHIFAN_CACHE_PREFIX", "shifan"),
            "TIMEOUT": 300,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": Path(env_str("SHIFAN_CACHE_DIR", str(BASE_DIR / "var" / "cache"))),
            # Culling lists the directory on every write past this many entries.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Login lockout state is shared too: AXES_HANDLER above derives from axes' database handler (AccessAttempt rows
# in the one database), never the per-process cache handler.
# Uploads on S3-compatible object storage when SHIFAN_S3_BUCKET is set, so that any app server reads what another
# stored. Objects are private (no ACL grant, no presigned URL is ever handed out): a file leaves only through the
# permission-checked views (shifan/workspace/attachments.py), which open it through the storage, never by path.
SHIFAN_S3_BUCKET = env_str("SHIFAN_S3_BUCKET")
if SHIFAN_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": SHIFAN_S3_BUCKET,
            "endpoint_url": env_str("SHIFAN_S3_ENDPOINT_URL") or None,
            "region_name": env_str("SHIFAN_S3_REGION") or None,
            "access_key": env_secret("SHIFAN_S3_ACCESS_KEY", "") or None,
            "secret_key": env_secret("SHIFAN_S3_SECRET_KEY", "") or None,
            "location": env_str("SHIFAN_S3_PREFIX", "private"),
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": env_str("SHIFAN_S3_ADDRESSING_STYLE", "path"),
        },
    }
