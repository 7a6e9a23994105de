"""Architecture rules of docs/architecture.md that import-linter cannot express."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SHIFAN = Path(settings.BASE_DIR) / "shifan"
AUDIENCE_APPS = ("portal", "home", "applicant", "district", "expert", "agency", "bureau", "oversight", "workspace")
# Writes that belong in domain functions, never in views.
WRITE_CALL = re.compile(r"\.(save|delete|update|bulk_create|bulk_update|create|get_or_create|update_or_create)\(")
ALLOWED_WRITES = {
    # Forms' own API, not a model write.
    "form.save(",
}


@pytest.mark.parametrize("app", AUDIENCE_APPS)
def test_audience_apps_never_write_models_directly(app):
    offenders = []
    for path in (SHIFAN / app).rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if WRITE_CALL.search(line) and not any(ok in line for ok in ALLOWED_WRITES):
                offenders.append(f"{path.relative_to(SHIFAN)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize("app", AUDIENCE_APPS)
def test_audience_apps_have_no_models(app):
    assert not (SHIFAN / app / "models.py").exists()


def test_no_template_loads_anything_from_outside():
    offenders = [
        str(path) for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html")
        if ".venv" not in path.parts and re.search(r"""(src|href)=["']https?://""", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_inline_script_in_templates():
    offenders = [
        str(path) for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html")
        if ".venv" not in path.parts and re.search(r"<script(?![^>]*\bsrc=)[^>]*>", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
