"""`make bench`: a large data set, the portal under gunicorn with production settings, and
wrk against /healthz and every public page type. Writes bench/RESULTS.md.

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
        JOIN_MIN_SECONDS="0",  # the load generator fills the form instantly
        JOIN_RATE_LIMIT="100000",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
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
        ("search common word", "/search/?q=public+space"),
        ("search rare word", "/search/?q=Lima"),
        ("join form", "/join/"),
        ("feed", "/toolkit/feed.atom"),
        ("sitemap", "/sitemap.xml"),
    ]
    for lang in ["fr", "es"]:
        pages += [
            (f"home ({lang})", f"/{lang}/"),
            (f"theme page 1 ({lang})", f"/{lang}/toolkit/{theme}/"),
            (f"insight ({lang})", f"/{lang}/toolkit/{theme}/{insight}/"),
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


LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(binary: str, url: str) -> dict[str, float]:
    out = subprocess.run(
        [binary, "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
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


def main() -> None:
    env = environment()
    database = prepare(env)
    binary = ensure_wrk()
    pages = targets(env)
    cold = measure_queries_and_bytes(env, pages)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "toolkit_portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--access-logfile", "-" if os.environ.get("BENCH_LOG") else "/dev/null",
         "--error-logfile", "-"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    rows = []
    try:
        wait_until_up(f"{base}/healthz")
        for _label, path in pages * 4:  # warm both workers' caches, as a visited site has
            urllib.request.urlopen(base + path, timeout=60).read()  # noqa: S310 - loopback
        static_line = static_file_headers(base)
        print(static_line)
        healthz = wrk(binary, f"{base}/healthz")
        print(f"{'/healthz':<28} {healthz['rps']:>8.0f} req/s  p99 {healthz['p99']:.1f} ms")
        listener, held = hanging_mail_server()
        worker_env = {**env, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                      "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(listener.getsockname()[1]),
                      "EMAIL_TIMEOUT": "2"}  # fmt: skip
        worker = subprocess.Popen([PYTHON, "manage.py", "send_notifications", "--interval", "0.5"],
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
        join_line = (
            f"join POST with the worker sending to a mail server that accepts and never "
            f"answers ({len(held)} connections held): {posts['count']} requests from 2 "
            f"clients, p50 {posts['p50']:.1f} ms, p95 {posts['p95']:.1f} ms"
        )
        print(join_line)
        for label, path in pages:
            result = wrk(binary, base + path)
            queries, size, status, cold_ms = cold[path]
            ratio = result["rps"] / healthz["rps"]
            rows.append((label, path, result, ratio, queries, size, status, cold_ms))
            print(f"{label:<28} {result['rps']:>8.0f} req/s  p99 {result['p99']:.1f} ms  "
                  f"ratio {ratio:.2f}  {size / 1024:.1f} KB  cold {queries} queries "
                  f"{cold_ms:.0f} ms")  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    write_results(database, healthz, rows, [static_line, join_line])


def write_results(database: str, healthz, rows, notes: list[str]) -> None:
    lowest = min(rows, key=lambda row: row[3])
    lines = [
        "# Benchmark results",
        "",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        f"- Python {platform.python_version()}, database {database}, gunicorn 2 sync workers",
        f"- wrk -t2 -c{CONNECTIONS} -d{SECONDS}s per URL, load generator on the same cores",
        f"- generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `make bench`",
        "",
        "Load is measured as visitors meet the site: with the anonymous page cache warm",
        "(every page was requested before the run). The last two columns describe one",
        "request with the cache empty (rendered from the database, in-process, no network).",
        "",
        "| page | path | req/s | p50 ms | p99 ms | ratio to /healthz | KB "
        "| cold: SQL queries | cold: ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| /healthz | /healthz | {healthz['rps']:.0f} | {healthz['p50']:.1f} | "
        f"{healthz['p99']:.1f} | 1.00 | 0.0 | 1 | |",
    ]
    for label, path, result, ratio, queries, size, status, cold_ms in rows:
        flag = "" if status == 200 and not result["non2xx"] else f" (status {status})"
        lines.append(
            f"| {label}{flag} | `{path}` | {result['rps']:.0f} | {result['p50']:.1f} | "
            f"{result['p99']:.1f} | {ratio:.2f} | {size / 1024:.1f} | {queries} | {cold_ms:.0f} |"
        )
    lines += [
        "",
        *(f"- {note}" for note in notes),
        "- HTML pages: largest "
        f"{max(row[5] for row in rows if row[0] not in ('feed', 'sitemap')) / 1024:.1f} KB",
    ]
    lines += ["", f"lowest page/healthz ratio: {lowest[3]:.2f} ({lowest[0]})", ""]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
