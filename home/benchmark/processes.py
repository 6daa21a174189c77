"""Local servers for the benchmark and the tests: a free port on loopback, waiting for a server to answer, a
throwaway redis-server, stopping a process."""

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.request

from django.core.management.base import CommandError

from home.benchmark.load import LOOPBACK


def free_port():
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"gunicorn n'a pas répondu sur {url} en {timeout} s.")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@contextlib.contextmanager
def redis_server():
    """A throwaway redis-server on 127.0.0.1 (no persistence) for the run; yields its URL and process id."""
    binary = shutil.which("redis-server")
    if not binary:
        raise CommandError("--cache redis : redis-server n'est pas installé (paquet Debian redis-server).")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (fixed command on loopback)
        [binary, "--bind", LOOPBACK, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection((LOOPBACK, port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise CommandError("redis-server n'a pas démarré.") from None
                time.sleep(0.1)
        yield f"redis://{LOOPBACK}:{port}/0", process.pid
    finally:
        stop(process)
