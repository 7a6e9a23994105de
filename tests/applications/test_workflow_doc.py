from pathlib import Path

from django.conf import settings

from shifan.applications.diagram import render_workflow_markdown
from shifan.applications.workflow import TRANSITIONS


def test_docs_workflow_md_is_generated_from_the_current_table():
    current = (Path(settings.BASE_DIR) / "docs" / "workflow.md").read_text(encoding="utf-8")
    assert current == render_workflow_markdown(), "run: python manage.py workflow_doc"


def test_the_diagram_has_one_edge_per_row():
    text = render_workflow_markdown()
    for row in TRANSITIONS:
        assert f"    {row.source} --> {row.target}: " in text
