"""A phone's snapshot on the wire: a delta when the phone has one of the same island, and
deflated when it is still large (websocket compression is off, see workshop/server.py)."""

import json
import zlib

COMPRESS_FROM = 2048  # bytes of JSON; below this the deflate header and the CPU are not worth it


def known(data: dict, island_id: int | None) -> dict:
    """What the phone has already, as island_snapshot's arguments: the seq of its last
    snapshot (when that was of the island it sits at now) and its structure's version."""
    seq, island, version = data.get("since"), data.get("since_island"), data.get("structure")
    return {"since": seq if type(seq) is int and island_id is not None and island == island_id
            else None,
            "known_structure": version if isinstance(version, str) and len(version) <= 32
            else None}


def answer(data: dict, snapshot: dict) -> dict:
    """The ack's snapshot: as it is, or zlib-deflated bytes when the phone can inflate them.

    One-shot compression per answer keeps no state per connection (a compressed websocket
    keeps 160 KB per phone); the phone says `inflate: true` when it has DecompressionStream.
    """
    if data.get("inflate") is True:
        encoded = json.dumps(snapshot, separators=(",", ":"), ensure_ascii=False).encode()
        if len(encoded) >= COMPRESS_FROM:
            return {"snapshot_z": zlib.compress(encoded, 6)}
    return {"snapshot": snapshot}
