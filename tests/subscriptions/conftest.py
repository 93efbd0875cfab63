from tests.signatories.conftest import (  # noqa: F401 - the real SMTP server and form helpers
    clear_rate_limits,
    smtp_server,
    started_seconds_ago,
)
