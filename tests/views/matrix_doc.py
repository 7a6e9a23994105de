"""docs/authorization-matrix.md, generated from the matrix rows for readers who do not run the tests.

Regenerate with ``SHIFAN_WRITE_MATRIX_DOC=1 .venv/bin/python -m pytest tests/views/test_matrix_doc.py``.
"""

from pathlib import Path

from tests.views.matrix import PERSONAS, ROWS

DOC = Path(__file__).resolve().parents[2] / "docs" / "authorization-matrix.md"
HEADER = """# Authorization matrix

<!-- Generated from tests/views/matrix*.py by tests/views/test_matrix_doc.py; do not edit by hand. -->

Every URL of the system, for each verb it answers, and the HTTP status each persona gets on the
objects of the test world (tests/views/test_authorization_matrix.py builds it: organisation A in
district X has a submitted application; B is another organisation in district Y). 302 for `anon`
is the login page; 404 means the object is not found for that persona, so its existence does not
leak. `tests/views/test_authorization_matrix.py` requests every cell on every run, and fails when a
URL has no row or a URL that accepts POST has no POST row.

Personas: `anon` (not signed in), `applicant_a`/`applicant_a2` (organisation A), `applicant_b`
(organisation B), `officer_x`/`officer_y` (district X / Y), `bureau_officer`, `bureau_head`,
`bureau_admin`, `expert_1` (an expert, assigned where the row says so), `agency` (third-party
agency), `auditor`.
"""


def render() -> str:
    head = "| URL name | verb | objects | " + " | ".join(PERSONAS) + " |"
    rule = "|" + " --- |" * (len(PERSONAS) + 3)
    lines = [HEADER, head, rule]
    for row in sorted(ROWS, key=lambda r: (r.name, r.method, sorted(r.kwargs.items()))):
        objects = ", ".join(f"{k}={v}" for k, v in sorted(row.kwargs.items())) or "–"
        cells = " | ".join(str(row.status_for(p)) for p in PERSONAS)
        lines.append(f"| `{row.name}` | {row.method} | {objects} | {cells} |")
    return "\n".join(lines) + "\n"
