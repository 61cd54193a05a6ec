"""A gzip copy beside every text file of the built site (page.html.gz beside page.html), written last.

The backend sends it to browsers that accept gzip (views/site.py), and a web
server can too (nginx: `gzip_static on;`), so no request spends time
compressing the same file again. Written at the strongest level, once per build.
"""
import gzip
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
# Below this gzip's own frame costs more than it saves.
SMALLEST = 512


def write(site):
    for path in Path(site).rglob("*"):
        if path.suffix in TEXT and path.is_file() and path.stat().st_size >= SMALLEST:
            packed = gzip.compress(path.read_bytes(), 9, mtime=0)
            path.with_name(path.name + ".gz").write_bytes(packed)
