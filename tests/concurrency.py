"""Real concurrency for the tests: actions started at the same moment, each on its own
database connection (PostgreSQL; SQLite serialises writers anyway)."""

import threading

from django.db import connections


def race(*actions, refusal: type[Exception] | tuple = (), timeout: float = 60):
    """Run the actions at the same moment, one thread each; their outcomes, sorted.

    An outcome is "done", or "refused: <message>" for the `refusal` the action
    raised (none by default). Anything else a thread raises fails the test.
    """
    start = threading.Barrier(len(actions))
    outcomes = []
    failures = []

    def run(action):
        try:
            start.wait()
            action()
            outcomes.append("done")
        except refusal as refused:
            outcomes.append(f"refused: {refused}")
        except BaseException as error:  # reported to the test below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if failures:
        raise failures[0]
    return sorted(outcomes)
