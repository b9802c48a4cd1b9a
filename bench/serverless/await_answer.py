#!/usr/bin/env python3
"""Waits for the first proxied 200 of a process being started, without taking its CPUs (bench/NOTES.md 15.4).

Usage: await_answer.py PORT PATH BODY [HEADER ...]   (HEADER as "name: value")

Start it before the process under test; it prints "ready" once it is running (so its own start stays outside the
timed window), then tries a connection to 127.0.0.1:PORT every 10 ms and, once one is accepted, POSTs BODY to PATH
(Connection: close) and reads the whole answer. On a 200 it prints the wall-clock time (ns since the epoch, as
`date +%s%N`) and exits 0; on any other answer it tries again 10 ms later; after 180 s it exits 1. A refused connection
costs it microseconds, where the curl loop it replaces forked two or three processes every ~10 ms on the same CPUs
as the process it was timing.
"""
import socket
import sys
import time


def main():
    port, path, body = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
    head = "".join(h + "\r\n" for h in sys.argv[4:])
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n{head}\r\n"
    ).encode() + body
    print("ready", flush=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", port))
            s.settimeout(30)
            s.sendall(request)
            answer = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
            if answer.startswith(b"HTTP/1.1 200 ") or answer.startswith(b"HTTP/1.0 200 "):
                print(time.time_ns(), flush=True)
                return 0
        except OSError:
            pass
        finally:
            s.close()
        time.sleep(0.01)
    return 1


if __name__ == "__main__":
    sys.exit(main())
