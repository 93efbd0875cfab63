import pytest

from tests.factories import make_theme
from tests.signatories.conftest import (  # noqa: F401 - the real SMTP server and form helpers
    clear_rate_limits,
    smtp_server,
    started_seconds_ago,
)


@pytest.fixture
def areas(db):
    return (
        make_theme(title="Gender equality", slug="gender-equality", position=4),
        make_theme(title="Mobility", slug="mobility", position=6),
    )
