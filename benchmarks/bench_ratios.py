"""In-process server time of the key pages as multiples of the base layout's, requested in turn.

Run from the repository root after benchmarks/generate.py (same database settings):

    .venv/bin/python benchmarks/bench_ratios.py [--requests 200] [--rounds 3]

bench_load.py gives the target's figure (requests per second under load); this gives the same comparison
without a server or a load client, so that a change to one page can be judged in half a minute. Each page
and the two references (bench_load.py's) are requested through django.test.Client as their users, in
``--rounds`` rounds of every URL in turn, so that a shared machine's drift reaches every URL alike; a
page's figure is the median of all its requests, and its ratio that median over the base layout's. A page
at 2× the base layout or less is, in-process, where the target asks it to be under load (≥ 50 % of the
base layout's requests per second); under load the ratio also carries each statement's round trip.

Writes var/bench/ratios-<database>-<scale>.json and prints a table.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import page_specs, references, warmed_client, world, write_result  # noqa: E402

WARMUP = 10
BASE = "reference: base layout, logged in"


def urls(w: dict) -> list[tuple[str, str, object]]:
    """The references, then the key pages: (name, URL, user or None)."""
    return [(name, url, user) for name, url, user, _key in references(w)] + \
        [(name, url, user) for name, url, user, key in page_specs(w) if key]


def measure(w: dict, requests: int, rounds: int) -> dict[str, list[float]]:
    """Seconds per request of every URL, ``requests`` each, in ``rounds`` rounds of every URL in turn."""
    clients = {name: (warmed_client(name, url, user, warmup=WARMUP), url) for name, url, user in urls(w)}
    timings: dict[str, list[float]] = {name: [] for name in clients}
    per_round = max(1, requests // rounds)
    for _ in range(rounds):
        for name, (client, url) in clients.items():
            for _ in range(per_round):
                start = time.perf_counter()
                client.get(url)
                timings[name].append(time.perf_counter() - start)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per URL")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every URL in turn")
    args = parser.parse_args()
    from benchmarks.generate import generated_summary

    timings = measure(world(), args.requests, args.rounds)
    base = statistics.median(timings[BASE])
    rows = [{"name": name, "p50_ms": round(statistics.median(t) * 1000, 2),
             "ratio_to_base": round(statistics.median(t) / base, 2), "requests": len(t)}
            for name, t in timings.items()]
    out = write_result("ratios", generated_summary(), {"rows": rows})
    width = max(len(row["name"]) for row in rows)
    print(f"{'':{width}}  p50 ms  ÷ base")
    for row in rows:
        print(f"{row['name']:{width}}  {row['p50_ms']:6.2f}  {row['ratio_to_base']:6.2f}")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
