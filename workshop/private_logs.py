"""Log lines name no one: gevent's access and error log, and our own error reports.

Phones of a venue are people: a client address next to a request is personal data, and a
host or projector address in a log gives whoever reads it that screen's rights. So the lines
carry neither: no client address, and the secret part of a path and every query string cut.
Database errors quote no values (hide_parameters in config.py, and PostgreSQL's DETAIL line,
which names the clashing token or the failing row, is cut here).
"""

import logging
import re
from datetime import datetime

from flask import Flask
from gevent import GreenletExit, pywsgi

# /h/<host token> and /p/<projector token> are secrets; query strings carry socket ids.
_SECRET_PATH = re.compile(r"(/[hp]/)[^\s/?]+")
_QUERY = re.compile(r"\?\S*")


_DB_DETAIL = re.compile(r"^(DETAIL:).*$", re.MULTILINE)


def redact(line: str) -> str:
    """A request line (or an error quoting one) without secrets and query strings."""
    return _QUERY.sub("?…", _SECRET_PATH.sub(r"\1…", line))


class NamelessEnviron(pywsgi.WSGISecureEnviron):
    """The request's environment as a crash report prints it: every value hidden."""

    default_whitelist_keys = ("REQUEST_METHOD",)
    default_print_masked_keys = False


class PrivateHandler(pywsgi.WSGIHandler):
    """gevent's request handler, logging without the client's address or secrets."""

    def format_request(self) -> str:
        now = datetime.now().replace(microsecond=0)
        status = (self._orig_status or self.status or "000").split()[0]
        delta = f"{self.time_finish - self.time_start:.6f}" if self.time_finish else "-"
        return (f'[{now}] "{redact(self.requestline or "")}" {status} '
                f'{self.response_length or "-"} {delta}')

    def log_error(self, msg, *args) -> None:
        # gevent names the client (its address, and the socket with both ends) in each line.
        args = tuple("-" if arg == self.client_address else arg for arg in args)
        try:
            message = msg % args if args else msg
        except (TypeError, ValueError):
            message = f"{msg!r}"
        self.server.error_log.write(redact(str(message)) + "\n")

    def _log_error(self, t, v, tb) -> None:
        # A crash report prints the request's environment: its address, cookies and path.
        if not issubclass(t, GreenletExit):
            self.server.loop.handle_error(NamelessEnviron(self.environ), t, v, tb)


class NoDatabaseValues(logging.Filter):
    """Cut the DETAIL line of database errors (it quotes stored values) from a report."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not record.exc_text:
            # Formatters use exc_text as given: the report is cut once, here.
            record.exc_text = _DB_DETAIL.sub(
                r"\1 …", logging.Formatter().formatException(record.exc_info))
        return True


def init_app(app: Flask) -> None:
    """Filter our loggers: "workshop" and every module logger beneath it.

    A logger's filter sees each record it creates, whatever handlers the operator set up;
    module loggers are made at import, so all of them exist by now.
    """
    names = [app.logger.name, *(name for name in logging.root.manager.loggerDict
                                if name.startswith(app.logger.name + "."))]
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NoDatabaseValues) for f in logger.filters):
            logger.addFilter(NoDatabaseValues())
