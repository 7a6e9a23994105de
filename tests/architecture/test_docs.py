from pathlib import Path

from django.apps import apps
from django.conf import settings

DOC = Path(settings.BASE_DIR) / "docs" / "architecture.md"


def test_architecture_doc_names_every_app_of_ours():
    text = DOC.read_text(encoding="utf-8")
    ours = [config.label for config in apps.get_app_configs() if config.name.startswith("shifan.")]
    missing = [label for label in ours if f"`{label}`" not in text]
    assert missing == []
