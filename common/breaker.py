"""Not asking again, for a moment, a server that has just failed to answer.

Every call to the database and to Redis has a deadline; a server that hangs would still
cost each request that deadline, and every request of an instance would wait it out.
After one failure the process stops asking for `pause` seconds: calls fail at once,
and each part answers as the README's "When a part is down" says (the 503 page, pages
from the database). Then the next call asks again.
"""

import logging
import threading
import time
from contextlib import contextmanager

logger = logging.getLogger(__name__)


class Breaker:
    """Whether this process asks a server now.

    `failures`: the exceptions that mean the server did not answer; `unavailable`: the
    one raised, at once, while the process leaves the server alone.
    """

    def __init__(self, name: str, *, failures: tuple, unavailable: type, pause: float = 5.0):
        self.name = name
        self.failures = failures
        self.unavailable = unavailable
        self.pause = pause
        self.resume_at = 0.0
        self.lock = threading.Lock()

    def check(self) -> None:
        if time.monotonic() < self.resume_at:
            raise self.unavailable(
                f"The {self.name} did not answer a moment ago: not asked again yet"
            )

    def failed(self, error: BaseException) -> None:
        with self.lock:
            self.resume_at = time.monotonic() + self.pause
        logger.warning(
            "The %s did not answer (%s): left alone for %gs", self.name, error, self.pause
        )

    @contextmanager
    def guard(self):
        self.check()
        try:
            yield
        except self.failures as error:
            # (Not the breaker's own refusal, from a guard within this one.)
            if not isinstance(error, self.unavailable):
                self.failed(error)
            raise

    def reset(self) -> None:
        self.resume_at = 0.0
