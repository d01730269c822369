"""The focus ring measured: at least 3:1 against every background it appears on (WCAG 1.4.11).

Each screen is walked with the Tab key (real keyboard focus, so :focus-visible applies) and at
every stop the focused element's computed styles are read: the outline (the dark line), the
box-shadow (the white halo) and the backgrounds with their transparency composed, walking up
the ancestors. The ring is two-tone: the halo must cover the gap between element and line, the
line must stand 3:1 against the halo around it, and the ring must stand 3:1 against the
background around the element (the line where the halo is pale on a pale page, the halo where
the page is dark), and the line against the element's own background where no halo covers it.
"""

import pytest

from .actors import Facilitator, Phone
from .conftest import PHONE, PROJECTOR, demo_server, login

MEASURE = """() => {
  const rgba = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = '1'] = m[1].split(/[ ,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const over = (top, bottom) => top[3] >= 1 ? top : [0, 1, 2].map(
    (i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  // The background painted behind `node`: its own and its ancestors', composed.
  const behind = (node) => {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const shadow = style.boxShadow === 'none' ? null : style.boxShadow;
  // "rgb(255, 255, 255) 0px 0px 0px 7px": the fourth length after the colour is the spread.
  const lengths = shadow ? (shadow.match(/\\)\\s*(.*)$/) || [])[1] : null;
  const spread = lengths ? parseFloat(lengths.split(/\\s+/)[3] || '0') : 0;
  return {
    name: `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ''}`
          + `${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} `
          + `"${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineOffset: parseFloat(style.outlineOffset),
    outline: rgba(style.outlineColor),
    halo: shadow ? rgba(shadow) : null,
    spread,
    element: behind(el),
    page: behind(el.parentElement),
  };
}"""


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_problems(ring):
    """What is wrong with the focus ring measured at one stop (empty: nothing)."""
    if ring["outlineStyle"] == "none" or ring["outlineWidth"] < 2:
        return [f"{ring['name']}: no visible outline ({ring['outlineStyle']} "
                f"{ring['outlineWidth']}px)"]
    line, page, element = ring["outline"], ring["page"], ring["element"]
    halo = ring["halo"] if ring["halo"] and ring["halo"][3] == 1 else None
    problems = []
    if halo and ring["spread"] >= ring["outlineOffset"] + ring["outlineWidth"]:
        # The line lies on the halo on both sides; the halo then meets the page.
        if contrast(line, halo) < 3:
            problems.append(f"line on halo {contrast(line, halo):.2f}:1")
        if max(contrast(line, page), contrast(halo, page)) < 3:
            problems.append(f"ring on page {max(contrast(line, page), contrast(halo, page)):.2f}:1")
    else:
        for where, colour in (("page", page), ("element", element)):
            if contrast(line, colour) < 3:
                problems.append(f"line on {where} {contrast(line, colour):.2f}:1 (no halo)")
    return [f"{ring['name']}: {p} (line {line}, halo {halo}, page {page})" for p in problems]


def walk(page, name, stops=60):
    """Tab through the page; the focus ring's problems at every stop, and how many stops."""
    page.locator("body").click(position={"x": 1, "y": 1})
    page.keyboard.press("Tab")
    problems, seen = [], 0
    for _ in range(stops):
        ring = page.evaluate(MEASURE)
        if ring:
            seen += 1
            problems += [f"{name}: {p}" for p in ring_problems(ring)]
        page.keyboard.press("Tab")
    return problems, seen


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A running event: two phones wrote cards, one a profile, the timer runs."""
    with demo_server(tmp_path_factory.mktemp("focus-ring")) as server:
        islands = [row[0] for row in server.query("SELECT id FROM islands ORDER BY position, id")]
        phone = Phone(server.url, server.join_code, islands[0])
        boss = Facilitator(server)
        try:
            phone.profile("Kita / Kindertagespflege", "Kita Sonnenblume", "Sprechstunde")
            phone.card("Familienzentrum mit offenem Café")
            phone.card("Busverbindung abends schlecht", kind="barrier")
            boss.timer("start", 15 * 60)
            server.island = islands[0]
            yield server
        finally:
            phone.close()
            boss.close()


def test_focus_ring_contrast_on_every_screen(browser, site):
    screens = [
        ("login", PHONE, "/login", False, "#email"),
        ("phone", PHONE, f"/j/{site.join_code}/{site.island}", False, ".status-online"),
        ("projector", PROJECTOR, f"/p/{site.projector_token}", False, ".status-online"),
        ("event list", {"width": 1366, "height": 768}, "/admin/", True, "main"),
        ("preparation page", {"width": 1366, "height": 768},
         f"/admin/events/{site.event_id}", True, "main"),
        ("board", {"width": 1366, "height": 768},
         f"/admin/events/{site.event_id}/live", True, ".status-online"),
    ]
    problems, stops = [], {}
    for name, viewport, path, signed_in, ready in screens:
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            if signed_in:
                login(page, site.url)
            page.goto(f"{site.url}{path}")
            page.wait_for_selector(ready)
            found, stops[name] = walk(page, name)
            problems += found
        finally:
            context.close()
    # The projector is a display without controls; every other screen has many stops.
    assert all(stops[name] >= 5 for name in stops if name != "projector"), stops
    assert not problems, "\n".join(problems)
