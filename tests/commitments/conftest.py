from tests.signatories.conftest import (  # noqa: F401 - the real SMTP server and the signatory
    city,
    clear_rate_limits,
    join_data,
    smtp_server,
)
