"""What keeps the officials' figures cheap to read: tallies read in index order, words kept per language."""
from datetime import date

from backend import create_app, i18n, report
from backend.figures import period
from backend.stats import Share
from backend.storage import Storage, tallies
from tests.unit.test_storage import CATALOGUE, answers


def test_a_breakdown_is_added_up_in_index_order_without_sorting_its_rows(tmp_path):
    store = Storage(str(tmp_path / "paraat.sqlite3"), CATALOGUE)
    store.migrate()
    db = store.connect()
    try:
        for region in ("utrecht", "zeeland", None):
            store.create(db, answers(region=region), today=date(2026, 11, 2))
        read = []
        db.conn.set_trace_callback(read.append)
        tallies.households(db, "region")
        tallies.checklists(db, "region", date(2026, 11, 1), date(2026, 11, 30))
        tallies.items(db, "all", "")
        tallies.items(db, "region", "utrecht")
        db.conn.set_trace_callback(None)
        summed = [sql for sql in read if "GROUP BY" in sql]
        assert len(summed) == 4
        for sql in summed:
            plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
            assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, (sql, plan)
    finally:
        db.conn.close()
        store.close()


def test_kept_words_follow_the_page_language(database):
    app = create_app({"TESTING": True, "DATABASE": database})
    try:
        said = {}
        for code in ("nl", "en", "nl"):
            with app.test_request_context():
                i18n.use_language(code)
                words = report.Words()
                said.setdefault(code, set()).add((
                    words.count({"value": 12345}), words.count({"value": None}), words.count(None),
                    words.kept(report.share_shown, Share("more_than", 97)), words.gettext("Total"),
                    report.choice_label(period("2026-W46"))))
        assert len(said["nl"]) == 1, "the same words each time"
        (nl,), (en,) = said["nl"], said["en"]
        assert nl[0] == "12.345" and en[0] == "12,345"
        assert all(a != b for a, b in zip(nl[1:], en[1:]))
    finally:
        app.extensions["paraat.storage"].close()
