"""Sustained load: wrk at 64 connections on a mix of public pages for LOAD_SECONDS (60 by
default) over both servers, while join requests are posted. Bounded, loopback only."""

import os
import re
import secrets
import shutil
import subprocess
import threading
import time
from pathlib import Path

from .stack import Visitor, wait_for

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = 64
MIX = Path(__file__).with_name("mix.lua")


def rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status)[1])


def public_paths(portal) -> list[str]:
    theme = portal.sql("SELECT slug FROM toolkit_theme ORDER BY slug LIMIT 1")[0][0]
    insight = portal.sql(
        "SELECT t.slug, i.slug FROM toolkit_insight i JOIN toolkit_theme t ON t.id = i.theme_id "
        "WHERE i.status = 'published' ORDER BY i.slug LIMIT 1"
    )[0]
    programme = portal.sql("SELECT slug FROM initiatives_programme ORDER BY slug LIMIT 1")[0][0]
    return [
        "/", "/toolkit/", f"/toolkit/{theme}/", f"/toolkit/{insight[0]}/{insight[1]}/",
        "/initiatives/", f"/initiatives/{programme}/", "/signatories/", "/join/",
        "/search/?q=public+space", "/fr/", "/es/toolkit/", "/toolkit/feed.rss", "/sitemap.xml",
        "/static/css/site.css",
    ]  # fmt: skip


def p99_ms(wrk_output: str) -> float:
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", wrk_output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_wrk(port: int, connections: int, paths: list[str]) -> str:
    wrk = shutil.which("wrk")
    assert wrk, "wrk is not installed (Debian package wrk; .ci/run installs it)"
    env = {**os.environ, "MIX_PATHS": ",".join(paths)}
    result = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{SECONDS}s", "--timeout", "5s", "--latency",
         "-s", str(MIX), f"http://127.0.0.1:{port}/"],
        env=env, capture_output=True, text=True, timeout=SECONDS + 60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sixty_seconds_at_64_connections_with_join_requests(portal, record):
    paths = public_paths(portal)
    for port in portal.ports:  # as visited, the pages are warm
        for path in paths * 2:
            Visitor("203.0.113.50").get(port, path)
    processes = {f"worker {w.pid}": w.pid for w in portal.workers}
    for server in portal.servers:  # gunicorn's own workers, children of each master
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        processes.update({f"web {pid}": int(pid) for pid in children})

    run = secrets.token_hex(3)
    joins: list[int] = []
    stop = threading.Event()

    def post_joins() -> None:
        n = 0
        while not stop.is_set():
            visitor = Visitor(f"172.16.{n // 250}.{n % 250 + 1}")
            joins.append(visitor.join(portal.ports[n % 2], f"load-{run}-{n}").status)
            n += 1
            time.sleep(0.25)

    poster = threading.Thread(target=post_joins)
    poster.start()
    outputs: dict[int, str] = {}
    loaders = [
        threading.Thread(
            target=lambda p=port: outputs.__setitem__(p, run_wrk(p, CONNECTIONS // 2, paths))
        )
        for port in portal.ports
    ]
    try:
        for loader in loaders:
            loader.start()
        # measured once every process has served a while (first requests load templates,
        # catalogues and URL patterns): what grows after that would be a leak
        time.sleep(min(10, SECONDS / 4))
        memory_before = {name: rss_kb(pid) for name, pid in processes.items()}
        for loader in loaders:
            loader.join()
    finally:
        stop.set()
        poster.join()
    memory_after = {name: rss_kb(pid) for name, pid in processes.items()}

    requests = errors = bad = 0
    rps = 0.0
    for output in outputs.values():
        requests += int(re.search(r"(\d+) requests in", output)[1])
        rps += float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
        socket_errors = re.search(r"Socket errors: (.*)", output)
        if socket_errors:
            errors += sum(int(n) for n in re.findall(r"\d+", socket_errors[1]))
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        bad += int(non_2xx[1]) if non_2xx else 0
    p99 = max(p99_ms(output) for output in outputs.values())

    assert errors == 0 and bad == 0, outputs
    assert joins and set(joins) == {302}, joins
    wait_for(
        lambda: portal.sql(
            "SELECT count(*) FROM signatories_notification n JOIN signatories_signatory s "
            "ON s.id = n.about_id JOIN django_content_type t ON t.id = n.about_type_id "
            "WHERE t.model = 'signatory' AND s.organisation LIKE %s AND n.status = 'sent'",
            f"Scale City load-{run}-%",
        )[0][0] == 2 * len(joins),
        120,
        message="every join request's two emails",
    )  # fmt: skip
    growth = {name: memory_after[name] - memory_before[name] for name in processes}
    assert max(growth.values()) < 16 * 1024, growth  # flat: well under 16 MB of growth
    record(
        "load",
        f"{SECONDS} s of wrk at {CONNECTIONS} connections over 2 servers: {requests} requests "
        f"({rps:.0f} req/s), p99 {p99:.1f} ms, 0 socket errors, 0 non-2xx/3xx; {len(joins)} "
        f"join requests posted meanwhile, all 302, all {2 * len(joins)} emails sent; memory "
        + ", ".join(
            f"{name} {memory_before[name] // 1024}→{memory_after[name] // 1024} MB"
            for name in processes
        ),
    )
