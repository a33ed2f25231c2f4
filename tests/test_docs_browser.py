"""The API page (/docs) in a real browser under the server's Content-Security-Policy (issue #13, case 7):
Swagger UI starts from a static script, with no inline script for the policy to block."""
from __future__ import annotations

from test_dashboard_browser import (  # noqa: F401 - fixtures
    assert_local_only,
    browser,
    page,
    pytestmark,
    server,
)


def test_api_page_runs_under_the_content_security_policy(page, server):
    response = page.goto(f"{server}/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/summary" in paths
    assert not page.errors, page.errors          # a blocked script or style shows up as a console error
    assert_local_only(page, server)
