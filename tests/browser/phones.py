"""Phones without a browser: python-socketio clients speaking the app's real protocol."""

import uuid

import socketio


class SocketPhone:
    """A participant's phone as a plain Socket.IO client."""

    def __init__(self, url, code, island_id=None):
        self.client = socketio.Client(reconnection=False)
        self.client.connect(url, transports=["websocket"], wait_timeout=10)
        answer = self.call("join", {"code": code, "island_id": island_id})
        self.snapshot = answer["snapshot"]

    def call(self, event, data):
        answer = self.client.call(event, data, timeout=10)
        assert answer["ok"], answer
        return answer

    def category(self, kind):
        return next(c["id"] for c in self.snapshot["event"]["categories"] if c["kind"] == kind)

    def case_id(self):
        island = next(i for i in self.snapshot["event"]["islands"]
                      if i["id"] == self.snapshot["island_id"])
        return island["cases"][0]["id"]

    def post(self, text, kind="resource", detail=""):
        return self.call("card_submit", {
            "client_id": str(uuid.uuid4()), "case_id": self.case_id(), "kind": kind,
            "category_id": self.category(kind), "text": text, "detail": detail})["card"]

    def close(self):
        self.client.disconnect()
