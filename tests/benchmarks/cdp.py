"""A fresh headless Chromium driven through the DevTools protocol over a pipe, counting what crosses the wire.

Every target (the page and the service worker) is attached as it starts, so
the service worker's own fetches are counted too. Bytes are Chromium's
`encodedDataLength` of each finished request: headers and body as received.
Answers taken from the browser's own caches or handed over by the service
worker cost the wire nothing and count as nothing (what the service worker
fetched itself is counted on the worker).
"""
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time

FLAGS = ["--headless=new", "--no-startup-window", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--no-sandbox", "--disable-gpu", "--mute-audio"]


class Chromium:
    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="paraat-weight-")
        to_browser, self._send_end = os.pipe()
        self._read_end, from_browser = os.pipe()

        def pipes():  # Chromium reads commands on fd 3 and writes answers on fd 4
            commands, answers = os.dup(to_browser), os.dup(from_browser)
            os.dup2(commands, 3)
            os.dup2(answers, 4)

        self.process = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        preexec_fn=pipes, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._next, self._answers, self.events = 0, {}, queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.requests = {}  # (session, requestId): what is known of one request
        self.pending = {}  # (session, requestId): when it started
        self.wire_status = {}  # (session, requestId): the status as it came over the wire
        self.last_activity = time.monotonic()
        self.sessions = {}  # sessionId: target type
        self.targets = {}  # targetId: its session

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self._read_end, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        waiting = self._answers.pop(message["id"], None)
                    if waiting is not None:
                        waiting.put(message)
                else:
                    self.events.put(message)

    def send(self, method, session=None, **params):
        """Send a command; its answer is waited for by call(), or dropped."""
        with self._lock:
            self._next += 1
            number = self._next
            waiting = self._answers[number] = queue.Queue()
            message = {"id": number, "method": method, "params": params}
            if session:
                message["sessionId"] = session
            os.write(self._send_end, json.dumps(message).encode() + b"\0")
        return waiting

    def call(self, method, session=None, **params):
        answer = self.send(method, session, **params).get(timeout=30)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def open(self, url, first=None, **wait):
        """A new tab, then url in it; returns the tab's session. The tab first opens `first` (an address on
        the same site that keeps nothing): leaving about:blank changes process, and the new process's
        first requests can go unreported; they are not counted."""
        self.call("Target.setAutoAttach", autoAttach=True, waitForDebuggerOnStart=True, flatten=True)
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        deadline = time.monotonic() + 10
        while target not in self.targets:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no page session for {target}")
            self.pump(0.1)
        page = self.targets[target]
        if first:
            self.visit(page, first, quiet=0.5)
            self.take()
        self.visit(page, url, **wait)
        return page

    def _attached(self, params):
        """A new target waits for us: follow its network, then let it run (commands keep their order)."""
        session, kind, target = params["sessionId"], params["targetInfo"]["type"], params["targetInfo"]["targetId"]
        if target in self.targets:  # the page's auto-attach and the browser's both offer a worker: follow it once
            self.send("Runtime.runIfWaitingForDebugger", session)
            return
        self.targets[target] = session
        self.sessions[session] = kind
        if kind in ("page", "iframe", "service_worker", "worker", "shared_worker"):
            self.send("Network.enable", session)
        if kind == "page":
            self.send("Page.enable", session)
            self.send("Target.setAutoAttach", session, autoAttach=True, waitForDebuggerOnStart=True, flatten=True)
        self.send("Runtime.runIfWaitingForDebugger", session)

    def pump(self, seconds):
        """Handle events for a while: attach new targets and follow every request."""
        until = time.monotonic() + seconds
        while True:
            left = until - time.monotonic()
            if left <= 0:
                return
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                return
            method, params, session = event["method"], event.get("params", {}), event.get("sessionId")
            if method == "Target.attachedToTarget":
                self._attached(params)
                continue
            key = (session, params.get("requestId"))
            if method == "Network.requestWillBeSent":
                self.last_activity = time.monotonic()
                self.pending[key] = time.monotonic()
                self.requests.setdefault(key, {"url": params["request"]["url"], "bytes": 0, "free": False,
                                               "headers": {}, "status": None, "worker": self.sessions.get(session)
                                               == "service_worker", "method": params["request"]["method"],
                                               "type": params.get("type")})
            elif method == "Network.responseReceived" and key in self.requests:
                response = params["response"]
                free = response.get("fromServiceWorker") or response.get("fromDiskCache") or \
                    response.get("fromPrefetchCache")
                self.requests[key].update(status=response["status"], free=bool(free),
                                          headers={k.lower(): v for k, v in response["headers"].items()})
            elif method == "Network.responseReceivedExtraInfo":
                # The status as it came over the wire: 304 where the browser had the server confirm a kept
                # copy (responseReceived then reports the kept copy's 200).
                self.wire_status[key] = params.get("statusCode")
            elif method in ("Network.loadingFinished", "Network.loadingFailed"):
                self.last_activity = time.monotonic()
                self.pending.pop(key, None)
                if method == "Network.loadingFinished" and key in self.requests:
                    self.requests[key]["bytes"] = params.get("encodedDataLength", 0)
                    self.requests[key]["wire_status"] = self.wire_status.get(key)
            elif method == "Network.dataReceived" and key in self.requests and key in self.pending:
                # A worker's script finishes in the worker's own session: count what arrived here meanwhile.
                self.last_activity = time.monotonic()
                self.requests[key]["bytes"] += params.get("encodedDataLength", 0)

    def visit(self, page, url, quiet=2.0, longest=60.0):
        """Open url in the page and wait until the network has been quiet (service worker included)."""
        self.call("Page.navigate", page, url=url)
        self.quiet(url, quiet, longest)

    def quiet(self, url, quiet=2.0, longest=60.0):
        started = time.monotonic()
        self.last_activity = started
        while time.monotonic() - started < longest:
            self.pump(0.2)
            now = time.monotonic()
            # A request that never reports its end here (a worker's script) stops counting after 10 s.
            if now - self.last_activity > quiet and all(now - since > 10 for since in self.pending.values()):
                self.pending.clear()
                return
        raise RuntimeError(f"the network never went quiet on {url}: {[(self.sessions.get(k[0]), self.requests.get(k, {}).get('url')) for k in self.pending][:5]}")

    def take(self):
        """The requests since the last take."""
        taken, self.requests = list(self.requests.values()), {}
        return taken

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError, queue.Empty):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
