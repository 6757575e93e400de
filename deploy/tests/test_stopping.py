"""An instance stopped mid-stream (SIGTERM, as systemctl stop or a restart sends) loses
no request; with both stopped, nginx still serves logos and the copies it has of public
pages, and 502 for the rest. Runs last: it stops the instances."""

import socket
import threading
import time

from deploy.tests.conftest import PUBLIC_PATHS


def test_stopping_instance_a_mid_stream_loses_no_request(deployment):
    statuses, errors, stop = [], [], threading.Event()

    def stream():
        while not stop.is_set():
            try:
                statuses.append(
                    deployment.nginx.get(PUBLIC_PATHS[len(statuses) % len(PUBLIC_PATHS)]).status
                )
            except Exception as error:
                # A reset, or an answer cut short (IncompleteRead): a lost request.
                errors.append(repr(error))

    threads = [threading.Thread(target=stream) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    # As `systemctl stop` or a restart does: SIGTERM to the master and its workers at
    # once; each worker finishes the request it is answering, and nginx sends the next
    # ones to B. (A crash, SIGKILL, can cut short an answer whose headers nginx has
    # already passed on: nothing in front can take that back.)
    deployment.a.stop()
    time.sleep(2.5)
    stop.set()
    for thread in threads:
        thread.join()
    try:
        socket.create_connection(deployment.a.address.split(":"), 1).close()
        raise AssertionError("instance A still listens")
    except ConnectionRefusedError:
        pass
    bad = [status for status in statuses if status != 200]
    assert not errors, errors[:3]
    assert not bad, f"{len(bad)} of {len(statuses)} not 200: {sorted(set(bad))}"


def test_with_both_instances_stopped_nginx_serves_logos_and_its_copies(deployment, registry):
    deployment.nginx.get("/en/communities/")  # a copy nginx keeps
    deployment.b.stop()
    time.sleep(1.5)  # the copy is more than a second old: nginx would ask the app again

    logo = deployment.nginx.get(registry["logo"])
    copy = deployment.nginx.get("/en/communities/")
    uncached = deployment.nginx.get("/en/communities/?no-copy-of-this=1")

    assert logo.status == 200, f"logo with both instances stopped: {logo.status}"
    assert copy.status == 200 and copy.header("X-Cache") == "STALE", copy.header("X-Cache")
    assert uncached.status == 502, f"a page nginx has no copy of: {uncached.status}"
