"""Requests per second of the key pages under concurrent load, against gunicorn on 127.0.0.1.

Run from the repository root after benchmarks/generate.py (same database settings):

    .venv/bin/python benchmarks/bench_load.py [--seconds 8] [--connections 8]

One gunicorn (benchmarks/settings_bench.py: the product's URLs plus two references) serves, in the same
run, the key pages and two references:

- ``bare``: /__bench__/bare/, an empty response through every middleware: the ceiling of the stack;
- ``base layout``: /__bench__/base/, the site's base layout for a logged-in user with no content: the floor
  every page pays (session, user, unread count, menus).

Logged-in pages carry the session cookie of a session made with django.test.Client.force_login. The load
client is ``wrk`` when installed (apt-get install wrk), else a Python client (threads, http.client with
keep-alive). Absolute figures depend on the machine (and the load client shares its cores), so the result
is also given as ratios: page rps / base-layout rps and base-layout rps / bare rps.

Shared machines drift: one run's base layout went from 295 to 421 req/s a minute later, moving every ratio
by a third. So the URLs are loaded in ``--rounds`` rounds, each of every URL in turn, and a page's ratio is
the median of its rounds' ratios to the same round's base layout (its req/s the median of its rounds').

Writes var/bench/load-<database>-<scale>.json and prints a table.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings_bench")

from benchmarks.bench_pages import BENCH_DIR, display_width, pad, page_specs, world, write_result  # noqa: E402 -- sets up Django


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings_bench", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(  # noqa: S603 -- our own venv's gunicorn with fixed arguments
        [str(Path(sys.executable).parent / "gunicorn"), "shifan.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning",
         "--keep-alive", "5"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(BENCH_DIR / "gunicorn.log", "w"),  # noqa: SIM115
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/__bench__/bare/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start; see var/bench/gunicorn.log")


def check(port: int, path: str, cookie: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status} from gunicorn")


def run_wrk(port: int, path: str, cookie: str, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "errors": errors,
            "latency_p50_ms": round(float(p50.group(1)) * scale[p50.group(2)], 1) if p50 else None}


def run_python(port: int, path: str, cookie: str, seconds: int, connections: int) -> dict:
    """A keep-alive client per thread; counts complete 200 responses."""
    stop = time.perf_counter() + seconds
    counts, errors, latencies = [0] * connections, [0] * connections, [[] for _ in range(connections)]

    def worker(n: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[n] += 1
                    latencies[n].append(time.perf_counter() - start)
                else:
                    errors[n] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                errors[n] += 1
                connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    all_latencies = sorted(x for per in latencies for x in per)
    p50 = all_latencies[len(all_latencies) // 2] * 1000 if all_latencies else None
    return {"rps": round(sum(counts) / elapsed, 1), "errors": sum(errors),
            "latency_p50_ms": round(p50, 1) if p50 else None}


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def summarise_runs(name: str, url: str, runs: list[dict], base_runs: list[dict]) -> dict:
    """A URL's row: medians of its rounds, its ratio the median of each round's ratio to that round's base."""
    ratios = [run["rps"] / base["rps"] for run, base in zip(runs, base_runs, strict=True) if base["rps"]]
    latencies = [run["latency_p50_ms"] for run in runs if run["latency_p50_ms"] is not None]
    return {"name": name, "url": url, "rps": round(statistics.median(run["rps"] for run in runs), 1),
            "errors": sum(run["errors"] for run in runs),
            "latency_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "vs_base_layout": round(statistics.median(ratios), 2) if ratios else None,
            "rps_by_round": [run["rps"] for run in runs],
            "vs_base_layout_by_round": [round(ratio, 2) for ratio in ratios]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="load per URL and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all the URLs (ratios: their median)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    # As deployed (deploy/gunicorn.conf.py): 2 × cores + 1 processes of 4 threads. With fewer processes than
    # connections' worth of work, wrk's keep-alive connections can all land on one process and leave a core idle.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()
    from django.db import connection

    client_name = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "python")
    load = run_wrk if client_name == "wrk" else run_python
    from benchmarks.generate import generated_summary

    generated = generated_summary()
    w = world()
    reference_user = w["officer"]
    targets = [("bare (stack ceiling)", "/__bench__/bare/", None),
               ("base layout, logged in (floor)", "/__bench__/base/", reference_user)]
    targets += [(name, url, user) for name, url, user, key in page_specs(w) if key]
    cookies = {}
    for _, _, user in targets:
        if user is not None and user.pk not in cookies:
            cookies[user.pk] = session_cookie(user)
    connection.close()  # the server's workers use the database; keep no transaction of ours open
    port = free_port()
    server = start_server(port, args.workers, args.threads)
    print(f"bench_load on {connection.vendor}: gunicorn {args.workers}×{args.threads} gthread, {client_name}, "
          f"{args.connections} connections, {args.seconds} s per URL", flush=True)
    runs = {name: [] for name, _, _ in targets}
    try:
        for round_number in range(args.rounds):
            for name, url, user in targets:
                path = urllib.parse.quote(url, safe="/?=&")
                cookie = cookies.get(user.pk, "") if user else ""
                if round_number == 0:
                    check(port, path, cookie)
                    load(port, path, cookie, 1, args.connections)  # warm-up
                runs[name].append(load(port, path, cookie, args.seconds, args.connections))
                print(f"  round {round_number + 1}, {name}: {runs[name][-1]['rps']} req/s, "
                      f"{runs[name][-1]['errors']} errors", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    rows = [summarise_runs(name, url, runs[name], runs[targets[1][0]]) for name, url, _ in targets]
    result = {
        "cpus": os.cpu_count(), "client": client_name, "connections": args.connections, "seconds": args.seconds,
        "rounds": args.rounds,
        "server": f"gunicorn {args.workers} workers × {args.threads} threads (gthread)",
        "base_layout_vs_bare": summarise_runs("", "", runs[targets[1][0]], runs[targets[0][0]])["vs_base_layout"],
        "rows": rows,
    }
    out = write_result("load", generated, result)
    width = max(display_width(r["name"]) for r in rows) + 2
    print(f"{pad('', width)} {'req/s':>9} {'p50 ms':>8} {'÷ base':>7} {'errors':>7}  ÷ base by round")
    for r in rows:
        print(f"{pad(r['name'], width)} {r['rps']:>9} {r['latency_p50_ms'] or '':>8} {r['vs_base_layout']:>7} "
              f"{r['errors']:>7}  {' '.join(str(x) for x in r['vs_base_layout_by_round'])}")
    print(f"base layout ÷ bare: {result['base_layout_vs_bare']}")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
