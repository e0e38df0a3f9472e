#!/usr/bin/env python3
"""Drives headless Chromium through the DevTools protocol against a running `omtale serve`.

Opens the page, chooses a .docx in the file field, presses "Tjek teksten", reads the report
the browser shows, takes the reviewed copy from the page's download link and opens it with
python-docx. Prints one JSON object with what it saw; the Swift test
(Tests/OmtaleTests/Server/ServerBrowserTests.swift) asserts on it.

Usage: serve-browser.py PORT FILE.docx [--screenshot OUT.png]
Only the standard library and python-docx: the WebSocket client below is the minimum the
protocol needs (text frames, client masking, no extensions).
"""
import base64, io, json, os, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request


class WebSocket:
    def __init__(self, url):
        assert url.startswith("ws://")
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        assert b" 101 " in response.split(b"\r\n")[0], response
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def send(self, text):
        data = text.encode()
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            if first & 0x0F in (0x1, 0x0):
                message += payload
                if first & 0x80:
                    return message.decode()


class DevTools:
    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[: index + 1]
                    return message
            self.events.append(json.loads(self.ws.receive()))
        raise TimeoutError(event)

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")


def main():
    port, docx_path = sys.argv[1], os.path.abspath(sys.argv[2])
    screenshot = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    chromium = next(shutil.which(n) for n in ["chromium", "chromium-browser", "google-chrome"] if shutil.which(n))
    profile = tempfile.mkdtemp(prefix="omtale-browser-")
    browser = subprocess.Popen([chromium, "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
                                "--hide-scrollbars", "--lang=da-DK", "--accept-lang=da-DK,da", f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                "--window-size=1100,1500", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        active = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(active) and open(active).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        debug_port = open(active).read().split("\n")[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        tools.wait_for("Page.loadEventFired")
        seen = {"title": tools.evaluate("document.title"),
                "labels": tools.evaluate("[...document.querySelectorAll('label[for]')].map(l => l.htmlFor + ':' + !!document.getElementById(l.htmlFor))"),
                }
        # Keyboard order: the first Tab lands on the language link, the next on the file field.
        tools.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        tools.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
        seen["focusSecond"] = tools.evaluate("document.activeElement.id || document.activeElement.tagName")
        if screenshot:
            shot = tools.call("Page.captureScreenshot", format="png")
            with open(screenshot, "wb") as out:
                out.write(base64.b64decode(shot["data"]))
        root = tools.call("DOM.getDocument")["root"]["nodeId"]
        field = tools.call("DOM.querySelector", nodeId=root, selector="#file")["nodeId"]
        tools.call("DOM.setFileInputFiles", files=[docx_path], nodeId=field)
        tools.evaluate("document.querySelector('button[type=submit]').click()")
        tools.wait_for("Page.loadEventFired")
        seen["reportText"] = tools.evaluate("document.body.innerText")
        seen["url"] = tools.evaluate("location.pathname")
        link = tools.evaluate("(() => { const a = document.querySelector('a.download'); return a ? [a.download, a.href] : null })()")
        seen["download"] = link[0] if link else None
        if link:
            import docx  # python-docx
            data = base64.b64decode(link[1].split(",", 1)[1])
            document = docx.Document(io.BytesIO(data))
            xml = document.element.xml
            seen["copyParagraphs"] = len(document.paragraphs)
            seen["copyInsertions"] = xml.count("<w:ins ")
            seen["copyComments"] = any(part.partname.endswith("comments.xml") for part in document.part.package.parts)
        print(json.dumps(seen, ensure_ascii=False))
    finally:
        browser.terminate()
        browser.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


main()
