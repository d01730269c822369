"""Random join codes and tokens that are hard to guess and easy to type."""

import secrets

# No 0/O, 1/I/L: people type these from a projector at the back of a hall.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 combinations


def new_join_code() -> str:
    """A short code that a participant can type by hand."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalize_join_code(raw: str) -> str:
    """Accept lower case, spaces and dashes as people type them."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def new_token() -> str:
    """An unguessable token for links and anonymous phones."""
    return secrets.token_urlsafe(24)
