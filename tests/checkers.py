"""The second checkers beside axe: the W3C HTML checker (vnu) and HTML_CodeSniffer, installed by `make install-test`."""
import functools
import json
import shutil
import subprocess

from backend import ROOT

CHECKERS = ROOT / "build" / "checkers" / "node_modules"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMLCS = CHECKERS / "html_codesniffer" / "build" / "HTMLCS.js"


def required(path):
    assert path.is_file(), f"{path} is missing: `make install-test` installs the checkers"
    return path


def html_errors(folder):
    """Every error the W3C HTML checker finds in the .html files under `folder`, as (path below it, message)."""
    java = shutil.which("java")
    assert java, "no Java: `make install-test` installs it"
    done = subprocess.run([java, "-jar", str(required(VNU)), "--errors-only", "--format", "json", str(folder)],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [(m.get("url", "").split(f"{folder}/", 1)[-1], m.get("message")) for m in messages]


# Runs in the page: HTML_CodeSniffer's WCAG 2.1 AA errors (not its warnings or notices to review by hand).
SNIFF = """() => new Promise(resolve => HTMLCS.process('WCAG2AA', document, () => resolve(
    HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
      .map(m => [m.code.split('.').slice(-2).join('.'), m.element.outerHTML.slice(0, 100)]))))"""


@functools.cache
def _htmlcs_source():
    return required(HTMLCS).read_text(encoding="utf-8") + "\n;undefined"


def sniff(page):
    """HTML_CodeSniffer's errors on the page as it is. The checker comes in through the browser's DevTools
    protocol, as axe does, so the page keeps its own Content-Security-Policy (a script tag would need it off)."""
    page.evaluate(_htmlcs_source())
    return page.evaluate(SNIFF)
