"""Settings name `signatories.ratelimit.client_address` for the login lockouts; the rate
limit itself is `lib.ratelimit`."""

from lib.ratelimit import client_address

__all__ = ["client_address"]
