"""Load on one URL: wrk when it is installed, else threads with http.client.

Both send `Accept-Encoding: gzip` over 16 connections and report requests per second
and the median latency under that load. The threads share one Python process, and so
one core at most: on a small machine they saturate before gunicorn does, which
wrk's event loop in C does not.
"""

import http.client
import re
import shutil
import ssl
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

CONNECTIONS = 16
THREADS = 2
REQUEST_HEADERS = {"Accept-Encoding": "gzip"}
LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
# Long enough for a page that takes seconds, behind the 15 others queued for gunicorn.
ANSWER_TIMEOUT_SECONDS = 120


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    # Answers other than 2xx, and socket errors: a run with any is not a measurement.
    errors: int
    tool: str


def load_tool() -> str:
    return "wrk" if shutil.which("wrk") else "python threads"


def run_load(url: str, *, seconds: int) -> Load:
    if shutil.which("wrk"):
        return run_wrk(url, seconds=seconds)
    return run_threads(url, seconds=seconds)


def run_wrk(url: str, *, seconds: int) -> Load:
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        # wrk's default of 2 s counts a slower answer as an error, not as its latency.
        f"--timeout={ANSWER_TIMEOUT_SECONDS}s",
        "--latency",
        *(part for name, value in REQUEST_HEADERS.items() for part in ("-H", f"{name}: {value}")),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Load:
    """wrk's summary: "Requests/sec: 123.45", the distribution's "50%  12.34ms", and the
    lines it prints only when something went wrong."""
    requests = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    median = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    completed = re.search(r"^\s+(\d+) requests in ", output, re.MULTILINE)
    if not requests or not median or not completed:
        raise RuntimeError(f"Unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(map(int, socket_errors.groups())) if socket_errors else 0
    return Load(
        requests_per_second=float(requests.group(1)),
        # No request answered within the run: no latency to report.
        p50_ms=float(median.group(1)) * LATENCY_UNITS_MS[median.group(2)]
        if int(completed.group(1))
        else float("nan"),
        errors=errors,
        tool="wrk",
    )


def connection_to(parts, *, timeout: float) -> http.client.HTTPConnection:
    """Plain HTTP to gunicorn, or HTTPS to make bench's nginx (its certificate is one
    made for the run: not checked)."""
    if parts.scheme == "https":
        return http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl._create_unverified_context()
        )
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def run_threads(url: str, *, seconds: int) -> Load:
    """One thread per connection, each sending requests one after the other until time is
    up; http.client opens a new connection when gunicorn closed the last."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[list[float]] = [[] for _ in range(CONNECTIONS)]
    errors = [0] * CONNECTIONS
    deadline = time.perf_counter() + seconds

    def send(number: int) -> None:
        connection = connection_to(parts, timeout=ANSWER_TIMEOUT_SECONDS)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=REQUEST_HEADERS)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[number] += 1
                connection.close()
                continue
            if response.status >= 400:
                errors[number] += 1
            latencies[number].append((time.perf_counter() - started) * 1000)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=send, args=(number,)) for number in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    every_latency = [latency for thread_latencies in latencies for latency in thread_latencies]
    return Load(
        requests_per_second=len(every_latency) / elapsed,
        p50_ms=statistics.median(every_latency) if every_latency else float("nan"),
        errors=sum(errors),
        tool="python threads",
    )


def timed_get(
    url: str, *, timeout: float = ANSWER_TIMEOUT_SECONDS
) -> tuple[float, int, bytes, dict[str, str]]:
    """One request on a new connection: milliseconds until the last byte, the status,
    the body as sent and the headers. The timeout leaves room for the requests a load
    left queued (one per connection) when the page takes seconds."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = connection_to(parts, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=REQUEST_HEADERS)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    elapsed_ms = (time.perf_counter() - started) * 1000
    return elapsed_ms, response.status, body, dict(response.getheaders())
