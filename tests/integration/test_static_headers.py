"""build/site/_headers says what the backend says: a CDN or web server serving the built site alone
keeps each file as long as the backend lets it be kept (backend/caching.py is the one home)."""
from backend import ROOT, caching

SITE = ROOT / "build" / "site"


def read_rules():
    """[(pattern, [(header, value, or None where the rule drops the broader rules' header)])]."""
    rules = []
    for line in (SITE / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            rules.append((line, []))
        elif line.strip().startswith("!"):
            rules[-1][1].append((line.strip()[1:].strip().lower(), None))
        elif line.strip():
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.lower(), value.strip()))
    return rules


def served(rules, path):
    """The headers a path gets as Cloudflare Pages applies the file: every matching rule adds its
    headers (the same header twice is joined), `! name` drops what broader rules gave."""
    headers = {}
    for pattern, lines in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            for name, value in lines:
                if value is None:
                    headers.pop(name, None)
                else:
                    headers.setdefault(name, []).append(value)
    return {name: ", ".join(values) for name, values in headers.items()}


def site_paths():
    files = [p for p in SITE.rglob("*") if p.is_file() and p.suffix != ".gz" and p.name != "_headers"]
    folders = [p.parent for p in files if p.name == "index.html"]
    return [(f"/{p.relative_to(SITE).as_posix()}", p.name) for p in files] + \
        [("/" + (f"{p.relative_to(SITE).as_posix()}/" if p != SITE else ""), "index.html") for p in folders]


def bundle():
    """Material's script: its name carries its content's hash."""
    return "/" + next(SITE.glob("assets/javascripts/bundle.*.min.js")).relative_to(SITE).as_posix()


def test_every_file_of_the_built_site_is_kept_as_the_backend_says():
    rules = read_rules()
    assert len(rules) <= 100  # Cloudflare Pages reads at most 100 rules
    wrong = {path: served(rules, path).get("cache-control") for path, name in site_paths()
             if served(rules, path).get("cache-control") != caching.site_file(name)}
    assert wrong == {}
    values = {served(rules, path)["cache-control"] for path, _name in site_paths()}
    assert values == {caching.PAGE, caching.FILE, caching.FOREVER}
    assert "immutable" in served(rules, bundle())["cache-control"]
    assert served(rules, "/sw.js")["cache-control"] == served(rules, "/en/water/")["cache-control"] == caching.PAGE


def test_the_backend_sends_what_the_file_says(client):
    rules = read_rules()
    for path in ("/", "/en/water/", "/sw.js", "/offline.json", "/manifest.webmanifest", "/sitemap.xml",
                 "/ar/search/search_index.json", "/assets/paraat.css", bundle(),
                 "/assets/javascripts/lunr/min/lunr.nl.min.js", "/assets/images/favicon.png"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == served(rules, path)["cache-control"], path
