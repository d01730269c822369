"""The addresses printed in QR codes and shown to people."""

from flask import current_app, request

from .models import Event
from .public_url import public_base_url


def base_url() -> str:
    """Public base address: WORKSHOP_PUBLIC_URL, else this machine's LAN address."""
    cached = current_app.extensions.get("workshop_base_url")
    if cached is None:
        cached = public_base_url(current_app.config["WORKSHOP_PUBLIC_URL"],
                                 current_app.config["WORKSHOP_PORT"],
                                 request.host.split(":")[0] if request else None)
        current_app.extensions["workshop_base_url"] = cached
    return cached


def join_url(event: Event, island_id: int | None = None) -> str:
    """What a phone opens: the event, or one island of it."""
    suffix = f"/{island_id}" if island_id else ""
    return f"{base_url()}/j/{event.join_code}{suffix}"


def short_join_address() -> str:
    """The address to type by hand, without the scheme."""
    return base_url().split("://", 1)[-1]


def projector_url(event: Event) -> str:
    """The projector's unguessable read-only link."""
    return f"{base_url()}/p/{event.projector_token}"


def island_projector_url(island) -> str:
    """One island's own projector link: that island only, never the main projector."""
    return f"{base_url()}/p/{island.projector_token}"


def host_url(island) -> str:
    """An island host's link: moderation rights for that one island."""
    return f"{base_url()}/h/{island.host_token}"
