"""Phones and a facilitator without a screen: Socket.IO clients speaking the real protocol."""

import html.parser
import http.cookiejar
import urllib.parse
import urllib.request
import uuid

import socketio

from .conftest import LOGIN


class Client:
    """A sync Socket.IO client; every call waits for its acknowledgement and must succeed."""

    def __init__(self, url, headers=None):
        self.client = socketio.Client(reconnection=False)
        self.client.connect(url, headers=headers or {}, transports=["websocket"],
                            wait_timeout=10)

    def call(self, event, data):
        answer = self.client.call(event, data, timeout=10)
        assert answer["ok"], answer
        return answer

    def close(self):
        # Drop the socket instead of waiting three seconds for a closing handshake.
        if self.client.connected:
            if self.client.eio.ws is not None:
                self.client.eio.ws.shutdown()
            self.client.eio.disconnect(abort=True)


class Phone(Client):
    """A participant's phone, joined and seated at an island."""

    def __init__(self, url, code, island_id=None):
        super().__init__(url)
        self.snapshot = self.call("join", {"code": code, "island_id": island_id})["snapshot"]

    def category(self, kind):
        return next(c["id"] for c in self.snapshot["event"]["categories"] if c["kind"] == kind)

    def case_id(self):
        island = next(i for i in self.snapshot["event"]["islands"]
                      if i["id"] == self.snapshot["island_id"])
        return island["cases"][0]["id"]

    def card(self, text, kind="resource", detail=""):
        return self.call("card_submit", {
            "client_id": str(uuid.uuid4()), "case_id": self.case_id(), "kind": kind,
            "category_id": self.category(kind), "text": text, "detail": detail})["card"]

    def profile(self, field, organisation="", offer="", name=""):
        return self.call("profile", {"field_of_work": field, "organisation": organisation,
                                     "offer": offer, "display_name": name})

    def vote(self, card_id, times=1):
        for _ in range(times):
            self.call("vote", {"card_id": card_id})


class _CsrfField(html.parser.HTMLParser):
    token = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "csrf_token":
            self.token = attrs["value"]


class Web:
    """The facilitator signed in over HTTP (a cookie jar), for the admin forms."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        url = self.post("/login", {"email": LOGIN[0], "password": LOGIN[1]}, token_from="/login")
        assert url.endswith("/admin/")

    def post(self, path, fields, token_from="/admin/"):
        parser = _CsrfField()
        with self.opener.open(self.base_url + token_from) as response:
            parser.feed(response.read().decode())
        form = urllib.parse.urlencode({"csrf_token": parser.token, **fields}).encode()
        with self.opener.open(self.base_url + path, data=form) as response:
            assert response.status == 200
            return response.url

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class Facilitator(Client):
    """The facilitator's laptop, without its UI."""

    def __init__(self, server):
        super().__init__(server.url, {"Cookie": Web(server.url).cookie()})
        self.snapshot = self.call("watch", {"event_id": server.event_id})["snapshot"]

    def phase(self, phase):
        return self.call("run", {"action": "phase", "phase": phase})["state"]

    def timer(self, action, seconds=None):
        return self.call("run", {"action": "timer", "timer": action, "seconds": seconds})["state"]

    def group(self, card_ids, label):
        return self.call("group", {"action": "create", "card_ids": card_ids,
                                   "label": label})["group"]

    def agreement(self, island_id, what, who, due, card_ids):
        return self.call("agreement", {"island_id": island_id, "what": what, "who": who,
                                       "due": due, "card_ids": card_ids})["agreement"]
