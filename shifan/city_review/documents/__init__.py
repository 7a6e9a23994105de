"""The city review's documents for the file (第七条(四)).

- ``score_sheet_docx``: one submitted 评分表 (an expert's or the agency's) as Word, to print and sign;
- ``panel_summary_xlsx``: the batch's 评审汇总表 as Excel, one row per application, from ``results_for``;
- ``draw_record_docx``: the 专家抽取记录 of one draw as Word, with its replay verification.

Each takes ``actor=``, refuses who may not have the file (PermissionDenied) and records its
download in the audit chain in the same transaction; ``render_*`` and ``*_context`` are pure reads.
"""

from shifan.city_review.documents.draw_record import (
    DRAW_RECORD_DOWNLOADED,
    draw_record_context,
    draw_record_docx,
    render_draw_record,
)
from shifan.city_review.documents.score_sheet import (
    SCORE_SHEET_DOWNLOADED,
    render_score_sheet,
    score_sheet_context,
    score_sheet_docx,
)
from shifan.city_review.documents.summary import SUMMARY_DOWNLOADED, panel_summary_xlsx, summary_rows

__all__ = [
    "DRAW_RECORD_DOWNLOADED",
    "SCORE_SHEET_DOWNLOADED",
    "SUMMARY_DOWNLOADED",
    "draw_record_context",
    "draw_record_docx",
    "panel_summary_xlsx",
    "render_draw_record",
    "render_score_sheet",
    "score_sheet_context",
    "score_sheet_docx",
    "summary_rows",
]
