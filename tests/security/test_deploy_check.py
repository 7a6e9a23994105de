"""`manage.py check --deploy` is clean under production settings (DESIGN.md §9, T21, T61).

Run in a subprocess on the real settings module (not the test settings), with DEBUG off and
the secrets and hosts a deployment provides through the environment.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path, **overrides) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "shifan.settings",
        "SHIFAN_SECRET_KEY": secrets.token_urlsafe(50),
        "SHIFAN_AUDIT_KEY": secrets.token_hex(32),
        "SHIFAN_FIELD_KEYS": "k1:" + secrets.token_hex(16),
        "SHIFAN_INDEX_KEYS": "i1:" + secrets.token_hex(16),
        "SHIFAN_ALLOWED_HOSTS": "shifan.nc.gov.cn",
        "SHIFAN_SQLITE_PATH": str(tmp_path / "deploy.sqlite3"),
        "SHIFAN_MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def _check(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = _check(_production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(("overrides", "warning"), [
    ({"SHIFAN_SSL_REDIRECT": "0"}, "security.W008"),
    ({"SHIFAN_HSTS_SECONDS": "0"}, "security.W004"),
    ({"SHIFAN_SECURE_COOKIES": "0"}, "security.W012"),
    ({"SHIFAN_SECRET_KEY": "short"}, "security.W009"),
])
def test_the_check_notices_each_weakened_setting(tmp_path, overrides, warning):
    """The clean result above means something: switching one protection off is reported."""
    result = _check(_production_env(tmp_path, **overrides))
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr
