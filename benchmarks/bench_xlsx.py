"""Time the Excel engine on a 附件5-sized list: template, export and import.

Run from the repository root:  .venv/bin/python benchmarks/bench_xlsx.py [rows ...]
Prints seconds per step (best of three). No Django settings are needed: the engine has no models.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from shifan.documents.xlsx import Column, Kind, Sheet, build_template, export_rows, read_rows

SERVED_SMES = Sheet(
    "服务企业名单",
    [
        Column("name", "服务企业名称", Kind.TEXT, required=True, max_length=100),
        Column("uscc", "统一社会信用代码", Kind.DIGITS_TEXT, required=True, max_length=18),
        Column("contact", "企业联系人", Kind.TEXT),
        Column("title", "职务", Kind.TEXT),
        Column("mobile", "手机", Kind.DIGITS_TEXT),
        Column("summary", "服务内容简述", Kind.TEXT),
        Column("satisfied", "满意", Kind.BOOLEAN),
    ],
    ["每家企业一行。"],
)


def _rows(count: int) -> list[dict]:
    return [
        {
            "name": f"南昌市第{n}科技有限公司",
            "uscc": f"91360100MA35{n:06d}",
            "contact": "张三",
            "title": "总经理",
            "mobile": f"138{n:08d}",
            "summary": "融资对接与人才培训",
            "satisfied": n % 2 == 0,
        }
        for n in range(count)
    ]


def _best(step, repeat: int = 3) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def main(counts: list[int]) -> None:
    seconds, template = _best(lambda: build_template(SERVED_SMES))
    print(f"build_template: {seconds:.3f} s ({len(template) // 1024} KB)")
    for count in counts:
        rows = _rows(count)
        seconds, data = _best(lambda rows=rows: export_rows(SERVED_SMES, rows))
        print(f"export_rows {count:>6} rows: {seconds:.3f} s ({len(data) // 1024} KB)")
        seconds, result = _best(lambda data=data: read_rows(SERVED_SMES, data))
        assert len(result.rows) == count and not result.errors  # noqa: S101 -- a wrong read is not a benchmark
        print(f"read_rows   {count:>6} rows: {seconds:.3f} s")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [2_000, 10_000])
