#!/usr/bin/env python3
"""A minimal NATS client for the smoke tests (standard library only).

  nats.py URL pub SUBJECT DATA
  nats.py URL request SUBJECT DATA [TIMEOUT]       prints the reply
  nats.py URL collect SUBJECT COUNT [TIMEOUT] -- CMD...
      subscribes, runs CMD (e.g. publishes), prints COUNT messages, one per line
"""
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import urlparse


class Nats:
    def __init__(self, url):
        u = urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port or 4222), timeout=10)
        self.buf = b""
        self._line()  # INFO
        self.sock.sendall(b'CONNECT {"verbose":false,"pedantic":false,"headers":true,"no_responders":true}\r\nPING\r\n')
        while self._line() != b"PONG":
            pass

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("connection closed")
        self.buf += data

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _bytes(self, n):
        while len(self.buf) < n + 2:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def pub(self, subject, data, reply=""):
        payload = data.encode()
        head = f"PUB {subject} {reply} {len(payload)}\r\n" if reply else f"PUB {subject} {len(payload)}\r\n"
        self.sock.sendall(head.encode() + payload + b"\r\n")

    def sub(self, subject, sid):
        self.sock.sendall(f"SUB {subject} {sid}\r\nPING\r\n".encode())
        while self._line() != b"PONG":
            pass

    def next(self, timeout):
        self.sock.settimeout(timeout)
        while True:
            line = self._line()
            if line == b"PING":
                self.sock.sendall(b"PONG\r\n")
                continue
            parts = line.split()
            if parts[0] == b"MSG":
                return self._bytes(int(parts[-1])).decode()
            if parts[0] == b"HMSG":
                header_len, total = int(parts[-2]), int(parts[-1])
                data = self._bytes(total)
                return data[header_len:].decode()


def main():
    url, verb = sys.argv[1], sys.argv[2]
    nats = Nats(url)
    if verb == "pub":
        nats.pub(sys.argv[3], sys.argv[4])
        nats.sock.sendall(b"PING\r\n")
        while nats._line() != b"PONG":
            pass
    elif verb == "request":
        inbox = "_INBOX." + uuid.uuid4().hex
        nats.sub(inbox, 1)
        nats.pub(sys.argv[3], sys.argv[4], inbox)
        print(nats.next(float(sys.argv[5]) if len(sys.argv) > 5 else 10))
    elif verb == "collect":
        subject, count = sys.argv[3], int(sys.argv[4])
        timeout = float(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] != "--" else 20
        cmd = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
        nats.sub(subject, 1)
        if cmd:
            subprocess.run(cmd, check=True)
        deadline = time.time() + timeout
        for _ in range(count):
            print(nats.next(max(0.1, deadline - time.time())), flush=True)
    else:
        sys.exit("unknown verb " + verb)


if __name__ == "__main__":
    main()
