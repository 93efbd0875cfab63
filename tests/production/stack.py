"""Real servers on loopback for the production tests: a private PostgreSQL cluster, a
private Redis, an SMTP server whose behaviour a test can change, and the portal itself as
two gunicorn servers and two outbox workers with production settings.

Nothing here is a mock: the portal runs as it would in production, only on loopback ports.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import glob
import http.client
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from email import policy
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout: float, interval: float = 0.1, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message or condition}")


def as_postgres_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; run its programs as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    """A private PostgreSQL cluster in a temporary directory, so it can be restarted."""

    def __init__(self):
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = candidates[-1] if candidates else shutil.which("initdb")
        if not initdb:
            raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) are not installed")
        self.bin = Path(initdb).parent
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="toolkit-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        os.chmod(self.dir, 0o755)  # noqa: S103 - the postgres user must reach its data

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/toolkit"

    def run(self, *command: str) -> None:
        subprocess.run(as_postgres_user(list(command)), check=True, capture_output=True)

    def create(self) -> None:
        self.run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                 "--no-sync", "-E", "UTF8")  # fmt: skip
        self.start()
        self.run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
                 "postgres", "toolkit")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                 "-l", str(self.log), "-w", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if not binary:
            raise RuntimeError("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: port_open(self.port), 10, message="redis")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


class Mailbox:
    """What the SMTP server received. `delay` holds each reply to DATA for that long
    after the message is recorded (a server that is slow to confirm)."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"

    def snapshot(self) -> list[email.message.EmailMessage]:
        with self.lock:
            return list(self.messages)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


class MailServer:
    """The port the portal sends to. Normally it relays to a real SMTP server (aiosmtpd);
    with `hang = True`, it accepts connections and never says a word."""

    def __init__(self):
        self.mailbox = Mailbox()
        self.backend_port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.backend_port)
        self.port = free_port()
        self.hang = False
        self.hung: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", self.port), backlog=200)
        self.stopping = threading.Event()

    def start(self) -> None:
        self.controller.start()
        threading.Thread(target=self.accept, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.controller.stop()
        for conn in self.hung:
            conn.close()

    def accept(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.hang:
                self.hung.append(client)  # held open, never answered
                continue
            backend = socket.create_connection(("127.0.0.1", self.backend_port))
            for source, target in [(client, backend), (backend, client)]:
                threading.Thread(target=pump, args=(source, target), daemon=True).start()


def pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, target):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: str, cookies: dict):
        self.status, self.headers, self.body, self.cookies = status, headers, body, cookies


def request(port: int, method: str, path: str, *, data: dict | None = None,
            headers: dict | None = None, timeout: float = 30) -> Response:  # fmt: skip
    """One HTTP request over a fresh connection; no redirects followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
    sent = {"Host": "127.0.0.1", **(headers or {})}
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=sent)
        raw = conn.getresponse()
        text = raw.read().decode("utf-8", "replace")
        cookies = {}
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key] = rest.split(";", 1)[0]
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text, cookies)
    finally:
        conn.close()


class Visitor:
    """A browser's worth of state: cookies (sent back by hand: production cookies are
    Secure, and this is plain HTTP on loopback) and a client address the proxy reports."""

    def __init__(self, address: str):
        self.address = address
        self.cookies: dict[str, str] = {}

    def headers(self) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"X-Forwarded-For": self.address, **({"Cookie": cookie} if cookie else {})}

    def get(self, port: int, path: str) -> Response:
        response = request(port, "GET", path, headers=self.headers())
        self.cookies.update(response.cookies)
        return response

    def post(self, port: int, path: str, data: dict) -> Response:
        response = request(port, "POST", path, data=data, headers=self.headers())
        self.cookies.update(response.cookies)
        return response

    def join(self, port: int, n: int | str, *, form_port: int | None = None) -> Response:
        """Fill in and send the join form, as request number `n`."""
        form = self.get(form_port or port, "/join/")
        assert form.status == 200, form.status
        data = {
            "organisation": f"Scale City {n}", "kind": "government", "city": f"City {n}",
            "country": "BR", "contact_name": f"Person {n}", "contact_role": "Officer",
            "contact_email": f"person{n}@city.example", "message": "We join.", "consent": "on",
            "confirm_new": "on",  # numbered names look alike: each is another institution
            "csrfmiddlewaretoken": hidden(form.body, "csrfmiddlewaretoken"),
            "started": hidden(form.body, "started"),
        }  # fmt: skip
        return self.post(port, "/join/", data)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)" name="{name}"', html
    )
    assert match, f"no {name} in the form"
    return match[1]


class Portal:
    """Two gunicorn servers and two outbox workers sharing one PostgreSQL and one Redis."""

    ADMIN_PASSWORD = "production-test-" + secrets.token_urlsafe(12)

    def __init__(self, postgres: Postgres, redis: Redis, mail: MailServer, log_dir: Path):
        self.postgres, self.redis, self.mail = postgres, redis, mail
        self.log_dir = log_dir
        self.ports = [free_port(), free_port()]
        self.servers: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        # Only what the portal needs: nothing from the caller's environment leaks in.
        inherited = {
            k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ
        }
        self.env = {
            **inherited,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://portal.example",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no proxy
            "DJANGO_PROXY_COUNT": "1",  # X-Forwarded-For names the visitor, as a proxy would
            "DATABASE_URL": postgres.url,
            "DATABASE_CONN_MAX_AGE": "60",
            "CACHE_URL": redis.url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(mail.port),
            "EMAIL_TIMEOUT": "2",
            "NOTIFICATION_LEASE_SECONDS": "6",
            "JOB_FIRST_RETRY_SECONDS": "1",
            "POLICY_OFFICER_EMAIL": "officer@portal.example",
            "FORM_MIN_SECONDS": "0",
            "JOIN_RATE_LIMIT": "5",
            "JOIN_RATE_LIMIT_WINDOW": str(10 * 365 * 86400),  # no window ends mid-test
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_SUPERUSER_USERNAME": "admin",
            "DJANGO_SUPERUSER_EMAIL": "admin@portal.example",
            "DJANGO_SUPERUSER_PASSWORD": self.ADMIN_PASSWORD,
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
            text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    def prepare(self) -> None:
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("compile_translations")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("load_content")
        self.manage("createsuperuser", "--no-input")

    def spawn(self, command: list[str], log_name: str) -> subprocess.Popen:
        """Start a process of the portal in its own session, its output in a log file."""
        log = open(self.log_dir / log_name, "ab")  # noqa: SIM115 - the child keeps it
        return subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def start(self) -> None:
        for port in self.ports:
            gunicorn = [PYTHON, "-m", "gunicorn", "toolkit_portal.wsgi", "--bind",
                        f"127.0.0.1:{port}", "--workers", "2", "--no-control-socket",
                        "--graceful-timeout", "5", "--timeout", "30"]  # fmt: skip
            self.servers.append(self.spawn(gunicorn, f"gunicorn-{port}.log"))
        self.start_workers()
        for port in self.ports:
            wait_for(lambda p=port: self.healthy(p), 60, message=f"gunicorn on {port}")

    def start_workers(self) -> None:
        worker = [PYTHON, "manage.py", "send_notifications", "--interval", "0.2"]
        for n in range(2):
            self.workers.append(self.spawn(worker, f"worker-{n}.log"))

    def kill_workers(self) -> None:
        for worker in self.workers:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
        self.workers = []

    def healthy(self, port: int) -> bool:
        try:
            return request(port, "GET", "/healthz", timeout=2).status == 200
        except OSError:
            return False

    def stop(self) -> None:
        for process in self.servers + self.workers:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in self.servers + self.workers:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)

    def sql(self, query: str, *params) -> list[tuple]:
        import psycopg2

        conn = psycopg2.connect(self.postgres.url.replace("postgres://", "postgresql://"))
        try:
            with conn, conn.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            conn.close()

    def admin_session(self, port: int) -> Visitor:
        """A staff member logged in to the admin through the login form."""
        admin = Visitor("198.51.100.1")
        form = admin.get(port, "/admin/login/")
        done = admin.post(
            port, "/admin/login/?next=/admin/",
            {"username": "admin", "password": self.ADMIN_PASSWORD,
             "csrfmiddlewaretoken": hidden(form.body, "csrfmiddlewaretoken")},
        )  # fmt: skip
        assert done.status == 302, done.status
        return admin
