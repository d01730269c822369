"""What the projectors show: the view the facilitator pins, and every island's own link."""

from ..codes import new_token
from ..database import bump_seq, transaction
from ..errors import DomainError
from ..extensions import db
from ..models import PROJECTOR_VIEWS, Event, Island


def pin_view(event_id: int, view, island_id=None) -> Event:
    """Pin what the projector shows ("auto" follows the phase); "island" needs one of its
    islands."""
    if view not in PROJECTOR_VIEWS:
        raise DomainError("malformed", field="view")
    with transaction():
        event = db.session.get(Event, event_id)
        if event is None:
            raise DomainError("not_found")
        if view == "island":
            island = db.session.get(Island, island_id) if isinstance(island_id, int) else None
            if island is None or island.event_id != event_id:
                raise DomainError("malformed", field="island_id")
            event.projector_island_id = island.id
        event.projector_view = view
        bump_seq(event_id)
    return event


def renew_island_link(island_id: int) -> Island:
    """A new secret projector address for one island; the old one stops working."""
    with transaction():
        island = db.session.get(Island, island_id)
        if island is None:
            raise DomainError("not_found")
        island.projector_token = new_token()
    return island
