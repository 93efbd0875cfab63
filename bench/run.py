"""`make bench`: a large data set, the portal under gunicorn with production settings, and
wrk against /healthz/live and every public page type, with the page cache and without it
(two gunicorns in one run). Writes bench/RESULTS.md.

Bounded: each URL gets BENCH_SECONDS of load (default 5); everything it starts is stopped
at the end, also on errors. Loopback only.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "RESULTS.md"
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", 5))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{DATA / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="toolkit_portal.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
        SITE_URL="https://bench.portal.example",
        POLICY_OFFICER_EMAIL="officer@bench.portal.example",
        # One host, and each worker's own cache is what is measured (CACHE_URL overrides).
        DJANGO_SILENCED_SYSTEM_CHECKS=env.get("DJANGO_SILENCED_SYSTEM_CHECKS", "portal.E001"),
        FORM_MIN_SECONDS="0",  # the load generator fills the form instantly
        JOIN_RATE_LIMIT="100000",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DATABASE_CONN_MAX_AGE="60",  # as .env.example and DEPLOY.md set it in production
    )
    return env


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def prepare(env) -> str:
    DATA.mkdir(parents=True, exist_ok=True)
    database = env["DATABASE_URL"]
    if database.startswith("sqlite"):
        (DATA / "bench.sqlite3").unlink(missing_ok=True)
    else:
        run([PYTHON, "manage.py", "flush", "--no-input"], env)
    run([PYTHON, "manage.py", "compile_translations"], env)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    started = time.monotonic()
    out = run([PYTHON, "bench/generate.py"], env, capture_output=True, text=True).stdout
    print(f"data generated in {time.monotonic() - started:.0f} s: {out.strip()}")
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    return "PostgreSQL" if database.startswith("postgres") else "SQLite"


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        print("installing Debian's wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        wrk = shutil.which("wrk")
    return wrk


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def targets(env) -> list[tuple[str, str]]:
    """(label, path) for every public page type, in each language where it matters."""
    script = (
        "from toolkit.models import Insight, Theme; from initiatives.models import Entry;"
        "t = Theme.objects.get(position=1);"
        "i = Insight.objects.published().filter(theme=t).first();"
        "e = Entry.objects.published().first(); p = e.programme;"
        "from signatories.models import Signatory;"
        "s = Signatory.objects.approved().exclude(slug='').order_by('pk').first();"
        "print(t.slug, i.slug, e.slug, p.slug, e.country.code, e.date.year, s.slug)"
    )
    out = run([PYTHON, "manage.py", "shell", "-v", "0", "-c", script], env,
              capture_output=True, text=True).stdout.split()  # fmt: skip
    theme, insight, entry, programme, country, year, signatory = out
    pages = [
        ("home", "/"),
        ("toolkit index", "/toolkit/"),
        ("theme page 1", f"/toolkit/{theme}/"),
        ("theme page 50", f"/toolkit/{theme}/?page=50"),
        ("insight", f"/toolkit/{theme}/{insight}/"),
        ("tag page", "/tags/topic-007/"),
        ("initiatives index", "/initiatives/"),
        ("programme page", f"/initiatives/{programme}/"),
        ("programme filtered", f"/initiatives/{programme}/?country={country}&year={year}"),
        ("entry", f"/initiatives/{programme}/{entry}/"),
        ("signatories", "/signatories/"),
        ("signatory profile", f"/signatories/{signatory}/"),
        ("signatory map", "/signatories/map/"),
        ("commitment progress", "/signatories/progress/"),
        ("search common word", "/search/?q=public+space"),
        ("search rare word", "/search/?q=Lima"),
        ("join form", "/join/"),
        ("feed", "/toolkit/feed.atom"),
        ("sitemap", "/sitemap.xml"),
        ("places", "/places/"),
        ("country of places", "/places/es/"),
        ("place", "/places/es/city-0/"),
        ("place page 2", "/places/es/city-0/?page=2&entries_page=2"),
        ("place feed", "/places/es/city-0/feed.atom"),
        # every other public page type (the big open-data files apart: insights.json is
        # 19 MB, several seconds a request uncached)
        ("signatories by kind", "/signatories/?group=kind"),
        ("signatory badge", f"/signatories/{signatory}/badge.svg"),
        ("profile update link form", f"/signatories/{signatory}/update/"),
        ("ask your city", "/signatories/ask-your-city/"),
        ("updates feed", "/signatories/updates/feed.atom"),
        ("join thanks", "/join/thanks/"),
        ("privacy notice", "/join/privacy/"),
        ("subscribe form", "/subscribe/"),
        ("tag feed", "/tags/topic-007/feed.atom"),
        ("calendar", "/initiatives/calendar.ics"),
        ("sitemap of insights", "/sitemap-insights.xml"),
        ("print: one area", f"/print/toolkit/{theme}/"),
        ("about", "/about/"),
        ("accessibility", "/accessibility/"),
        ("open data", "/data/"),
        ("open data: signatories", "/data/signatories.json"),
        ("robots.txt", "/robots.txt"),
    ]
    for lang in ["fr", "es"]:
        pages += [
            (f"home ({lang})", f"/{lang}/"),
            (f"theme page 1 ({lang})", f"/{lang}/toolkit/{theme}/"),
            (f"insight ({lang})", f"/{lang}/toolkit/{theme}/{insight}/"),
            (f"place ({lang})", f"/{lang}/places/es/city-0/"),
        ]
    return pages


def measure_queries_and_bytes(env, pages) -> dict[str, tuple[int, int]]:
    """SQL queries and bytes of one cold request to each page, in a separate process."""
    script = (
        "import json, sys, time\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1', secure=True)\n"
        "result = {}\n"
        "for path in json.loads(sys.stdin.read()):\n"
        "    cache.clear()\n"
        "    started = time.perf_counter()\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        response = client.get(path)\n"
        "    ms = (time.perf_counter() - started) * 1000\n"
        "    result[path] = [len(queries), len(response.content), response.status_code, ms]\n"
        "print(json.dumps(result))\n"
    )
    import json

    paths = json.dumps([path for _, path in pages])
    command = [PYTHON, "manage.py", "shell", "-v", "0", "-c", script]
    out = run(command, env, input=paths, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


NOT_HTML = re.compile(r"\.(atom|rss|xml|ics|json|csv|svg|txt)(\?|$)")


def cold_after_edit(env, pages) -> str:
    """After editing one insight (the bench's insight page's, its title in every language),
    which page types the page cache renders again, and which of those show it: in a
    separate process, each page visited twice before the edit."""
    script = (
        "import json, sys\n"
        "from django.test import Client\n"
        "from toolkit.models import Insight\n"
        "client = Client(HTTP_HOST='127.0.0.1', secure=True)\n"
        "pages, (theme, slug) = json.loads(sys.stdin.read())\n"
        "for _ in range(2):\n"
        "    for _label, path in pages:\n"
        "        client.get(path)\n"
        "insight = Insight.objects.get(theme__slug=theme, slug=slug)\n"
        "for code in ('en', 'fr', 'es'):\n"
        "    title = getattr(insight, f'title_{code}')\n"
        "    setattr(insight, f'title_{code}', f'{title} (edited)' if title else '')\n"
        "insight.save()\n"
        "rows = []\n"
        "for label, path in pages:\n"
        "    response = client.get(path)\n"
        "    shown = '(edited)' in response.content.decode()\n"
        "    rows.append([label, response.get('X-Page-Cache', 'not kept'), shown])\n"
        "print(json.dumps(rows))\n"
    )
    import json

    insight_path = dict(pages)["insight"]
    theme, slug = insight_path.strip("/").split("/")[1:3]
    command = [PYTHON, "manage.py", "shell", "-v", "0", "-c", script]
    out = run(command, env, input=json.dumps([pages, [theme, slug]]), capture_output=True,
              text=True)  # fmt: skip
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    never = [label for label, state, _shown in rows if state == "not kept"]
    rows = [row for row in rows if row[1] != "not kept"]
    cold = [label for label, state, _shown in rows if state != "hit"]
    showing = [label for label, _state, shown in rows if shown]
    wrongly_warm = [label for label, state, shown in rows if shown and state == "hit"]
    assert not wrongly_warm, f"kept pages still show the old insight: {wrongly_warm}"
    return (
        f"after editing one insight, {len(cold)} of the bench's {len(rows)} page types render "
        f"cold ({', '.join(cold)}); {len(showing)} of them show that insight "
        f"({', '.join(showing)}); the other {len(rows) - len(cold)} are served from the cache "
        f"(not counted, never kept whole: {', '.join(never) or 'none'})"
    )


LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(binary: str, url: str, headers=()) -> dict[str, float]:
    extra = [arg for header in headers for arg in ("-H", header)]
    out = subprocess.run(
        [binary, "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency",
         *extra, url],
        check=True, capture_output=True, text=True, timeout=SECONDS + 30,
    ).stdout  # fmt: skip
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {int(p): float(v) * scale[u] for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": latency[50],
        "p99": latency[99],
        "non2xx": int(errors[1]) if errors else 0,
    }


def drained(base: str) -> None:
    """Wait until both workers are done with what wrk left queued (a slow page leaves
    seconds of requests behind): two probes, queued behind the rest, answered."""
    from concurrent.futures import ThreadPoolExecutor

    def probe(_n):
        urllib.request.urlopen(f"{base}/healthz/live", timeout=120).read()  # noqa: S310

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(probe, range(2)))


def static_file_headers(base: str) -> str:
    """How a hashed stylesheet is served: compression and cache lifetime."""
    import json

    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    url = f"{base}/static/{manifest['paths']['css/site.css']}"
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        encoding = response.headers.get("Content-Encoding", "none")
        cache_control = response.headers.get("Cache-Control", "none")
        size = len(response.read())
    original = (ROOT / "static" / "css" / "site.css").stat().st_size
    return (
        f"static files: `{url.removeprefix(base)}` served with Content-Encoding `{encoding}` "
        f"({size} of {original} bytes) and Cache-Control `{cache_control}`"
    )


def hanging_mail_server():
    """A server on loopback that accepts connections and never says a word."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(100)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return listener, held


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report the 302 itself instead of following it


NoRedirect = urllib.request.build_opener(_KeepRedirects)


def join_posts(base: str, count: int = 200, clients: int = 2, first: int = 0) -> dict[str, float]:
    """POST `count` distinct join requests from `clients` concurrent visitors; latency in ms."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlencode

    def one(n: int) -> float:
        # Production cookies are Secure, so a cookie jar would not send them over plain
        # HTTP on loopback: carry the CSRF cookie by hand.
        with urllib.request.urlopen(f"{base}/join/", timeout=30) as response:
            page = response.read().decode()
            cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"])[1]
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        started = re.search(r'name="started" value="([^"]+)"', page)[1]
        data = urlencode({
            "csrfmiddlewaretoken": csrf, "started": started, "organisation": f"Bench city {n}",
            "kind": "government", "city": "Bench", "country": "FR", "contact_name": "Bench",
            "contact_email": f"bench{n}@bench.example", "consent": "on", "confirm_new": "on",
        }).encode()  # fmt: skip
        request = urllib.request.Request(
            f"{base}/join/", data=data, headers={"Cookie": f"csrftoken={cookie}"}
        )
        began = time.perf_counter()
        try:
            with NoRedirect.open(request, timeout=30) as response:
                status, location = response.status, ""
        except urllib.error.HTTPError as redirect:  # the 302 to the thank-you page
            status, location = redirect.code, redirect.headers.get("Location", "")
        elapsed = (time.perf_counter() - began) * 1000
        assert status == 302 and location.endswith("/join/thanks/"), (status, location)
        return elapsed

    with ThreadPoolExecutor(clients) as pool:
        times = sorted(pool.map(one, range(first, first + count)))
    return {"count": count, "p50": times[len(times) // 2], "p95": times[int(len(times) * 0.95)]}


def gunicorn(env, port: int) -> subprocess.Popen:
    log = "-" if os.environ.get("BENCH_LOG") else "/dev/null"
    return subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "toolkit_portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--access-logfile", log, "--error-logfile", "-"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip


def staff_cookie(env) -> str:
    """A signed-in staff member's session cookie (a user made for the run)."""
    script = (
        "from django.conf import settings; from django.contrib.auth.models import User;"
        "from django.test import Client;"
        "user, _ = User.objects.get_or_create(username='bench-staff', is_staff=True);"
        "c = Client(); c.force_login(user);"
        "print(f'{settings.SESSION_COOKIE_NAME}={c.cookies[settings.SESSION_COOKIE_NAME].value}')"
    )
    out = run([PYTHON, "manage.py", "shell", "-v", "0", "-c", script], env,
              capture_output=True, text=True).stdout  # fmt: skip
    return out.strip().splitlines()[-1]


def join_line(base: str, env) -> str:
    """Join POSTs while the worker is stuck on a mail server that never answers."""
    listener, held = hanging_mail_server()
    worker_env = {**env, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                  "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(listener.getsockname()[1]),
                  "EMAIL_TIMEOUT": "2"}  # fmt: skip
    worker = subprocess.Popen([PYTHON, "manage.py", "run_worker", "--interval", "0.5"],
                              cwd=ROOT, env=worker_env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        join_posts(base, count=2, first=10_000)  # something for the worker to send
        deadline = time.monotonic() + 20
        while not held and time.monotonic() < deadline:  # the worker is stuck on it
            time.sleep(0.2)
        posts = join_posts(base)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        listener.close()
    return (
        f"join POST with the worker sending to a mail server that accepts and never "
        f"answers ({len(held)} connections held): {posts['count']} requests from 2 "
        f"clients, p50 {posts['p50']:.1f} ms, p95 {posts['p95']:.1f} ms"
    )


def main() -> None:
    env = environment()
    database = prepare(env)
    binary = ensure_wrk()
    pages = targets(env)
    cold = measure_queries_and_bytes(env, pages)
    cookie = staff_cookie(env)
    cached_port, uncached_port = free_port(), free_port()
    cached, uncached = f"http://127.0.0.1:{cached_port}", f"http://127.0.0.1:{uncached_port}"
    servers = [
        gunicorn(env, cached_port),
        gunicorn({**env, "DJANGO_PAGE_CACHE": "false"}, uncached_port),
    ]
    rows = []
    try:
        for base in (cached, uncached):
            wait_until_up(f"{base}/healthz")
            for _label, path in pages * 4:  # warm every worker's caches, as a visited site has
                urllib.request.urlopen(base + path, timeout=60).read()  # noqa: S310 - loopback
        notes = [static_file_headers(cached), join_line(cached, env)]
        print("\n".join(notes))
        live = wrk(binary, f"{cached}/healthz/live")
        print(f"{'/healthz/live':<28} {live['rps']:>8.0f} req/s  p99 {live['p99']:.1f} ms")
        rows.append(("readiness /healthz", "/healthz", wrk(binary, f"{cached}/healthz"), None))
        for label, path in pages:
            both = wrk(binary, cached + path), wrk(binary, uncached + path)
            drained(uncached)
            rows.append((label, path, *both))
            print(f"{label:<28} cached {cells(both[0], live)}, uncached {cells(both[1], live)}")
        for label, path in [("home, signed-in staff", "/"),
                            ("theme page 1, signed-in staff", pages[2][1])]:  # fmt: skip
            result = wrk(binary, cached + path, headers=[f"Cookie: {cookie}"])
            rows.append((label, path, None, result))
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    notes.append(cold_after_edit(env, pages))  # last: it edits the data
    print(notes[-1])
    write_results(database, live, rows, cold, notes)


def cells(result, live) -> str:
    """req/s, p99 and ratio to the liveness view, as table cells."""
    if result is None:
        return " | | "
    rps, errors = result["rps"], " (errors)" if result["non2xx"] else ""
    return f"{rps:.0f}{errors} | {result['p99']:.1f} | {rps / live['rps']:.2f}"


# Lines that `make bench-search` and `make bench-digests` add: kept when this run rewrites
# the file (they measure other data sets, and take longer).
OTHER_BENCHES = ("- search with ", "- digests: ")


def other_benches() -> list[str]:
    text = RESULTS.read_text() if RESULTS.exists() else ""
    return [line for line in text.splitlines() if line.startswith(OTHER_BENCHES)]


def write_results(database: str, live, rows, cold, notes: list[str]) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        f"- Python {platform.python_version()}, database {database}, gunicorn 2 sync workers",
        f"- wrk -t2 -c{CONNECTIONS} -d{SECONDS}s per URL, load generator on the same cores",
        f"- generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `make bench`",
        "",
        "Each page is measured twice in the same run, against two gunicorns on the same data:",
        "**cached** with the anonymous page cache warm, as most visitors meet the site, and",
        "**uncached** with the page cache off (`DJANGO_PAGE_CACHE=false`), as staff, unique",
        "searches, crawlers and everyone right after an edit meet it; fragment caches are warm",
        "in both. Ratios are to `/healthz/live`, which answers without the database. The last",
        "columns describe one request with every cache empty (in-process, no network).",
        "",
        "| page | path | cached req/s | cached p99 ms | cached ratio | uncached req/s "
        "| uncached p99 ms | uncached ratio | KB | cold: SQL queries | cold: ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| liveness | `/healthz/live` | {live['rps']:.0f} | {live['p99']:.1f} | 1.00 "
        "| | | | 0.0 | 0 | |",
    ]
    for label, path, warm, fresh in rows:
        queries, size, status, cold_ms = cold.get(path, ["", 0, 200, None])
        if label.endswith("staff") or path == "/healthz":
            queries, cold_ms = "", None
        flag = "" if status == 200 else f" (status {status})"
        lines.append(
            f"| {label}{flag} | `{path}` | {cells(warm, live)} | {cells(fresh, live)} | "
            f"{size / 1024:.1f} | {queries} | {'' if cold_ms is None else f'{cold_ms:.0f}'} |"
        )
    pages = [row for row in rows if row[1] != "/healthz"]
    low_cached = min((row for row in pages if row[2]), key=lambda row: row[2]["rps"])
    low_uncached = min(pages, key=lambda row: row[3]["rps"])
    html = {row[0]: cold[row[1]][1] for row in pages if not NOT_HTML.search(row[1])}
    printed = html.pop("print: one area", 0)
    lines += [
        "",
        *(f"- {note}" for note in notes),
        f"- HTML pages: largest {max(html.values()) / 1024:.1f} KB (the printable area apart: "
        f"{printed / 1024:.0f} KB)",
        *other_benches(),
        "",
        f"lowest ratio to /healthz/live: cached {low_cached[2]['rps'] / live['rps']:.2f} "
        f"({low_cached[0]}), uncached {low_uncached[3]['rps'] / live['rps']:.2f} "
        f"({low_uncached[0]})",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
