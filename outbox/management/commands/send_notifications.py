"""The worker's former name, kept for deployments that still start it this way."""

from jobs.management.commands.run_worker import Command  # noqa: F401
