"""The load benchmark's baseline: the least a Flask app can answer, under the same gunicorn settings."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"status": "ok"}
