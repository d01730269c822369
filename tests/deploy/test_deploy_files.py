"""deploy/'s env file and unit read the same by systemd and by the app; the doc names all.

Issue 13: the doc's env file had `WORKSHOP_PROXY_COUNT=1   # behind the nginx below`, which
systemd passes on with the comment, and every worker crash-looped on int().
"""

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deploy.files import (
    ENV_FILE,
    ROOT,
    UNIT,
    documented_variables,
    environment,
    unit_service,
    variables_the_code_reads,
)
from workshop import envfile
from workshop.config import ConfigError, from_environment

GENERATOR = Path("/usr/lib/systemd/user-environment-generators/"
                 "30-systemd-environment-d-generator")


def systemd_reads(path: Path, tmp_path: Path) -> dict[str, str]:
    """What systemd makes of an environment file.

    systemd's environment.d generator parses its files with the same code as a unit's
    EnvironmentFile= (load_env_file) and prints the result, so it stands in for a unit.
    """
    if not GENERATOR.exists():
        pytest.skip(f"{GENERATOR} is missing (systemd is not installed)")
    folder = tmp_path / "environment.d"
    folder.mkdir(exist_ok=True)
    shutil.copy(path, folder / "workshop.conf")
    output = subprocess.run([str(GENERATOR)], env={"XDG_CONFIG_HOME": str(tmp_path)},
                            capture_output=True, text=True, check=True).stdout
    settings = {}
    for line in output.splitlines():
        key, _, value = line.partition("=")
        settings[key] = shlex.split(value)[0] if value else ""
    return settings


def test_systemd_and_workshop_admin_read_the_env_file_alike(tmp_path):
    ours = envfile.read(ENV_FILE)
    assert ours and all(systemd_reads(ENV_FILE, tmp_path)[k] == v for k, v in ours.items())


@pytest.mark.parametrize("line, value", [
    ("WORKSHOP_PROXY_COUNT=1          # behind nginx", "1          # behind nginx"),
    ("  WORKSHOP_PUBLIC_URL = https://dialog.example.org  ", "https://dialog.example.org"),
    ('WORKSHOP_REDIS_CHANNEL="workshop 2"', "workshop 2"),
])
def test_tricky_lines_are_read_as_systemd_reads_them(tmp_path, line, value):
    path = tmp_path / "sample.env"
    path.write_text(f"# a comment\n; another\n\n{line}\n")
    name = line.split("=")[0].strip()
    assert envfile.read(path) == {name: value} == {
        name: systemd_reads(path, tmp_path)[name]}


def test_lines_systemd_reads_differently_from_a_shell_are_refused(tmp_path):
    path = tmp_path / "sample.env"
    path.write_text("WORKSHOP_QUIET=1\nWORKSHOP_SECRET_KEY=ab\\\ncd\n")
    with pytest.raises(ConfigError, match=r"sample.env, line 2: .* expected VARIABLE=value"):
        envfile.read(path)


def test_the_env_file_with_a_generated_secret_is_a_valid_configuration(tmp_path, monkeypatch):
    for name, value in environment(WORKSHOP_SECRET_KEY=secrets.token_hex(32)).items():
        monkeypatch.setenv(name, value)
    settings = from_environment(str(tmp_path))
    assert settings["WORKSHOP_PROXY_COUNT"] == 1
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    monkeypatch.setenv("WORKSHOP_SECRET_KEY", envfile.read(ENV_FILE)["WORKSHOP_SECRET_KEY"])
    with pytest.raises(ConfigError, match="WORKSHOP_SECRET_KEY"):
        from_environment(str(tmp_path))  # the placeholder is not a secret


def test_every_variable_is_in_the_docs_table():
    used = variables_the_code_reads() | set(environment()) | set(unit_service(5001)[1])
    assert used - documented_variables() == set()


def test_the_unit_binds_workers_to_loopback_and_systemd_accepts_it(tmp_path):
    command, env = unit_service(5001)
    assert env == {"PORT": "5001", "HOST": "127.0.0.1"}
    assert command[1:] == ["-m", "gevent.monkey", "--module", "workshop.server"]
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is missing (systemd is not installed)")
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text().replace("/opt/workshop", str(ROOT)).replace(
        "/etc/workshop/workshop.env", str(ENV_FILE)))
    checked = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "workshop@5001.service")],
                             capture_output=True, text=True, env={**os.environ,
                                                                  "SYSTEMD_LOG_COLOR": "0"})
    assert (checked.returncode, checked.stderr) == (0, "")


def test_the_doc_points_at_files_that_exist():
    doc = (ROOT / "docs" / "deploy.md").read_text()
    named = set(re.findall(r"(?<![\w/])deploy/[\w@.-]+", doc))
    assert named >= {"deploy/workshop.env", "deploy/workshop@.service", "deploy/nginx.conf"}
    assert all((ROOT / path).is_file() for path in named), named


def _admin(env_file: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "workshop-admin"), *args],
                          env={**os.environ, "WORKSHOP_ENV_FILE": str(env_file)},
                          capture_output=True, text=True)


def test_workshop_admin_works_on_the_env_files_database(tmp_path):
    env_file = tmp_path / "workshop.env"
    env_file.write_text(f"# as in deploy/workshop.env\nWORKSHOP_INSTANCE_PATH={tmp_path}\n"
                        f"WORKSHOP_DATABASE_URL=sqlite:///{tmp_path}/admin.sqlite3\n")
    assert _admin(env_file, "db", "upgrade").returncode == 0
    created = _admin(env_file, "create-facilitator", "it@landkreis.example", "--password",
                     "ein-langes-passwort")
    assert created.stdout.strip() == "Konto angelegt: it@landkreis.example"
    reset = _admin(env_file, "reset-password", "it@landkreis.example")
    assert reset.stdout.startswith("Neues Passwort für it@landkreis.example: ")
    assert (tmp_path / "admin.sqlite3").exists() and not (tmp_path / "instance").exists()


@pytest.mark.parametrize("content, says", [
    (None, "workshop-admin: cannot read {path} (No such file or directory)"),
    ("WORKSHOP_PROXY_COUNT=1  # nginx\n",
     "workshop-admin: WORKSHOP_PROXY_COUNT='1  # nginx' is not valid"),
])
def test_workshop_admin_says_what_is_wrong_without_a_traceback(tmp_path, content, says):
    env_file = tmp_path / "workshop.env"
    if content:
        env_file.write_text(f"WORKSHOP_INSTANCE_PATH={tmp_path}\n{content}")
    failed = _admin(env_file, "db", "upgrade")
    assert failed.returncode == 1
    assert failed.stderr.startswith(says.format(path=env_file))
    assert "Traceback" not in failed.stderr
