"""Domain errors: a code the screens turn into a clear, translated message."""


class DomainError(Exception):
    """A rejected request; nothing was stored."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params
