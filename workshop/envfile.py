"""Read the workers' environment file the way systemd's EnvironmentFile= does.

Only the plain part of systemd's syntax is accepted (VARIABLE=value lines, comments on
their own lines, values optionally in one pair of quotes); a line systemd would read
differently from a shell (backslashes, quotes inside a value) is refused with its number,
so `workshop-admin` never runs with other settings than the workers.
"""

import re
from pathlib import Path

from .config import ConfigError

LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)")


def _value(raw: str) -> str | None:
    """The value as systemd reads it, or None where this reader would have to guess."""
    raw = raw.rstrip()
    if "\\" in raw:
        return None
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        inner = raw[1:-1]
        return None if raw[0] in inner else inner
    return None if any(quote in raw for quote in "\"'") else raw


def read(path: str | Path) -> dict[str, str]:
    """VARIABLE → value of every assignment in the file."""
    settings = {}
    for number, line in enumerate(Path(path).read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        match = LINE.fullmatch(line)
        value = _value(match[2]) if match else None
        if value is None:
            raise ConfigError.in_file(
                path, number, line, "VARIABLE=value, without backslashes or quotes inside "
                "the value, comments on their own lines")
        settings[match[1]] = value
    return settings
