"""The perturbation table: a secret setting, like the secret key, read once when the app starts.

`PARAAT_PTABLE` names a CSV file in the ONS format (columns pcv, ckey,
pvalue: the count's row, the cell key 0-255, the noise), one line per row and
key. Without it, a table is made once, at random, into instance/ptable.csv and
kept there: restarts keep it, so the same cell keeps its noise. Whoever holds
the table and the tallies could take the noise back off; keep it as private
as the database (only the service's user may read it).
"""
import csv
import os
import random
import tempfile
from pathlib import Path

from .stats import KEY_RANGE, ROWS, Protection

# How often each noise comes up among a row's 256 cell keys: mostly small, rarely up to 6. The rare large
# values keep sums and differences of shown counts from narrowing a small count down.
NOISE = {0: 70, 1: 50, -1: 50, 2: 27, -2: 27, 3: 10, -3: 10, 4: 3, -4: 3, 5: 2, -5: 2, 6: 1, -6: 1}
assert sum(NOISE.values()) == KEY_RANGE


def generate(rng=None):
    """A new table: every row but 0 holds the noises above, in its own random order of cell keys."""
    rng = rng or random.SystemRandom()
    pool = [noise for noise, times in NOISE.items() for _ in range(times)]
    rows = [[0] * KEY_RANGE]
    for _ in range(1, ROWS):
        row = list(pool)
        rng.shuffle(row)
        rows.append(row)
    return rows


def write(rows, path):
    """The table at `path`, whole or not at all; FileExistsError where one is there already.

    Written beside it and linked into place, so that a server starting at the same moment never reads half.
    """
    fd, partial = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".ptable-")
    try:
        with os.fdopen(fd, "w", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["pcv", "ckey", "pvalue"])
            out.writerows((count, key, noise) for count, row in enumerate(rows) for key, noise in enumerate(row))
        os.link(partial, path)
    finally:
        os.unlink(partial)


def read(path):
    """The rows of a table file; ValueError naming what is wrong."""
    rows = [[None] * KEY_RANGE for _ in range(ROWS)]
    with open(path, newline="") as fh:
        for line in csv.DictReader(fh):
            try:
                count, key, noise = int(line["pcv"]), int(line["ckey"]), int(line["pvalue"])
            except (KeyError, TypeError, ValueError):
                raise ValueError(f"{path}: every line needs whole numbers pcv, ckey and pvalue") from None
            if not (0 <= count < ROWS and 0 <= key < KEY_RANGE) or rows[count][key] is not None:
                raise ValueError(f"{path}: pcv {count}, ckey {key} is outside 0-{ROWS - 1}, 0-255 or repeated")
            rows[count][key] = noise
    if any(noise is None for row in rows for noise in row):
        raise ValueError(f"{path}: the table needs a line for every pcv 0-{ROWS - 1} and ckey 0-255")
    return rows


def init_app(app):
    path = app.config.get("PTABLE")
    if not path:
        path = Path(app.instance_path) / "ptable.csv"
        path.parent.mkdir(exist_ok=True)
        try:
            write(generate(), path)
        except FileExistsError:  # made before: keep it, or the same cells would get new noise
            pass
    app.extensions["paraat.protection"] = Protection(read(path))
