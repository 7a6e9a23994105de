"""Several app servers share one cache and one session store (SHIFAN_REDIS_URL, docs/deploy.md).

Two separate processes (``manage.py shell -c``), each started on the product settings (shifan.settings, DEBUG
off) exactly as two app servers would be, against the Redis on 127.0.0.1:6379 and one database: a value one
process caches the other reads, and a session one process opens signs the user in on the other.
"""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SHIFAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


if not _redis_reachable():
    if os.environ.get("CI"):
        raise RuntimeError("Redis is not running on 127.0.0.1:6379: .ci/run starts it")
    pytest.skip("Redis is not running on 127.0.0.1:6379", allow_module_level=True)


@pytest.fixture(scope="module")
def database_env(tmp_path_factory, django_db_blocker):
    """The environment that points a process at the same database as this test: PostgreSQL's test database,
    or, on SQLite (in memory for the tests), a migrated file of its own."""
    with django_db_blocker.unblock():
        vendor, config = connection.vendor, connection.settings_dict
    if vendor == "postgresql":
        user, host, port = config["USER"] or "postgres", config["HOST"] or "127.0.0.1", config["PORT"] or 5432
        return {"DATABASE_URL": f"postgres://{user}@{host}:{port}/{config['NAME']}"}
    env = {"DATABASE_URL": "", "SHIFAN_SQLITE_PATH": str(tmp_path_factory.mktemp("shared") / "db.sqlite3")}
    _shell("from django.core.management import call_command; call_command('migrate', verbosity=0)", env)
    return env


def _shell(code: str, extra: dict) -> str:
    """Run CODE in a fresh `manage.py shell` on the product settings, as an app server would; its stdout."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shifan.settings",
        "SHIFAN_DEBUG": "0",
        "SHIFAN_REDIS_URL": REDIS_URL,
        "SHIFAN_CACHE_PREFIX": "deploy-test",
        "SHIFAN_ALLOWED_HOSTS": "testserver",
        "SHIFAN_SECRET_KEY": "deploy-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "SHIFAN_AUDIT_KEY": "5a" * 32,
        "SHIFAN_FIELD_KEYS": "t1:" + "3c" * 16,
        "SHIFAN_INDEX_KEYS": "i1:" + "6b" * 16,
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    done = subprocess.run(  # noqa: S603 -- our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_a_value_cached_by_one_process_is_read_by_another(database_env):
    key, value = f"shared-{uuid.uuid4().hex}", "缓存值-" + uuid.uuid4().hex
    written = _shell(
        "from django.core.cache import cache; from django.conf import settings; "
        f"cache.set({key!r}, {value!r}, 60); print(settings.CACHES['default']['BACKEND'])", database_env)
    assert written == "django.core.cache.backends.redis.RedisCache"
    read = _shell(f"from django.core.cache import cache; print(cache.get({key!r}))", database_env)
    assert read == value
    deleted = _shell(f"from django.core.cache import cache; print(cache.delete({key!r}))", database_env)
    assert deleted == "True"
    assert _shell(f"from django.core.cache import cache; print(cache.get({key!r}, 'gone'))", database_env) == "gone"


def test_a_session_opened_on_one_server_is_valid_on_another(database_env):
    username = f"shared-{uuid.uuid4().hex[:8]}"
    opened = _shell(
        "import json; from django.test import Client; from django.conf import settings; "
        "from shifan.accounts.roles import Role; from tests.factories import OrganizationFactory, UserFactory; "
        f"user = UserFactory(username={username!r}, role=Role.APPLICANT, organization=OrganizationFactory()); "
        "c = Client(); c.force_login(user); "
        "print(json.dumps([c.cookies[settings.SESSION_COOKIE_NAME].value, settings.SESSION_ENGINE]))",
        database_env)
    session_key, engine = json.loads(opened)
    assert engine == "django.contrib.sessions.backends.cached_db"

    probe = (
        "import json; from django.test import Client; from django.conf import settings; "
        "from django.contrib.sessions.backends.cached_db import SessionStore; "
        f"c = Client(); c.cookies[settings.SESSION_COOKIE_NAME] = {session_key!r}; "
        f"r = c.get('/home/', secure=True); store = SessionStore({session_key!r}); "
        f"print(json.dumps([r.status_code, r.get('Location', ''), store.exists({session_key!r}), "
        "str(store.get('_auth_user_id'))]))"
    )
    status, location, exists, user_id = json.loads(_shell(probe, database_env))
    assert exists is True and user_id.isdigit()
    # Signed in on the second process: sent on to the applicant's home, not back to the login page.
    assert status == 302 and "/login/" not in location and location != ""
    # The same request without the session is sent to log in.
    anonymous = _shell("from django.test import Client; r = Client().get('/home/', secure=True); "
                       "print(r.get('Location', ''))", database_env)
    assert anonymous.startswith("/login/")
