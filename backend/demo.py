"""`flask demo-data`: fill the database with clearly synthetic households, for demonstrations and benchmarks.

Everything goes in through Storage.load_many, so the tallies are exactly what
the same households saved one by one would have made them. Households are drawn
from a pool of answer profiles: load_many works out a profile's progress once,
which keeps a million households to minutes.
"""
import math
import random
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import click
from flask.cli import with_appcontext

from . import ROOT
from .answers import Answers, normalized
from .checklists import Household, regions
from .goals import DAY_CHOICES
from .i18n import languages
from .storage import officials as accounts
from .storage import storage

# What `make run` serves when PARAAT_DATABASE is not set: demonstration data never goes there unasked.
LIVE_DATABASE = ROOT / "instance" / "paraat.sqlite3"
BATCH = 50_000
PROFILES = 4_000
# Rough population in thousands, so larger regions save more; a region missing here weighs 300.
POPULATION = {
    "groningen": 590, "fryslan": 655, "drenthe": 500, "ijsselland": 540, "twente": 630,
    "noord-en-oost-gelderland": 850, "gelderland-midden": 700, "gelderland-zuid": 560, "utrecht": 1390,
    "noord-holland-noord": 680, "zaanstreek-waterland": 350, "kennemerland": 550,
    "amsterdam-amstelland": 1080, "gooi-en-vechtstreek": 260, "haaglanden": 1150, "hollands-midden": 830,
    "rotterdam-rijnmond": 1300, "zuid-holland-zuid": 480, "zeeland": 390, "midden-en-west-brabant": 1130,
    "brabant-noord": 670, "brabant-zuidoost": 790, "limburg-noord": 520, "zuid-limburg": 600,
    "flevoland": 440, "caribisch-nederland": 30,
}
NO_REGION = 0.1  # share that leaves the region out
LANGUAGES = {"nl": 80, "en": 8, "ar": 3, "tr": 3, "pl": 2, "uk": 2, "fy": 1.5, "pap": 0.5}
# A regional language mostly comes from its own region.
HOME_REGION = {"fy": ("fryslan", 0.8), "pap": ("caribisch-nederland", 0.7)}
DAYS_GOAL = {3: 70, 7: 22, 10: 8}
READY = 0.17  # fully ready on purpose; a few more end up ready by chance
# Per checklist when not ready on purpose: nothing, some items, all essentials.
CHECKLIST_STATES = (("none", 0.3), ("some", 0.5), ("essentials", 0.2))


def _pick(rng, weighted):
    """One key of {key: weight}."""
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def _household(rng):
    return Household(
        adults=_pick(rng, {1: 35, 2: 50, 3: 10, 4: 5}),
        children=_pick(rng, {0: 60, 1: 15, 2: 18, 3: 7}),
        infants=_pick(rng, {0: 95, 1: 5}),
        pets=_pick(rng, {0: 60, 1: 30, 2: 10}),
        care=rng.random() < 0.1,
    )


def _ticks(rng, checklist, household, state):
    essentials = [item.id for item in checklist.essentials(household)]
    if state == "none":
        return []
    if state == "essentials":
        extras = [item.id for item in checklist.items if item.applies(household) and not item.essential]
        return essentials + [i for i in extras if rng.random() < 0.4]
    share = rng.uniform(0.15, 0.8)
    return [item.id for item in checklist.items if item.applies(household) and rng.random() < share]


def _profile(rng, catalogue):
    """(household, days goal, normalized ticks): what a household is, apart from where and which language."""
    household = _household(rng)
    ready = rng.random() < READY
    states = dict(CHECKLIST_STATES)
    ticks = {cid: _ticks(rng, c, household, "essentials" if ready else _pick(rng, states))
             for cid, c in catalogue.items()}
    return household, _pick(rng, {d: DAYS_GOAL.get(d, 5) for d in DAY_CHOICES}), normalized(catalogue, ticks)


def _cumulative(weighted):
    return list(weighted), list(accumulate(weighted.values()))


def _day_weights(days):
    """A launch-day peak that decays to a steady trickle."""
    return {offset: 0.05 + math.exp(-offset / 3) for offset in range(days)}


def fill(store, db, households, days, seed, today):
    """Add `households` synthetic households first saved over the `days` days ending `today`.

    Needs an app context (for the regions and languages). Returns the first and last day.
    """
    rng = random.Random(seed)
    pool = [_profile(rng, store.catalogue) for _ in range(PROFILES)]
    region_weights = {r: POPULATION.get(r, 300) for r in regions()}
    region_weights[None] = NO_REGION / (1 - NO_REGION) * sum(region_weights.values())
    region_pick = _cumulative(region_weights)
    lang_pick = _cumulative({lang.code: LANGUAGES.get(lang.code, 1) for lang in languages()})
    day_pick = _cumulative(_day_weights(days))
    delay_pick = _cumulative({0: 50, 1: 15, 2: 10, 3: 8, 5: 7, 7: 5, 14: 5})
    first = today - timedelta(days=days - 1)
    iso = {offset: (first + timedelta(days=offset)).isoformat() for offset in range(days)}
    home = {lang: (region, share) for lang, (region, share) in HOME_REGION.items() if region in region_weights}

    def drawn(n):
        langs = rng.choices(lang_pick[0], cum_weights=lang_pick[1], k=n)
        places = rng.choices(region_pick[0], cum_weights=region_pick[1], k=n)
        created = rng.choices(day_pick[0], cum_weights=day_pick[1], k=n)
        delays = rng.choices(delay_pick[0], cum_weights=delay_pick[1], k=n)
        for profile, lang, region, offset, delay in zip(rng.choices(pool, k=n), langs, places, created, delays):
            household, goal, checked = profile
            if lang in home and rng.random() < home[lang][1]:
                region = home[lang][0]
            answers = Answers(lang=lang, household=household, days=goal, region=region, checked=checked)
            # A change that would fall after today falls on one of the days left, not all on today.
            later = offset + delay if offset + delay < days else rng.randint(offset, days - 1)
            yield answers, iso[offset], iso[later]

    accounts.mark_demo(db)
    for start in range(0, households, BATCH):
        store.load_many(db, drawn(min(BATCH, households - start)), record_key=lambda: rng.randrange(256))
    return first, today


@click.command("demo-data")
@click.option("--households", default=20_000, show_default=True, type=click.IntRange(1))
@click.option("--days", default=60, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--force", is_flag=True,
              help="Add them even to the database `make run` serves, or one that already holds households.")
@with_appcontext
def demo_data_command(households, days, seed, force):
    """Fill a database of its own with synthetic households (never the live one)."""
    store = storage()
    if Path(store.path).resolve() == LIVE_DATABASE.resolve() and not force:
        raise click.ClickException(
            f"{store.path} is the database `make run` serves; use one of its own: "
            "PARAAT_DATABASE=instance/demo.sqlite3 flask --app backend demo-data (or add --force).")
    db = store.connect()
    try:
        held = store.counts(db)["households"]
        if held and not force:
            raise click.ClickException(f"{store.path} already holds {held} households; "
                                       "add --force to add synthetic ones anyway.")
        first, last = fill(store, db, households, days, seed, date.today())
    finally:
        db.conn.close()
    click.echo(f"Added {households} synthetic households, first saved {first} to {last}, to {store.path}.")


def init_app(app):
    app.cli.add_command(demo_data_command)
