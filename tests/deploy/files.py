"""The repo's deploy/ files, read as systemd and nginx read them, with test ports and paths."""

import re
import shlex
from pathlib import Path

from workshop import envfile

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENV_FILE = DEPLOY / "workshop.env"
UNIT = DEPLOY / "workshop@.service"
SITE = DEPLOY / "nginx.conf"


def environment(**overrides: str) -> dict[str, str]:
    """The env file's settings, with the given ones replaced (each must be in the file)."""
    settings = envfile.read(ENV_FILE)
    assert set(overrides) <= set(settings), set(overrides) - set(settings)
    return {**settings, **overrides}


def unit_service(port: int) -> tuple[list[str], dict[str, str]]:
    """The unit's ExecStart and Environment= for one instance, run from this checkout."""
    command, env = None, {}
    for line in UNIT.read_text().replace("%i", str(port)).splitlines():
        key, _, value = line.partition("=")
        if key == "ExecStart":
            command = shlex.split(value.replace("/opt/workshop", str(ROOT)))
        elif key == "Environment":
            env.update(pair.split("=", 1) for pair in shlex.split(value))
    return command, env


def substitute(text: str, replacements: dict[str, str]) -> str:
    """Replace each exact string once: a change in the file makes the test say what moved."""
    for old, new in replacements.items():
        assert text.count(old) == 1, f"{old!r} should appear once in the deploy file"
        text = text.replace(old, new)
    return text


def nginx_site(https_port: int, http_port: int, workers: list[int], cert: Path,
               key: Path) -> str:
    """deploy/nginx.conf on loopback test ports, with the test's certificate."""
    return substitute(SITE.read_text(), {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "server 127.0.0.1:5001 ": f"server 127.0.0.1:{workers[0]} ",
        "server 127.0.0.1:5002 ": f"server 127.0.0.1:{workers[1]} ",
        "/etc/ssl/workshop/fullchain.pem": str(cert),
        "/etc/ssl/workshop/privkey.pem": str(key),
    })


def documented_variables() -> set[str]:
    """The variables in the table of docs/deploy.md."""
    doc = (ROOT / "docs" / "deploy.md").read_text()
    return set(re.findall(r"^\| `([A-Z_]+)`", doc, re.MULTILINE))


def variables_the_code_reads() -> set[str]:
    """Every environment variable the package reads."""
    pattern = re.compile(r'(?:environ\.get|_url|_whole_number|getenv)\(\s*"([A-Z_]+)"')
    return {name for path in (ROOT / "workshop").rglob("*.py")
            for name in pattern.findall(path.read_text())}
