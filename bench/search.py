"""`make bench-search`: search latency with 100,000 insights on PostgreSQL.

Needs DATABASE_URL pointing at a PostgreSQL database it may empty. Fills it (bench/generate.py
with BENCH_INSIGHTS=100000; BENCH_REUSE=1 keeps an earlier run's data), then times the first
results page of searches as the search view runs them (ranked union of insights and entries,
then the page's objects with their highlighted excerpts), uncached, in-process. Appends the
figures to bench/RESULTS.md.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from notes import add_note

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["public space", "housing", "care", "climate heat", "Lima", "participation budget",
           "digital inclusion", "women safety", "trees", "governance cooperation"]  # fmt: skip
ROUNDS = 20


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/search.py needs DATABASE_URL=postgres://… (a database it may empty)")
    env = {**os.environ, "BENCH_INSIGHTS": os.environ.get("BENCH_INSIGHTS", "100000")}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip
    if os.environ.get("BENCH_REUSE") != "1":  # BENCH_REUSE=1: the data of an earlier run
        subprocess.run([python, "manage.py", "flush", "--no-input"], cwd=ROOT, env=env,
                       check=True)  # fmt: skip
        started = time.monotonic()
        out = subprocess.run([python, "bench/generate.py"], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True).stdout.strip()  # fmt: skip
        print(f"data generated in {time.monotonic() - started:.0f} s: {out}")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_portal.settings")
    import django

    django.setup()
    from django.core.paginator import Paginator
    from django.db import connection

    from search import query as search

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    timings = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            began = time.perf_counter()
            page = Paginator(search.ranked_hits(query), 10).get_page(1)
            results = search.results(list(page.object_list), query)
            timings.append((time.perf_counter() - began) * 1000)
            assert results, query
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    line = (
        f"- search with {env['BENCH_INSIGHTS']} insights on PostgreSQL: {len(timings)} searches "
        f"({len(QUERIES)} queries × {ROUNDS}), first page with excerpts, uncached: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores)"
    )
    print(line)
    add_note(line, replaces="insights on PostgreSQL")


if __name__ == "__main__":
    main()
