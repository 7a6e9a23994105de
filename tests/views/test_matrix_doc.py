import os

from tests.views.matrix_doc import DOC, render


def test_the_matrix_document_is_current():
    expected = render()
    if os.environ.get("SHIFAN_WRITE_MATRIX_DOC") == "1":
        DOC.write_text(expected, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/authorization-matrix.md is stale: run "
        "SHIFAN_WRITE_MATRIX_DOC=1 .venv/bin/python -m pytest tests/views/test_matrix_doc.py"
    )
