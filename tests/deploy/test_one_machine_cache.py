"""One machine without Redis: every process of it (gunicorn's workers, the task worker) shares one cache.

The cache is forgotten on a change (core/reference.py's names, notifications/unread.py's counts), so a value one
process forgets must be gone for the others too, or a worker would show a deleted batch's name for a day. Each
step runs in a fresh process on the product settings with SHIFAN_REDIS_URL unset.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, cache_dir: Path) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shifan.settings", "SHIFAN_DEBUG": "0", "SHIFAN_REDIS_URL": "",
           "SHIFAN_CACHE_DIR": str(cache_dir), "SHIFAN_SECRET_KEY": "one-machine-test-secret-key-0123456789-abcdefghij",
           "SHIFAN_AUDIT_KEY": "5a" * 32, "SHIFAN_FIELD_KEYS": "t1:" + "3c" * 16,
           "SHIFAN_INDEX_KEYS": "i1:" + "6b" * 16, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(  # noqa: S603 -- our own interpreter
        [sys.executable, "-c", f"import django; django.setup(); from django.core.cache import cache; {code}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_what_one_process_caches_or_forgets_the_next_one_sees(tmp_path):
    key, value = f"one-machine-{uuid.uuid4().hex}", "批次名称-" + uuid.uuid4().hex
    backend = _run(f"from django.conf import settings; cache.set({key!r}, {value!r}, 60); "
                   "print(settings.CACHES['default']['BACKEND'])", tmp_path)
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert _run(f"print(cache.get({key!r})); print(cache.delete({key!r}))", tmp_path) == f"{value}\nTrue"
    assert _run(f"print(cache.get({key!r}, 'gone'))", tmp_path) == "gone"
    # Another directory is another machine's cache.
    _run(f"cache.set({key!r}, {value!r}, 60)", tmp_path)
    assert _run(f"print(cache.get({key!r}, 'elsewhere'))", tmp_path / "other") == "elsewhere"
