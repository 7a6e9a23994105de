"""The draft-save load target (issue 10): N applicants saving their drafts at once, 0 errors and 0 lost saves.

    .venv/bin/python benchmarks/bench_drafts.py [--seconds 600] [--users 300]      (or: make bench-drafts)

What it does, against the real stack:

1. Drops and creates the PostgreSQL database ``SHIFAN_DRAFTS_DATABASE_URL`` (default
   postgres://postgres@127.0.0.1:5432/shifan_drafts), migrates it and creates an open batch and N applicant
   users, each in an organisation of their own with a draft application (settings: benchmarks/settings_bench.py).
2. Starts gunicorn on a free port of 127.0.0.1 (gthread; workers and threads sized for 2 cores); with
   ``--servers N`` (N ≥ 2), N gunicorn app servers sharing PostgreSQL and Redis behind Debian's nginx, the
   topology of docs/deploy.md (tests/deploy/topology.py), and the applicants go through nginx.
3. Runs N simulated applicants, one thread each, for the duration: each signs in through the login form, opens
   the 申请报告 section of its draft, then every 10–30 s (random think time) saves the section as the browser's
   autosave does (static/js/shifan.js): POST of the section form with ``X-Autosave: 1``, the CSRF token and the
   optimistic-lock ``version`` carried forward from the previous answer. Each save changes one field to a value
   unique to that user and save.
4. Checks: 0 HTTP errors (anything but the autosave's 200 ``saved: true``, and any network error), and 0 lost
   saves: every user's last acknowledged value and version are what the database holds.

Prints a table and writes var/bench/drafts-<timestamp>.json. Exit status 1 when a check fails.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.deploy.topology import Browser, free_port, report_section, start_app_server, start_nginx, stop  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/shifan_drafts"
os.environ["SHIFAN_BENCH_DATABASE_URL"] = os.environ.get("SHIFAN_DRAFTS_DATABASE_URL", DEFAULT_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings_bench"
BENCH_DIR = ROOT / "var" / "bench"
PASSWORD = "Drafts-Passw0rd!"  # noqa: S105 -- the bench users' password in a throwaway database
SECTION = "report"
FIELD = "report_plans"  # the field each save changes; the section's other fields are sent unchanged


def fresh_database() -> None:
    """Drop and create the database (before Django connects), then migrate it."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ["SHIFAN_BENCH_DATABASE_URL"])
    name = config["NAME"]
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing odd database name {name!r}")
    with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432, user=config["USER"],
                         password=config["PASSWORD"] or None, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def seed(users: int) -> list[dict]:
    """An open batch and USERS applicants, each with an organisation and a draft application of its own."""
    from django.contrib.auth.hashers import make_password
    from django.urls import reverse

    from shifan.accounts.roles import Role
    from shifan.applications.enums import Status
    from tests.factories import (
        ApplicationFactory,
        BatchFactory,
        JurisdictionFactory,
        OrganizationFactory,
        UserFactory,
    )

    batch = BatchFactory()
    district = JurisdictionFactory(code="360102")
    password = make_password(PASSWORD)
    people = []
    for n in range(users):
        organization = OrganizationFactory(name=f"草稿压测服务机构{n:03d}有限公司", jurisdiction=district)
        user = UserFactory(username=f"drafter{n:03d}", role=Role.APPLICANT, organization=organization,
                           display_name=f"申报人{n:03d}", password=None)
        type(user).objects.filter(pk=user.pk).update(password=password)
        application = ApplicationFactory(organization=organization, batch=batch, status=Status.DRAFT,
                                         platform_name=f"压测平台{n:03d}")
        people.append({"n": n, "username": user.username, "application": application.pk,
                       "section_url": reverse("applicant:section", args=[application.pk, SECTION])})
    return people


def applicant(person: dict, port: int, stop_at: float, think: tuple[float, float], out: dict) -> None:
    """Sign in, open the section, then autosave it with think time until STOP_AT; record what was acked."""
    result = out[person["username"]] = {"saves": 0, "errors": [], "latencies": [], "acked": None, "version": None}
    browser = Browser(port)
    rng = random.Random(person["n"])  # noqa: S311 -- think times and payloads, not secrets
    try:
        if not browser.log_in(person["username"], PASSWORD):
            result["errors"].append("login refused")
            return
        status, _, page = browser.request("GET", person["section_url"])
        if status != 200:
            result["errors"].append(f"section page {status}")
            return
        version, fields = report_section(page.decode())
        result["version"] = version
        time.sleep(rng.uniform(0, think[1]))  # arrivals spread over the first think interval
        sequence = 0
        while time.time() < stop_at:
            sequence += 1
            value = f"第{sequence}次保存：用户{person['n']:03d}的发展规划 {rng.getrandbits(64):016x}"
            form = {**fields, FIELD: value, "version": version, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
            started = time.perf_counter()
            try:
                status, _, body = browser.request("POST", person["section_url"], form, {"X-Autosave": "1"})
            except OSError as error:
                result["errors"].append(f"save {sequence}: {type(error).__name__}")
            else:
                result["latencies"].append(time.perf_counter() - started)
                answer = json.loads(body) if body.startswith(b"{") else {}
                if status == 200 and answer.get("saved") is True:
                    version = answer["version"]
                    result.update(saves=result["saves"] + 1, acked=value, version=version)
                else:
                    result["errors"].append(f"save {sequence}: {status} {answer.get('message', '')[:80]}")
            time.sleep(min(rng.uniform(*think), max(0.0, stop_at - time.time())))
    except Exception as error:  # any failure of a simulated user is counted, never hidden
        result["errors"].append(f"{type(error).__name__}: {error}")


def verify(people: list[dict], out: dict) -> list[str]:
    """Each user's last acknowledged value and version against the database: the lost saves."""
    from shifan.applications.models import Application

    lost = []
    rows = {a.pk: a for a in Application.objects.filter(pk__in=[p["application"] for p in people])
            .select_related("profile")}
    for person in people:
        got, application = out[person["username"]], rows[person["application"]]
        if got["acked"] is None:
            continue
        stored = getattr(getattr(application, "profile", None), FIELD, None)
        if stored != got["acked"] or application.version != got["version"]:
            lost.append(f"{person['username']}: acked v{got['version']} {got['acked']!r}, "
                        f"stored v{application.version} {stored!r}")
    return lost


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_servers(args) -> tuple[list, int]:
    """The app servers (and nginx in front of two or more); returns the processes (nginx first) and the port
    the applicants use."""
    if args.servers < 2:
        port = free_port()
        return [start_app_server(port, env={}, log=BENCH_DIR / "gunicorn-drafts.log", workers=args.workers,
                                 threads=args.threads, behind_proxy=False)], port
    shared = {"SHIFAN_REDIS_URL": "redis://127.0.0.1:6379/12", "SHIFAN_CACHE_PREFIX": f"drafts-{os.getpid()}"}
    ports, servers = [free_port() for _ in range(args.servers)], []
    for n, port in enumerate(ports, start=1):
        servers.append(start_app_server(port, env=shared, log=BENCH_DIR / f"gunicorn-drafts-{n}.log",
                                        workers=args.workers, threads=args.threads))
    proxy_port = free_port()
    proxy = start_nginx(proxy_port, ports, Path(tempfile.mkdtemp(prefix="shifan-nginx-")))
    return [proxy, *servers], proxy_port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--think-min", type=float, default=10.0)
    parser.add_argument("--think-max", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 × cores + 1)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--servers", type=int, default=1,
                        help="app servers; 2 or more run behind nginx with a shared Redis (docs/deploy.md)")
    args = parser.parse_args()

    started = time.time()
    print(f"== fresh database {os.environ['SHIFAN_BENCH_DATABASE_URL'].rsplit('/', 1)[-1]}", flush=True)
    fresh_database()
    people = seed(args.users)
    print(f"== {len(people)} applicants with a draft each ({time.time() - started:.0f} s)", flush=True)
    from django.db import connections

    connections.close_all()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    processes, port = start_servers(args)
    out: dict = {}
    try:
        print(f"== {args.users} applicants saving for {args.seconds} s against {args.servers} × gunicorn "
              f"({args.workers} workers × {args.threads} threads){' behind nginx' if args.servers > 1 else ''} "
              f"on 127.0.0.1:{port}", flush=True)
        run_started = time.time()
        stop_at = run_started + args.seconds
        threads = [threading.Thread(target=applicant, args=(p, port, stop_at, (args.think_min, args.think_max), out),
                                    daemon=True) for p in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1.0, stop_at - time.time() + 120))
        elapsed = time.time() - run_started
    finally:
        stop(*processes)

    lost = verify(people, out)
    latencies = [v for r in out.values() for v in r["latencies"]]
    errors = [f"{user}: {e}" for user, r in out.items() for e in r["errors"]]
    saves = sum(r["saves"] for r in out.values())
    summary = {
        "benchmark": "drafts",
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        # Load average at the end: the figures of a machine shared with other work are not those of an idle one.
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0],
                    "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()]},
        "database": "PostgreSQL",
        "users": args.users, "seconds": args.seconds, "elapsed_s": round(elapsed, 1),
        "think_s": [args.think_min, args.think_max],
        "gunicorn": {"servers": args.servers, "workers": args.workers, "threads": args.threads,
                     "worker_class": "gthread", "behind_nginx": args.servers > 1},
        "users_saving": sum(1 for r in out.values() if r["saves"]),
        "saves": saves, "saves_per_s": round(saves / elapsed, 2) if elapsed else 0,
        "http_errors": len(errors), "lost_saves": len(lost),
        "latency_ms": {"p50": round(percentile(latencies, 0.5) * 1000, 1),
                       "p95": round(percentile(latencies, 0.95) * 1000, 1),
                       "p99": round(percentile(latencies, 0.99) * 1000, 1),
                       "max": round(max(latencies, default=0) * 1000, 1),
                       "mean": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0},
        "errors_sample": errors[:20], "lost_sample": lost[:20],
    }
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    target = BENCH_DIR / f"drafts-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    rows = [
        ("applicants / saving", f"{args.users} / {summary['users_saving']}"),
        ("duration (s)", f"{summary['elapsed_s']}"),
        ("saves acknowledged", f"{saves}"),
        ("saves per second", f"{summary['saves_per_s']}"),
        ("save latency p50 / p95 / p99 (ms)",
         f"{summary['latency_ms']['p50']} / {summary['latency_ms']['p95']} / {summary['latency_ms']['p99']}"),
        ("save latency max (ms)", f"{summary['latency_ms']['max']}"),
        ("HTTP errors (target 0)", f"{len(errors)}"),
        ("lost saves (target 0)", f"{len(lost)}"),
        ("load average 1/5/15 min", " / ".join(f"{x:.1f}" for x in os.getloadavg())),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    for line in (errors + lost)[:20]:
        print("  !", line)
    print(f"written: {target.relative_to(ROOT)}")
    return 0 if not errors and not lost and saves else 1


if __name__ == "__main__":
    sys.exit(main())
