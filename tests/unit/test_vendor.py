"""The vendored chart library is the pinned release, unchanged, with its licence."""
import hashlib
import re

from backend import ROOT

VENDOR = ROOT / "backend" / "static" / "vendor" / "chartjs"


def test_the_chart_library_matches_its_checksums():
    listed = dict(reversed(line.split()) for line in (VENDOR / "SHA256SUMS").read_text().splitlines())
    assert set(listed) == {"chart.umd.min.js", "LICENSE.md"}
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_the_pinned_version_is_the_one_served():
    pinned = re.search(r"Chart\.js (\d+\.\d+\.\d+)", (VENDOR / "SOURCE").read_text()).group(1)
    header = (VENDOR / "chart.umd.min.js").read_text(encoding="utf-8")[:200]
    assert f"Chart.js v{pinned}" in header and pinned.startswith("4.")
    assert "MIT" in (VENDOR / "LICENSE.md").read_text()
