"""The load benchmark's baselines, under the same gunicorn settings as the product.

GET / is the least a Flask app can answer (what write_ratio divides by). POST /read-only
reads a JSON body and answers, storing nothing: no write of any kind can be faster here.
POST /least-write is the least a write can be: the body read and one row committed through
the product's writer, which shares one commit among concurrent requests. Their rates against
GET / are ceilings for write_ratio under this server, before any household is checked.
"""
import json
import os

from flask import Flask, request

from backend.storage import Storage
from backend.storage.records import new_id

app = Flask(__name__)
_store = Storage(os.environ["PARAAT_DATABASE"] + "-least", {})  # beside the benchmark's database
_db = _store.connect()
_db.enable_wal()
_db.execute("CREATE TABLE IF NOT EXISTS least (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
_db.conn.close()


@app.get("/")
def hello():
    return {"status": "ok"}


@app.post("/read-only")
def read_only():
    json.loads(request.get_data())
    return {"id": new_id()}, 201


@app.post("/least-write")
def least_write():
    body, rid = json.dumps(json.loads(request.get_data())), new_id()
    _store.writer.run(lambda tx: tx.db.execute("INSERT INTO least (id, body) VALUES (?, ?)", [rid, body]))
    return {"id": rid}, 201
