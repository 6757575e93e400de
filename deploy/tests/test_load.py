"""Under load: 200 concurrent clients on the public pages get no error; a burst of 50
logins from one address gets 429s, no 5xx and no timeout."""

import os
import re
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from deploy.tests.conftest import PUBLIC_PATHS
from deploy.tests.site import login_form, post_login, say


def test_200_concurrent_clients_on_the_public_pages_get_no_error(deployment, registry):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    paths = ", ".join(f'"{path}"' for path in PUBLIC_PATHS)
    script.write(
        f"local paths = {{{paths}}}\\nlocal i = 0\\n"
        "request = function()\\n  i = i % #paths + 1\\n"
        '  return wrk.format("GET", paths[i])\\nend\\n'
    )
    script.close()
    seconds = deployment.load_seconds
    run = subprocess.run(
        ["wrk", "-t2", "-c200", f"-d{seconds}s", "--timeout", "10s", "--latency",
         "-s", script.name, deployment.nginx.site],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )  # fmt: skip
    os.unlink(script.name)
    out = run.stdout
    assert run.returncode == 0, run.stderr
    rate = re.search(r"Requests/sec:\s+(\S+)", out)[1]
    p50, p99 = re.search(r"50%\s+(\S+)", out)[1], re.search(r"99%\s+(\S+)", out)[1]
    say(f"200 clients, {seconds} s: {rate} requests/s, p50 {p50}, p99 {p99}")
    assert "Non-2xx or 3xx responses" not in out, re.search(r"Non-2xx.*", out)[0]
    assert "Socket errors" not in out, re.search(r"Socket errors.*", out)[0]


def test_a_burst_of_50_logins_from_one_address_gets_429s(deployment):
    jar, token = login_form(deployment.nginx)

    def attempt(number):
        try:
            return post_login(
                deployment.nginx, jar, token, f"burst{number}@example.org", "x"
            ).status
        except OSError as error:
            return type(error).__name__

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(attempt, range(50)))
    seconds = time.monotonic() - started
    counted = {str(status): statuses.count(status) for status in set(statuses)}
    say(f"50 at once from one address in {seconds:.1f} s: {counted}")
    assert all(status in (200, 429) for status in statuses), f"answers: {counted}"
    assert 429 in statuses, f"no 429 in a burst of 50: {counted}"
