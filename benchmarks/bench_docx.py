"""Time the Word engine on 附件5 (served SMEs) of 2,000 and 10,000 rows.

Run from the repository root:  DJANGO_SETTINGS_MODULE=shifan.settings_test .venv/bin/python benchmarks/bench_docx.py
Prints seconds per render (best of three). Needs settings only for the document's timestamps.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

import django

django.setup()

from shifan.documents.docx import render_docx  # noqa: E402


def _context(count: int) -> dict:
    rows = [
        {"seq": str(n), "name": f"南昌市第{n}科技有限公司", "contact": "张三", "position": "总经理",
         "mobile": f"138{n:08d}", "service": "融资对接与人才培训", "satisfied": "✓",
         "unsatisfied": ""}
        for n in range(1, count + 1)
    ]  # fmt: skip
    return {"applicant": "南昌示范样例科技服务有限公司", "rows": rows, "served_count": str(count),
            "list_minimum": "100"}


def main(counts: list[int]) -> None:
    for count in counts:
        context = _context(count)
        timings, data = [], b""
        for _ in range(3):
            start = time.perf_counter()
            data = render_docx("served_list.docx", context)
            timings.append(time.perf_counter() - start)
        print(f"render 附件5 {count:>6} rows: {min(timings):.3f} s ({len(data) // 1024} KB)")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2_000, 10_000])
