"""Lines that the other bench scripts add to bench/RESULTS.md, keeping its last line last."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
LAST_LINE = "lowest ratio to /healthz/live"


def add_note(line: str, replaces: str) -> None:
    """Add `line` as a note, instead of any earlier note that contains `replaces`."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    lines = [row for row in text.rstrip().splitlines() if replaces not in row]
    last = lines.pop() if lines and lines[-1].startswith(LAST_LINE) else None
    while lines and not lines[-1].strip():
        lines.pop()
    lines += [line, "", last] if last else [line]
    RESULTS.write_text("\n".join(lines) + "\n")
