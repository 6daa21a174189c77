"""A load bounded in time against a server on loopback: requests/s, p50, p99 and errors for one scenario.

wrk (Debian's package) is used when installed, as it leaves the machine's cores to the server; otherwise
Python threads with http.client keep-alive connections. Only 127.0.0.1 may be targeted.
"""

import http.client
import random
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
OFFSET_MARK = "{offset}"


@dataclass
class Scenario:
    """One kind of request: `path` may hold {offset}, replaced by a random number below `offsets` (cache misses)."""

    name: str
    path: str
    headers: dict = field(default_factory=dict)
    offsets: int = 0
    expected_status: int = 200

    def pick_path(self, rng):
        if OFFSET_MARK in self.path:
            return self.path.replace(OFFSET_MARK, str(rng.randrange(self.offsets)))
        return self.path


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0


def check_loopback(base_url):
    host = urlsplit(base_url).hostname
    if host != LOOPBACK:
        raise ValueError(f"Le banc d'essai ne vise que {LOOPBACK}, pas {host}.")


def run(base_url, scenario, seconds, connections):
    """Load `scenario` for `seconds` with `connections` concurrent connections."""
    check_loopback(base_url)
    if shutil.which("wrk"):
        return _run_wrk(base_url, scenario, seconds, connections)
    return _run_threads(base_url, scenario, seconds, connections)


# --- wrk -----------------------------------------------------------------------------------------------

WRK_SCRIPT = """
local prefix, suffix, offsets = __PREFIX__, __SUFFIX__, __OFFSETS__
__HEADERS__
function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end
function init(args)
  math.randomseed(seed + os.time())
end
request = function()
  local path = prefix
  if offsets > 0 then path = prefix .. math.random(0, offsets - 1) .. suffix end
  return wrk.format("GET", path)
end
"""
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk_script(scenario):
    if OFFSET_MARK in scenario.path:
        prefix, suffix = scenario.path.split(OFFSET_MARK, 1)
    else:
        prefix, suffix = scenario.path, ""
    headers = "\n".join(
        f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}" for name, value in scenario.headers.items()
    )
    return (
        WRK_SCRIPT.replace("__PREFIX__", _lua_string(prefix))
        .replace("__SUFFIX__", _lua_string(suffix))
        .replace("__OFFSETS__", str(scenario.offsets if OFFSET_MARK in scenario.path else 0))
        .replace("__HEADERS__", headers)
    )


def _duration_ms(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS_MS[unit]


def _run_wrk(base_url, scenario, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_wrk_script(scenario))
        script.flush()
        command = [
            "wrk",
            f"--threads={min(2, connections)}",
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
    if scenario.expected_status != 200:
        # wrk counts any 2xx/3xx as a success; ask the server once more to be sure of the status.
        errors += 0 if _status(base_url, scenario) == scenario.expected_status else requests
    return Result(scenario.name, requests, elapsed, p50, p99, errors)


# --- Python threads ------------------------------------------------------------------------------------


def _status(base_url, scenario):
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", scenario.pick_path(random.Random()), headers=scenario.headers)  # noqa: S311
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _run_threads(base_url, scenario, seconds, connections):
    parts = urlsplit(base_url)
    deadline = time.monotonic() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def worker(seed):
        rng = random.Random(seed)  # noqa: S311 (choosing cache-missing offsets, not security)
        mine, bad = [], 0
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", scenario.pick_path(rng), headers=scenario.headers)
                response = connection.getresponse()
                response.read()
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

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    if not latencies:
        return Result(scenario.name, 0, elapsed, 0.0, 0.0, errors[0])
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return Result(scenario.name, len(latencies), elapsed, quantiles[49], quantiles[98], errors[0])
