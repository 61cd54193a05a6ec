"""Which Chromium the browser tests drive: Debian's where present, else Playwright's own.

Debian's headless shell first: the same Blink as the full browser without its window machinery, which
Playwright also runs by default for headless tests, and about twice as fast over a page load here.

`python -m tests.browser.find_chromium` prints it and exits 1 when there is none.
"""
import shutil
import sys
from pathlib import Path

# /usr/bin/chromium* are Debian's wrapper scripts; Playwright needs the binary itself.
SYSTEM_CANDIDATES = ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium",
                     "/usr/bin/chromium", "/usr/bin/chromium-browser")


def system_chromium(headless_shell=True):
    """headless_shell=False: the full browser, which also does what a person's browser does (asks for the icon)."""
    for candidate in SYSTEM_CANDIDATES[0 if headless_shell else 1:]:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def playwright_chromium():
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:
        return None
    return path if path and Path(path).is_file() else None


if __name__ == "__main__":
    found = system_chromium() or playwright_chromium()
    print(found or "no Chromium found")
    sys.exit(0 if found else 1)
