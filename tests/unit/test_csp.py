"""One builder for every Content-Security-Policy; a page's inline scripts allowed by hash, whatever their attributes."""
import base64
import hashlib

from backend import csp


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_inline_script_that_runs_is_hashed_whatever_its_attributes():
    html = ('<script>a()</script><script type="module" nonce="x">b()</script>'
            '<script defer type="text/javascript">c("</p>&amp;")</script><script id="k">d()</script>'
            '<script src="/e.js"></script><script id="__config" type="application/json">{"f": 1}</script>')
    assert csp.inline_scripts(html) == ['a()', 'b()', 'c("</p>&amp;")', 'd()']
    policy = csp.page(html)
    for script in ('a()', 'b()', 'c("</p>&amp;")', 'd()'):
        assert sha(script) in policy
    assert sha('{"f": 1}') not in policy and "unsafe" not in policy


def test_pages_and_the_dashboard_share_one_policy_but_for_what_they_add():
    assert csp.page("<p>no script</p>") == csp.build()
    assert csp.DASHBOARD == csp.build(style_src="'self'")
    for policy in (csp.build(), csp.DASHBOARD):
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
