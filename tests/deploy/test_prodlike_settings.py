"""The production-like test settings give every test process keys of its own in the shared Redis.

xdist starts its workers from the controller's environment, after the controller has imported the settings.
If the cache prefix travelled through that environment, all workers would share one prefix and a worker could
read another's cached rows (another test database's batch names, whose ids mean other batches).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PARENT = """
import os, subprocess, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "shifan.settings_prodlike"
from django.conf import settings
parent = settings.CACHES["default"]["KEY_PREFIX"]  # settings are lazy: this imports them, as xdist's controller does
child = subprocess.run(
    [sys.executable, "-c", "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"],
    capture_output=True, text=True, check=True,
).stdout.strip()
print(parent, child)
"""


def test_a_process_started_after_the_settings_were_imported_gets_its_own_cache_prefix():
    done = subprocess.run(  # noqa: S603 -- our own interpreter with fixed code
        [sys.executable, "-c", PARENT], cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    parent, child = done.stdout.split()
    assert parent.startswith("prodlike-") and child.startswith("prodlike-")
    assert parent != child
