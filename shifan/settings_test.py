"""Test settings: the real settings with fixed test keys and fast, isolated side channels."""

import os

os.environ.setdefault("SHIFAN_SECRET_KEY", "test-secret-key-not-for-production-0123456789")
os.environ.setdefault("SHIFAN_AUDIT_KEY", "5a" * 32)
os.environ.setdefault("SHIFAN_SQLITE_PATH", ":memory:")
os.environ.setdefault("SHIFAN_FIELD_KEYS", "t1:" + "3c" * 16 + ",t0:" + "4d" * 16)
os.environ.setdefault("SHIFAN_INDEX_KEYS", "i1:" + "6b" * 16 + ",i0:" + "7e" * 16)

from shifan.settings import *  # noqa: F403 -- test overrides on top of the one settings file

# Each test process keeps its own cache, emptied before every test (tests/conftest.py): a shared directory would
# let xdist's workers read each other's cached rows. A test that starts processes as one machine's gives them a
# directory of their own (SHIFAN_CACHE_DIR); tests/deploy covers the file cache across processes.
if not SHIFAN_REDIS_URL and not os.environ.get("SHIFAN_CACHE_DIR"):  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: hashing is not under test here
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SHIFAN_SMS_BACKEND = "shifan.notifications.sms.LocMemBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the app directories, as in development, without a collectstatic run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests speak plain HTTP to the test client and the live server (production defaults: settings.py).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Tests sign in with force_login; the second factor's own tests turn this on with the `settings` fixture.
SHIFAN_REQUIRE_2FA = False
# Background tasks keep the real database backend (TASKS from settings.py): tests run the queued work with
# tests.jobs.helpers.run_queued_jobs() (`db_worker --batch`), so the enqueue → worker path is what is tested.
