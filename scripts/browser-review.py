#!/usr/bin/env python3
"""A reviewer's visit in real headless Chromium, driven over the DevTools protocol (PyPI websocket-client):
sign in with a token on /signin, open the review queue, open the newest event, record a verdict with the
page's own form, and check that the event left the queue and shows the verdict. Screenshots of the queue
and of the event page go to --shots.

  browser-review.py --base http://127.0.0.1:PORT --token TOKEN --shots DIR
"""
import argparse, base64, json, os, re, socket, subprocess, sys, tempfile, time, urllib.request
import websocket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Page:
    def __init__(self, ws):
        self.ws, self.next_id = ws, 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def settle(self, timeout=30):
        """Waits until the document that replaced the marked one has loaded. Polling the page itself, not
        load events: a late event of the page before (about:blank on a slow machine) cannot fool it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.run("window.__historyOldDocument === undefined && document.readyState === 'complete'"):
                    return
            except RuntimeError:
                pass  # the old document's context went away mid-call: the new one is coming
            time.sleep(0.05)
        raise RuntimeError("the page did not load")

    def go(self, url):
        self.run("window.__historyOldDocument = true")
        self.call("Page.navigate", url=url)
        self.settle()

    def run(self, script):
        """Runs the driver's script in the page (the page itself has none) and returns its value."""
        result = self.call("Runtime.evaluate", expression=script, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"in the page: {result['exceptionDetails'].get('text')} ({script[:60]})")
        return result.get("result", {}).get("value")

    def submit(self, script):
        self.run("window.__historyOldDocument = true")
        self.run(script)
        self.settle()

    def html(self):
        return self.run("document.documentElement.outerHTML")

    def shot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


def fail(message):
    print(f"browser-review: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--shots", required=True)
    args = parser.parse_args()
    port = free_port()
    profile = tempfile.mkdtemp()
    chrome = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--window-size=1100,1300", f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
                               "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets = None
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=1))
                if any(t.get("type") == "page" for t in targets):
                    break
            except OSError:
                pass
            time.sleep(0.1)
        pages = [t for t in targets or [] if t.get("type") == "page"]
        if not pages:
            fail("Chromium did not open a page")
        page = Page(websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30))

        page.go(args.base + "/reviews/pending")
        if "/signin" not in page.run("location.pathname"):
            fail("an anonymous visitor was not sent to the sign-in page")
        page.submit("document.querySelector('input[name=token]').value = %s; document.querySelector('form.signin').submit()"
                    % json.dumps(args.token))
        if page.run("location.pathname") != "/reviews/pending":
            fail(f"signing in did not lead back to the queue: {page.run('location.href')}: {re.sub(r'<[^>]+>', ' ', page.html())[:400]}")
        queue = page.html()
        if "Signed in as" not in queue:
            fail("the queue does not say who is signed in")
        events = re.findall(r'href="(/events/[0-9a-f]{40})"', queue)
        if not events:
            fail("the queue lists no event")
        page.shot(os.path.join(args.shots, "review-queue-page.png"))
        first = events[0]

        page.go(args.base + first)
        page.submit("document.querySelector('select[name=verdict]').value = 'approved';"
                    "document.querySelector('textarea[name=note]').value = 'Checked against the printed report.';"
                    "document.querySelector('form.verdict').submit()")
        event = page.html()
        if page.run("location.pathname") != first or "<strong>approved</strong> by reviewer" not in event:
            fail("the event page does not show the verdict just recorded")
        page.shot(os.path.join(args.shots, "event-page.png"))

        page.go(args.base + "/reviews/pending")
        if f'href="{first}"' in page.html():
            fail("the reviewed event is still in the queue")
        print(f"browser-review: signed in, reviewed {first[8:20]} with the page's form, and it left the queue")
    finally:
        chrome.terminate()
        chrome.wait(timeout=10)


if __name__ == "__main__":
    main()
