from tests.signatories.conftest import (  # noqa: F401 - the real SMTP servers and the join form
    clear_rate_limits,
    hanging_smtp_server,
    join_data,
    silent_server,
    smtp_server,
)
