"""Room names, made in one place."""


def event_room(event_id: int) -> str:
    """Everyone connected to an event: phase and structure changes."""
    return f"event:{event_id}"


def island_room(event_id: int, island_id: int) -> str:
    """The phones seated at one island: that island's cards."""
    return f"event:{event_id}:island:{island_id}"


def participant_room(event_id: int, participant_id: int) -> str:
    """One participant's phones: what only its author may see of a card (hidden by moderation)."""
    return f"event:{event_id}:participant:{participant_id}"


def wall_room(event_id: int) -> str:
    """Projector and facilitators: every card of the event."""
    return f"event:{event_id}:wall"


def island_wall_room(event_id: int, island_id: int) -> str:
    """The projectors on one island's own link: that island's cards, nothing else."""
    return f"event:{event_id}:island:{island_id}:wall"


def staff_room(event_id: int) -> str:
    """Facilitators of an event: every card, hidden ones too, and the moderation log."""
    return f"event:{event_id}:staff"


def island_staff_room(event_id: int, island_id: int) -> str:
    """An island host: every card of that one island."""
    return f"event:{event_id}:island:{island_id}:staff"
