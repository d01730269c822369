"""The pages' CSP allows their own socket and no other host (issue 9: it allowed `ws:` to any)."""

from tests.support.csp import assert_other_hosts_blocked

from .conftest import PHONE


def test_the_phone_connects_home_and_nowhere_else(browser, server, page_errors):
    phone = page_errors.watch(browser.new_context(viewport=PHONE).new_page())
    phone.goto(f"{server.url}/j/{server.join_code}")
    phone.wait_for_selector(".status-online")  # its own ws:// socket is allowed
    assert_other_hosts_blocked(phone)
    assert phone.locator(".status-online").count() == 1
    assert [m for m in page_errors.messages if "Content Security Policy" not in m] == []
