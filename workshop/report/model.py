"""The report's content as plain data, built from the export rows (no second query).

Only what the report shows: cards and offers that are approved and not hidden. A group is
one point of its island with its cards beside it; its dots are its own (rows counted once).
"""

from collections import Counter

from ..export import count_dots_once, resource_directory, visible

KINDS = ("resource", "barrier")
TOP = 10


def _item(row: dict) -> dict:
    return {"text": row["text"], "detail": row["detail"], "kind": row["kind"],
            "category": row["category"], "island": row["island"], "case": row["case"],
            "points": row["votes"] or 0, "cards": [], "card_ids": [row["card_id"]],
            "group": False}


def _group_item(row: dict) -> dict:
    return {**_item(row), "text": row["group"], "detail": "", "points": 0, "group": True,
            "card_ids": []}


def _items(rows: list[dict]) -> list[dict]:
    """Ungrouped cards and groups (at their first visible card's place), oldest first."""
    items, groups = [], {}
    for row in rows:
        if row["group_id"] is None:
            items.append(_item(row))
            continue
        group = groups.get(row["group_id"])
        if group is None:
            group = groups[row["group_id"]] = _group_item(row)
            items.append(group)
        group["cards"].append(row["text"])
        group["card_ids"].append(row["card_id"])
        group["points"] += row["group_votes"] or 0
    return items


def _by_category(items: list[dict], labels: list[str]) -> list[dict]:
    sections = {label: [] for label in labels}
    for item in items:
        sections.setdefault(item["category"], []).append(item)
    return [{"category": label, "items": found} for label, found in sections.items() if found]


def _ranking(items: list[dict], limit: int | None = None) -> list[dict]:
    ranked = sorted((i for i in items if i["points"]),
                    key=lambda i: (-i["points"], i["text"].casefold()))
    return ranked[:limit] if limit else ranked


def _agreement(agreement: dict, shown: dict[int, dict]) -> dict:
    """An agreement with the visible cards it addresses, a grouped card by its group."""
    addressed = []
    for card in agreement["cards"]:
        item = shown.get(card["id"])
        if item is not None and item not in addressed:
            addressed.append(item)
    return {**agreement, "addressed": addressed}


def _gaps(items: list[dict], agreements: list[dict]) -> list[dict]:
    """Barriers no agreement answers with a resource."""
    answered = set()
    for agreement in agreements:
        if any(item["kind"] == "resource" for item in agreement["addressed"]):
            answered.update(id(item) for item in agreement["addressed"])
    return [i for i in items if i["kind"] == "barrier" and id(i) not in answered]


def build(event: dict, rows: list[dict], agreements: list[dict],
          profiles: list[dict], photos: list[dict] | None = None) -> dict:
    """The whole report: the room, the top points, every island, directory, gaps, offers.

    `event` is `queries.structure`, the others the export rows of `queries` (`rows` may
    come counted once already; counting again changes nothing) and `photo_queries`.
    """
    rows = count_dots_once(rows)
    labels = {kind: [c["label"] for c in event["categories"] if c["kind"] == kind]
              for kind in KINDS}
    shown_rows = [r for r in rows if visible(r)]
    islands, everything, gaps = [], [], []
    for island in event["islands"]:
        items = _items([r for r in shown_rows if r["island_id"] == island["id"]])
        shown = {card_id: item for item in items for card_id in item["card_ids"]}
        steps = [_agreement(a, shown) for a in agreements if a["island_id"] == island["id"]]
        counts = {kind: Counter(r["category"] for r in shown_rows
                                if r["island_id"] == island["id"] and r["kind"] == kind)
                  for kind in KINDS}
        islands.append({
            "name": island["name"], "cases": island["cases"],
            "sections": {kind: _by_category([i for i in items if i["kind"] == kind],
                                            labels[kind]) for kind in KINDS},
            "counts": {kind: [(label, counts[kind][label]) for label in
                              dict.fromkeys([*labels[kind], *counts[kind]])]
                       for kind in KINDS},
            "ranking": _ranking(items), "agreements": steps,
            "photos": [p for p in photos or [] if p["island_id"] == island["id"]]})
        everything += items
        gaps += _gaps(items, steps)
    fields = Counter(p["field_of_work"] for p in profiles if p["field_of_work"])
    return {
        "title": event["title"], "date": event["date"], "place": event["place"],
        "totals": {"islands": len(islands),
                   "resource": sum(r["kind"] == "resource" for r in shown_rows),
                   "barrier": sum(r["kind"] == "barrier" for r in shown_rows),
                   "dots": sum(i["points"] for i in everything),
                   "agreements": sum(len(i["agreements"]) for i in islands),
                   "profiles": len(profiles)},
        "fields": sorted(fields.items(), key=lambda f: (-f[1], f[0].casefold())),
        "top": _ranking(everything, TOP),
        "islands": islands,
        "directory": [s for s in resource_directory(rows, labels["resource"]) if s["cards"]],
        "gaps": gaps,
        "offers": [p for p in profiles if p["offer"] and visible(p)],
        "cards": shown_rows,
    }
