"""Production-like settings for one CI run of a subset of the suite (.ci/run, docs/deploy.md).

The product settings (shifan/settings.py) as several app servers run them: DEBUG off, the Redis cache and
cached_db sessions (SHIFAN_REDIS_URL), PostgreSQL (DATABASE_URL), every key given explicitly, the hashed and
compressed static files of collectstatic, Argon2 password hashing. Only what a test process cannot do
differs from production, each with its reason below. The keys here are test-only values, never a deployment's.

    .venv/bin/python manage.py collectstatic --no-input --settings=shifan.settings_prodlike
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python -m pytest --ds=shifan.settings_prodlike ...
"""

import os

# DEBUG off, always: manage.py turns it on for a checkout without a secret key in the environment.
os.environ["SHIFAN_DEBUG"] = "0"
os.environ.setdefault("SHIFAN_SECRET_KEY", "prodlike-test-only-secret-key-0123456789-abcdefghijklmnop")
os.environ.setdefault("SHIFAN_AUDIT_KEY", "5a" * 32)
os.environ.setdefault("SHIFAN_FIELD_KEYS", "t1:" + "3c" * 16 + ",t0:" + "4d" * 16)
os.environ.setdefault("SHIFAN_INDEX_KEYS", "i1:" + "6b" * 16 + ",i0:" + "7e" * 16)
os.environ.setdefault("SHIFAN_REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("SHIFAN_BEHIND_TLS_PROXY", "1")
os.environ.setdefault("SHIFAN_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("SHIFAN_SQLITE_PATH", ":memory:")

from shifan.settings import *  # noqa: F403 -- the product settings, then the few test-process lines below

# The test client and the live server speak plain HTTP: with the redirect on, every request would be a 301 to
# https://. In production nginx terminates TLS and the app trusts X-Forwarded-Proto (SHIFAN_BEHIND_TLS_PROXY).
# HSTS and secure cookies stay on as in production (a header and a cookie flag; the test client ignores both).
SECURE_SSL_REDIRECT = False
# Each test process gets keys of its own in the shared Redis (xdist workers, and runs one after another), as
# two deployments sharing one Redis would with their own prefixes. Set here, not in os.environ: xdist workers
# inherit the controller's environment, so a prefix put there would be one for all workers, and a worker would
# read another's cached rows (the batch names of another test database, say).
CACHES["default"]["KEY_PREFIX"] = f"prodlike-{os.getpid()}"  # noqa: F405
# Hashing: the test factories hash a password for every user of every test (a dozen personas per test), and
# Argon2 at its production cost (100 MiB, 2 passes) makes that seconds per test on 2 shared cores. Argon2 stays
# listed to verify hashes; its use in production is checked
# with the product settings (tests/security/test_password_expiry.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
# Side channels the tests read back: e-mail (pytest-django switches it to locmem anyway) and SMS.
SHIFAN_SMS_BACKEND = "shifan.notifications.sms.LocMemBackend"
# Tests sign staff in with force_login; the second factor's own tests turn this on (as in settings_test).
SHIFAN_REQUIRE_2FA = False
