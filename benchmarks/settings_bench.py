"""Settings of the benchmarks: the test settings (fixed keys, MD5 hashes, no e-mail sent) on a bench database,
with DEBUG off and a URL configuration of its own (benchmarks/urls_bench.py) that adds two reference views.

The database: ``SHIFAN_BENCH_DATABASE_URL`` (a PostgreSQL URL, e.g. postgres://postgres@127.0.0.1:5432/shifan_bench)
or, when unset, the SQLite file var/bench/shifan_bench.sqlite3 (``SHIFAN_BENCH_SQLITE`` overrides the path).
The product's own URLs (shifan/urls.py) do not change.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("SHIFAN_DEBUG", "0")
# Uploaded files of the bench world live beside its database, never in the development var/media.
os.environ.setdefault("SHIFAN_MEDIA_ROOT", str(Path(__file__).resolve().parents[1] / "var" / "bench" / "media"))

import dj_database_url

from shifan.settings_test import *  # noqa: F403 -- the bench runs on the test settings plus the lines below

BENCH_DIR = Path(__file__).resolve().parents[1] / "var" / "bench"
_url = os.environ.get("SHIFAN_BENCH_DATABASE_URL", "")
if _url:
    DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=600)}
    DATABASES["default"].setdefault("OPTIONS", {}).update(POSTGRES_OPTIONS)  # noqa: F405 -- as the product
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(os.environ.get("SHIFAN_BENCH_SQLITE", str(BENCH_DIR / "shifan_bench.sqlite3"))),
            "OPTIONS": sys.modules["shifan.settings"]._SQLITE_OPTIONS,  # WAL and IMMEDIATE, as the product
        }
    }
ROOT_URLCONF = "benchmarks.urls_bench"
DEBUG = False
WHITENOISE_AUTOREFRESH = False  # the test settings re-scan static files per request; production does not
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SESSION_COOKIE_SECURE = False  # the load client speaks plain HTTP to 127.0.0.1
CSRF_COOKIE_SECURE = False
