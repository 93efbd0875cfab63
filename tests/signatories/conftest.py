import email
import socket
import threading
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.core.signing import Signer

from lib.spam import STARTED_SALT
from signatories.models import Signatory

CONTACT = "policy@city.example"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def started_seconds_ago(seconds: float = 60) -> str:
    return Signer(salt=STARTED_SALT).sign(f"{time.time() - seconds:.3f}")


@pytest.fixture
def join_data():
    """A valid join form, as a person would send it."""

    def make(**overrides):
        data = {
            "organisation": "Metropolitan Area of Testville",
            "kind": "government",
            "city": "Testville",
            "country": "BR",
            "website": "https://testville.example.org",
            "contact_name": "Ana Example",
            "contact_role": "International relations",
            "contact_email": "ana@testville.example.org",
            "message": "We would like to join.",
            "consent": "on",
            "started": started_seconds_ago(),
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make


class RecordingHandler:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    """A real SMTP server on loopback (aiosmtpd) that records what it receives."""

    def __init__(self):
        self.port = free_port()
        self.handler = RecordingHandler()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.handler.messages


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.POLICY_OFFICER_EMAIL = "officer@metropolis.example"
    yield server
    server.stop()


class SilentServer:
    """Accepts connections on loopback and never says a word (a hung mail server, or a
    Redis on the far side of a partition). `accepted` holds the connections it took."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=50)
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept, daemon=True)

    def accept(self):
        self.listener.settimeout(0.2)
        while not self.stopping.is_set():
            try:
                self.accepted.append(self.listener.accept()[0])
            except TimeoutError:
                continue

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()
        for conn in self.accepted:
            conn.close()
        self.listener.close()


@pytest.fixture
def silent_server():
    with SilentServer() as server:
        yield server


@pytest.fixture
def hanging_smtp_server(settings, silent_server):
    """A mail server that accepts connections and never says a word."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = silent_server.port
    settings.EMAIL_TIMEOUT = 1
    return silent_server.accepted


@pytest.fixture
def editor(client):
    """Staff who may manage join requests but not see personal data."""
    user = User.objects.create_user("editor", password="a-long-password-1", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_signatory", "change_signatory", "view_notification"]
        )
    )
    client.force_login(user)
    return client


@pytest.fixture
def city(db):
    """An approved signatory with a public profile, whose contact writes in Spanish."""
    signatory = Signatory.objects.create(
        organisation="Ciudad Ejemplo Metropolitana",
        kind="government",
        city="Lima",
        country="PE",
        contact_name="Ana",
        contact_email=CONTACT,
        language="es",
        status="approved",
    )
    return signatory
