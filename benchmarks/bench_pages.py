"""Server time (p50/p95) and SQL query count of the key pages of each role, and of the heavy operations.

Run from the repository root after benchmarks/generate.py (same database settings):

    .venv/bin/python benchmarks/bench_pages.py [--requests 30]
    SHIFAN_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/shifan_bench .venv/bin/python benchmarks/bench_pages.py

Pages go through django.test.Client (every middleware, the real templates; force_login for the roles), so
"server time" is the whole request inside the process, without network or a WSGI server (bench_load.py
measures those). Each page: a few warm-up requests, then N timed ones; its queries are captured once with
CaptureQueriesContext and grouped by statement shape (numbers and strings folded), so a growing count
shows which statement repeats. Operations that write (imports, documents, the draw) run inside a
transaction that is rolled back, so the bench database stays as generated.

Writes var/bench/pages-<database>-<scale>.json and prints a table.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings_bench")

import django  # noqa: E402

django.setup()

from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BENCH_DIR = ROOT / "var" / "bench"
# Django empties the query log when a request starts, which would hide a page's queries from
# CaptureQueriesContext around client.get(); the log only fills while a capture is open anyway.
request_started.disconnect(reset_queries)


class Rollback(Exception):
    pass


def shape(sql: str) -> str:
    """A statement with its literals folded, so that the same query with other ids counts as one."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"\((?:\s*\?\s*,)+\s*\?\s*\)", "(?…)", sql)
    sql = re.sub(r"\s+", " ", sql)
    return sql[:220]


def query_profile(queries: list[dict]) -> list[dict]:
    counts = Counter(shape(q["sql"]) for q in queries)
    return [{"count": n, "sql": sql} for sql, n in counts.most_common(8)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Capture(CaptureQueriesContext):
    """CaptureQueriesContext on an emptied log, plus an exact count: the log keeps only the last 9,000
    statements, and a whole-batch operation runs more."""

    def __enter__(self):
        reset_queries()
        self.count = 0
        self._counter = connection.execute_wrapper(self._count)
        self._counter.__enter__()
        return super().__enter__()

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self._counter.__exit__(*exc)
        self.queries = list(self.captured_queries)  # read now: a later reset of the log would empty the slice

    def _count(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def summarise(name: str, kind: str, timings: list[float], captured: Capture | None, **extra) -> dict:
    queries = captured.queries if captured is not None else []  # (not `if captured`: its len() reads the live log)
    return {
        "name": name, "kind": kind, "n": len(timings),
        "p50_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
        "max_ms": round(max(timings) * 1000, 1),
        "queries": captured.count if captured is not None else 0,
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "top_queries": query_profile(queries), **extra,
    }


def warmed_client(name: str, url: str, user, *, warmup: int) -> Client:
    """A client logged in as ``user`` (None: the public) that has requested ``url`` ``warmup`` times, each
    answered 200 (else the bench stops, naming the page)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: GET {url} answered {response.status_code}")
    return client


def bench_page(name: str, url: str, user, *, requests: int, warmup: int = 3) -> dict:
    client = warmed_client(name, url, user, warmup=warmup)
    with Capture(connection) as captured:
        response = client.get(url)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - start)
    return summarise(name, "page", timings, captured, url=url, bytes=len(response.content))


def bench_op(name: str, step, *, repeat: int, rollback: bool = False, setup=None) -> dict:
    """Time ``step`` ``repeat`` times (queries of the first run captured), inside a rolled-back transaction
    if it writes. ``setup`` runs untimed inside the same transaction and its result is passed to ``step``."""
    timings, first, result = [], None, None
    for _run in range(repeat):
        try:
            with transaction.atomic():
                prepared = setup() if setup else None
                with Capture(connection) as captured:
                    start = time.perf_counter()
                    result = step(prepared) if setup else step()
                    timings.append(time.perf_counter() - start)
                first = first if first is not None else captured
                if rollback:
                    raise Rollback
        except Rollback:
            pass
    extra = {"result": result} if isinstance(result, int | str) else {}
    return summarise(name, "operation", timings, first, **extra)


# --- the world the generator left ------------------------------------------------------------------------------

def world() -> dict:
    from shifan.accounts.models import User
    from shifan.applications.models import Application
    from shifan.batches.domain import current_batch
    from shifan.city_review.models import PanelSeat, ReviewGroup, Score
    from shifan.publicity.models import Publicity

    batch = current_batch()
    bench_apps = Application.objects.filter(batch=batch, organization__users__username__startswith="bench_applicant")
    draft = bench_apps.filter(status="draft").order_by("pk").first()
    # 东湖区's, so that its district officer (district_donghu) may open it too.
    recommended = bench_apps.filter(status="recommended", jurisdiction__code="360102").order_by("pk").first()
    group = ReviewGroup.objects.get(batch=batch, name="基准评审组")
    seat = PanelSeat.objects.filter(draw__group=group, draw__superseded_at__isnull=True, state="accepted") \
        .select_related("expert__user").order_by("position").first()
    scored = set(Score.objects.filter(scorer=seat.expert.user, state="submitted").values_list("application_id",
                                                                                               flat=True))
    to_score = group.members.exclude(application_id__in=scored).order_by("application_id").first().application
    return {
        "batch": batch, "draft": draft, "recommended": recommended, "group": group,
        "applicant": draft.organization.users.get(), "expert": seat.expert.user, "to_score": to_score,
        "district": User.objects.get(username="district_donghu"),
        "officer": User.objects.get(username="bureau_officer"),
        "publicity": Publicity.objects.order_by("-published_on", "-pk").first(),
    }


def page_specs(w: dict) -> list[tuple[str, str, object, bool]]:
    """(name, URL, user or None for the public, key page?) — bench_load.py loads the key pages."""
    batch = w["batch"]
    return [
        ("applicant: application page", f"/applicant/applications/{w['draft'].pk}/", w["applicant"], True),
        ("applicant: 附件5 section", f"/applicant/applications/{w['draft'].pk}/sections/served/", w["applicant"],
         False),
        ("district: inbox", "/district/", w["district"], True),
        ("district: application page", f"/district/applications/{w['recommended'].pk}/", w["district"], False),
        ("bureau: application list", "/bureau/applications/", w["officer"], False),
        ("bureau: list, filtered", f"/bureau/applications/?batch={batch.pk}&status=recommended&q=服务", w["officer"],
         True),
        ("bureau: application page", f"/bureau/applications/{w['recommended'].pk}/", w["officer"], False),
        ("expert: scoring page", f"/expert/applications/{w['to_score'].pk}/score/", w["expert"], True),
        ("public: directory search", "/platforms/?q=服务", None, True),
        ("public: publicity list", "/publicity/", None, False),
        ("public: publicity notice", f"/publicity/{w['publicity'].pk}/", None, True),
    ]


def references(w: dict) -> list[tuple[str, str, object, bool]]:
    """The two references (benchmarks/urls_bench.py) in ``page_specs``' form: the stack's ceiling and the base
    layout every logged-in page pays."""
    return [("reference: bare response", "/__bench__/bare/", None, False),
            ("reference: base layout, logged in", "/__bench__/base/", w["officer"], False)]


def write_result(kind: str, generated: dict, result: dict) -> Path:
    """var/bench/<kind>-<database>-<scale>.json: the date, the database and the generated world, then
    ``result``. Side effects: writes the file."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    out = BENCH_DIR / f"{kind}-{connection.vendor}-{generated.get('scale', 'unknown')}.json"
    header = {"date": time.strftime("%Y-%m-%d %H:%M:%S %z"), "database": connection.vendor, "generated": generated}
    out.write_text(json.dumps({**header, **result}, ensure_ascii=False, indent=2, default=str))
    return out


def pages(w: dict, requests: int) -> list[dict]:
    rows = []
    for name, url, user, _key in references(w) + page_specs(w):
        rows.append(bench_page(name, url, user, requests=requests))
        print(f"  {name}: p50 {rows[-1]['p50_ms']} ms, {rows[-1]['queries']} queries", flush=True)
    return rows


def operations(w: dict, repeat: int) -> list[dict]:
    from shifan.applications.documents import DOCUMENTS, archive_for, document_for
    from shifan.applications.dossier_io import evaluate_application, evaluate_applications
    from shifan.applications.list_excel import apply_list_import, check_list_import, export_list
    from shifan.applications.models import Application, ServedEnterprise
    from shifan.district_review.documents import recommendation_for

    rows, draft, officer, applicant = [], w["draft"], w["officer"], w["applicant"]

    def record(row):
        rows.append(row)
        print(f"  {row['name']}: p50 {row['p50_ms']} ms, {row['queries']} queries", flush=True)

    record(bench_op(f"eligibility: one application ({draft.served_smes.count()} 附件5 rows)",
                    lambda: evaluate_application(Application.objects.get(pk=draft.pk)).eligible, repeat=repeat * 4))

    def to_500_rows():
        ServedEnterprise.objects.bulk_create([
            ServedEnterprise(application=draft, seq=1000 + i, name=f"补充企业{i}", satisfied=True)
            for i in range(500 - draft.served_smes.count())])

    record(bench_op("eligibility: one application (500 附件5 rows)",
                    lambda _: evaluate_application(Application.objects.get(pk=draft.pk)).eligible,
                    repeat=repeat * 4, rollback=True, setup=to_500_rows))
    batch_apps = list(Application.objects.filter(batch=w["batch"]).select_related("batch__policy"))
    record(bench_op(f"eligibility: whole batch ({len(batch_apps)} applications)",
                    lambda: sum(e.eligible for e in evaluate_applications(batch_apps).values()),
                    repeat=max(2, repeat // 3)))

    from benchmarks.generate import list10k

    for count in (2_000, 10_000):
        path = BENCH_DIR / f"served_{count}.xlsx"
        if not path.exists():
            list10k(count)
        data = path.read_bytes()
        record(bench_op(f"import 附件5 {count} rows: check", lambda data=data, count=count: check_list_import(
            draft, "served_smes", data, file_name=f"served_{count}.xlsx", actor=applicant).valid_rows,
            repeat=max(2, repeat // 3), rollback=True))

        record(bench_op(
            f"import 附件5 {count} rows: apply", lambda checked: apply_list_import(checked, actor=applicant),
            setup=lambda data=data, count=count: check_list_import(
                draft, "served_smes", data, file_name=f"served_{count}.xlsx", actor=applicant),
            repeat=2, rollback=True))

    recommended = Application.objects.get(pk=w["recommended"].pk)
    record(bench_op("附件1 推荐表 .docx", lambda: len(recommendation_for(recommended, actor=officer).data),
                    repeat=repeat, rollback=True))
    for code, document in DOCUMENTS.items():
        record(bench_op(f"{document.attachment} {code}.docx",
                        lambda code=code: len(document_for(recommended, code, actor=officer).data),
                        repeat=repeat, rollback=True))
    record(bench_op("附件5 list .xlsx export", lambda: len(export_list(recommended, "served_smes", actor=officer)),
                    repeat=repeat, rollback=True))
    record(bench_op("dossier zip", lambda: len(archive_for(recommended, actor=officer).data), repeat=repeat,
                    rollback=True))
    record(expert_draw(w, repeat))
    return rows


def expert_draw(w: dict, repeat: int) -> dict:
    """draw_experts for a 5-member group from a pool topped up to 5,000 experts (all rolled back)."""
    from shifan.accounts.models import User
    from shifan.applications.models import Application
    from shifan.city_review.domain.draws import draw_experts
    from shifan.city_review.domain.groups import assign, create_group
    from shifan.experts.models import Expert

    officer = w["officer"]
    timings, first = [], None
    try:
        with transaction.atomic():
            missing = 5_000 - Expert.objects.count()
            users = User.objects.bulk_create([
                User(username=f"bench_pool_{n:05d}", display_name=f"库内专家{n}", role="expert", password="!")  # noqa: S106 -- unusable
                for n in range(missing)])
            Expert.objects.bulk_create([
                Expert(name=f"库内专家{n}", employer_name=f"江西某研究院{n % 300}", title="高级工程师",
                       title_level="senior", specialties=["technology", "quality"], mobile=f"133{n:08d}",
                       email=f"pool{n}@bench.test", user=user)
                for n, user in enumerate(users)], batch_size=2_000)
            group = create_group(w["batch"], actor=officer, name="基准抽取组", mode="experts", panel_size=5,
                                 backup_count=2)
            assign(group, Application.objects.filter(batch=w["batch"], status="accepted", review_membership=None)
                   .order_by("pk")[:10], actor=officer)
            for run in range(repeat):
                with Capture(connection) as captured:
                    start = time.perf_counter()
                    draw_experts(group, actor=officer, reason="基准测试重新抽取" if run else "")
                    timings.append(time.perf_counter() - start)
                first = first if first is not None else captured
            pool = Expert.objects.count()
            raise Rollback
    except Rollback:
        pass
    return summarise(f"expert draw from a pool of {pool}", "operation", timings, first)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def table(rows: list[dict]) -> str:
    width = max(display_width(r["name"]) for r in rows) + 2
    lines = [f"{pad('', width)} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8} {'SQL ms':>8}"]
    for r in rows:
        lines.append(f"{pad(r['name'], width)} {r['p50_ms']:>9} {r['p95_ms']:>9} {r['queries']:>8} {r['sql_ms']:>8}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--repeat", type=int, default=5, help="runs per operation")
    args = parser.parse_args()
    from benchmarks.generate import generated_summary

    generated = generated_summary()
    w = world()
    started = time.perf_counter()
    print(f"bench_pages on {connection.vendor} ({generated.get('scale', '?')} scale)", flush=True)
    rows = pages(w, args.requests) + operations(w, args.repeat)
    out = write_result("pages", generated, {
        "cpus": os.cpu_count(), "seconds": round(time.perf_counter() - started, 1), "rows": rows})
    print(table(rows))
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
