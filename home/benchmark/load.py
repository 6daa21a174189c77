"""A load bounded in time against a server on loopback: requests/s, p50, p99, errors and response size for one
scenario, after a warm-up that is not measured.

wrk (Debian's package) is used when installed: one thread of C leaves the two cores to the server; otherwise
Python threads with http.client keep-alive connections. Only 127.0.0.1 may be targeted.
"""

import http.client
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = "127.0.0.1"


@dataclass
class Scenario:
    """One kind of request, repeated on every connection; `cached` marks those the server should answer
    from its cache (the 70 % target), `expected_cache` the X-Cache header the server should send."""

    name: str
    path: str
    headers: dict = field(default_factory=dict)
    expected_status: int = 200
    expected_cache: str = ""
    cached: bool = False


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    bytes_per_response: float = 0.0
    cpu_ms: float = 0.0  # server-side CPU time per request (home.benchmark.cpu), 0 when unknown

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0


def check_loopback(base_url):
    host = urlsplit(base_url).hostname
    if host != LOOPBACK:
        raise ValueError(f"Le banc d'essai ne vise que {LOOPBACK}, pas {host}.")


def run(base_url, scenario, seconds, connections, warmup=2):
    """Load `scenario` for `warmup` seconds (not measured: workers' first requests, connections, caches),
    then for `seconds` with `connections` concurrent keep-alive connections."""
    check_loopback(base_url)
    runner = _run_wrk if shutil.which("wrk") else _run_threads
    if warmup:
        runner(base_url, scenario, warmup, connections)
    return runner(base_url, scenario, seconds, connections)


def probe(base_url, scenario):
    """One request of the scenario: (status, headers), to check what the server answers before loading it."""
    check_loopback(base_url)
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", scenario.path, headers=scenario.headers)
        response = connection.getresponse()
        response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()}
    finally:
        connection.close()


# --- wrk -----------------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
UNITS_BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}


def _lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk_script(scenario):
    lines = [f"wrk.path = {_lua_string(scenario.path)}"]
    lines += [f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}" for name, value in scenario.headers.items()]
    return "\n".join(lines) + "\n"


def _duration_ms(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def _run_wrk(base_url, scenario, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_wrk_script(scenario))
        script.flush()
        command = [
            "wrk",
            "--threads=1",
            f"--connections={connections}",
            f"--duration={int(seconds)}s",
            "--timeout=10s",
            "--latency",
            f"--script={script.name}",
            base_url,
        ]
        output = subprocess.run(  # noqa: S603 (fixed command, loopback target checked above)
            command, capture_output=True, text=True, timeout=seconds + 60, check=True
        ).stdout
    requests = int(re.search(r"(\d+) requests in ([\d.]+)(\w+)", output).group(1))
    elapsed = _duration_ms(re.search(r"requests in ([\d.]+\w+)", output).group(1)) / 1000
    p50 = _duration_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))
    p99 = _duration_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(value) for value in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", output)
    rate = requests / elapsed if elapsed else 0
    size = float(transfer.group(1)) * UNITS_BYTES[transfer.group(2)] / rate if transfer and rate else 0.0
    return Result(scenario.name, requests, elapsed, p50, p99, errors, size)


# --- Python threads ------------------------------------------------------------------------------------


def _run_threads(base_url, scenario, seconds, connections):
    parts = urlsplit(base_url)
    deadline = time.monotonic() + seconds
    latencies, errors, sizes, lock = [], [0], [0], threading.Lock()

    def worker():
        mine, bad, size = [], 0, 0
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", scenario.path, headers=scenario.headers)
                response = connection.getresponse()
                size += len(response.read())
                if response.status != scenario.expected_status:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad
            sizes[0] += size

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    if not latencies:
        return Result(scenario.name, 0, elapsed, 0.0, 0.0, errors[0])
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return Result(
        scenario.name, len(latencies), elapsed, quantiles[49], quantiles[98], errors[0], sizes[0] / len(latencies)
    )
