"""documents is an infrastructure app: it may import shifan.core and third parties, no domain app.

import-linter enforces this once the app is in its contract; this test holds the line until then.
"""

import re
from pathlib import Path

from django.conf import settings

DOCUMENTS = Path(settings.BASE_DIR) / "shifan" / "documents"
OUR_IMPORT = re.compile(r"^\s*(?:from|import)\s+(shifan(?:\.\w+)?)", re.MULTILINE)


def test_documents_imports_only_itself_and_core():
    imported = {
        match.group(1)
        for path in DOCUMENTS.rglob("*.py")
        for match in OUR_IMPORT.finditer(path.read_text(encoding="utf-8"))
    }
    assert imported <= {"shifan.documents", "shifan.core"}


def test_documents_models_are_only_the_number_register():
    """documents keeps the archive's infrastructure only: today the register of issued numbers."""
    from django.apps import apps

    assert [m.__name__ for m in apps.get_app_config("documents").get_models()] == ["NumberSequence"]
