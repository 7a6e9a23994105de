"""PostgreSQL reuses the plans of the statements every page sends (settings.POSTGRES_OPTIONS).

Planning a page's joins cost PostgreSQL more than running them; with bound parameters psycopg prepares a statement
after its fifth run on a connection, and PostgreSQL then plans it once. SHIFAN_DB_PREPARED=0 turns it off for a
pooler that cannot keep prepared statements (docs/deploy.md).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from shifan.accounts.models import Jurisdiction

ROOT = Path(__file__).resolve().parents[2]


def _options(**env) -> dict:
    code = "import json, shifan.settings as s; print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
    done = subprocess.run(  # noqa: S603 -- our own interpreter with fixed code
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
        env={**{k: v for k, v in os.environ.items() if k != "SHIFAN_DB_PREPARED"}, "SHIFAN_DEBUG": "1", **env},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_postgresql_binds_parameters_and_prepares_after_five_runs_unless_turned_off():
    url = "postgres://postgres@127.0.0.1:5432/shifan"
    assert _options(DATABASE_URL=url) == {"server_side_binding": True, "prepare_threshold": 5}
    assert _options(DATABASE_URL=url, SHIFAN_DB_PREPARED="0") == {}
    # SQLite has nothing of the kind: its own options only.
    assert "prepare_threshold" not in _options(DATABASE_URL="", SHIFAN_SQLITE_PATH=":memory:")


@pytest.mark.django_db
def test_a_statement_is_prepared_on_the_server_after_its_fifth_run():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") != 5:
        pytest.skip("turned off with SHIFAN_DB_PREPARED=0")
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                           ["%accounts_jurisdiction%"])
            return cursor.fetchone()[0]

    runs = []
    for _ in range(8):
        list(Jurisdiction.objects.filter(code="360102").values_list("name", flat=True))
        runs.append(prepared())
    assert runs == [0, 0, 0, 0, 0, 1, 1, 1]
