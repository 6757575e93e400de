"""Both instances and nginx answer /healthz once started."""

import json

from deploy.tests.conftest import wait_until


def test_both_instances_and_nginx_answer_healthz(deployment):
    for which in ("A", "B"):
        site = deployment.instance(which)

        def healthy(site=site):
            try:
                return site.get("/healthz", forwarded_proto=None, timeout=5).status == 200
            except OSError:
                return False

        wait_until(healthy, seconds=60, message=f"instance {which} never answered /healthz")
    health = deployment.nginx.get("/healthz")

    assert health.status == 200, health.status
    states = json.loads(health.body)
    assert (states["database"], states["cache"], states["mail"]) == ("ok", "ok", "ok"), states
    assert "no-store" in health.header("Cache-Control")
    assert health.header("X-Cache") in ("", "BYPASS", "MISS"), "nginx kept /healthz"


def test_the_checks_registry_is_set_up(registry):
    assert registry["logo"].startswith("/media/")
