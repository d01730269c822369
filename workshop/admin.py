"""`workshop-admin`: the flask commands, run with the workers' own environment file.

`sudo -u workshop workshop-admin db upgrade` reads /etc/workshop/workshop.env (or
$WORKSHOP_ENV_FILE) as systemd does for the workers, so a migration or a new account goes to
the database the workers use, not to a SQLite file in the current folder.
"""

import os
import sys

from flask.cli import FlaskGroup

from . import create_app, envfile
from .config import ConfigError

ENV_FILE = "/etc/workshop/workshop.env"


def main() -> None:
    """Load the environment file, build the app once, run the command line."""
    path = os.environ.get("WORKSHOP_ENV_FILE", ENV_FILE)
    try:
        # As with systemd's EnvironmentFile=, the file wins over the caller's environment.
        os.environ.update(envfile.read(path))
        app = create_app()
    except OSError as error:
        sys.exit(f"workshop-admin: cannot read {path} ({error.strerror}); "
                 "set WORKSHOP_ENV_FILE to the workers' environment file")
    except ConfigError as error:
        sys.exit(f"workshop-admin: {error}")
    cli = FlaskGroup(create_app=lambda: app, set_debug_flag=False)
    # flask's --app and --env-file (dotenv) would only mislead here: the app is this one and
    # the environment comes from WORKSHOP_ENV_FILE.
    cli.params = [p for p in cli.params if p.name not in ("app", "env_file", "debug")]
    cli.main(prog_name="workshop-admin")
