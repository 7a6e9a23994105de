"""Every form that uploads a file says that the server is working until the next page arrives.

A large file takes seconds to upload and check (a 10,000-row list, a dossier, scanned evidence);
static/js/shifan.js shows the form's ``data-progress`` text in its ``.progress`` status line and
disables the button. This reads every template, so a new upload form cannot forget it.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted([*ROOT.glob("shifan/*/templates/**/*.html"), *ROOT.glob("templates/**/*.html")])
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S)


def upload_forms():
    for path in TEMPLATES:
        for form in FORM.findall(path.read_text(encoding="utf-8")):
            if 'enctype="multipart/form-data"' in form.split(">", 1)[0]:
                yield path.relative_to(ROOT), form


def test_there_are_upload_forms_to_check():
    assert len(list(upload_forms())) >= 9


def test_each_upload_form_shows_progress_while_it_is_sent():
    missing = []
    for path, form in upload_forms():
        opening = form.split(">", 1)[0]
        text = re.search(r'data-progress="([^"]+)"', opening)
        if not text or "请稍候" not in text[1]:
            missing.append(f"{path}: no data-progress text on the form")
        if '<span class="progress" role="status" aria-live="polite" hidden></span>' not in form:
            missing.append(f"{path}: no .progress status line in the form")
    assert missing == []
