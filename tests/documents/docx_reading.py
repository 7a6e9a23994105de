"""Reading generated .docx files in tests, as Word shows them: paragraphs and table rows as text."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def body_paragraphs(document) -> list[str]:
    """The text of every paragraph of the body outside tables, in order (empty ones dropped)."""
    return [paragraph.text for paragraph in document.paragraphs if paragraph.text]


def cell_text(tc) -> str:
    """A cell's text: its paragraphs joined by newlines; a line break (w:br) is a newline too."""
    lines = []
    for paragraph in tc.iter(qn("w:p")):
        parts = []
        for node in paragraph.iter(qn("w:t"), qn("w:br")):
            parts.append("\n" if node.tag == qn("w:br") else node.text or "")
        lines.append("".join(parts))
    return "\n".join(lines)


def table_rows(table) -> list[list[str]]:
    """Each row as the texts of its cells (a merged cell once; a vertical continuation as "")."""
    return [[cell_text(tc) for tc in row._tr.tc_lst] for row in table.rows]


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")
