"""The registry's worker (manage.py worker): it sends the outbox, a round of deliveries
whenever something is due, with a wait between rounds that grows while the mail server
is at fault; between rounds it listens for writes made outside the site, which make the
page cache's answers old (common/pagecache/outside_writes.py). It stops cleanly, within
a second, on SIGTERM (systemd) or SIGINT (Ctrl-C)."""

import logging
import signal
import threading
import time

from django.db import DatabaseError, close_old_connections

from common.pagecache.outside_writes import Listener
from outbox import caps
from outbox.delivery import deliver_due

logger = logging.getLogger(__name__)

# How often an idle worker looks for new messages.
POLL_SECONDS = 1.0
# While the server is at fault: 2 s, 4 s, 8 s … at most 5 minutes between tries, so a
# server back after an hour is used within five minutes.
FIRST_WAIT_SECONDS = 2.0
LONGEST_WAIT_SECONDS = 300.0
# Rows the caps no longer count are cleared this often.
CLEAR_EVERY_SECONDS = 3600.0


class Worker:
    def __init__(self, *, poll: float = POLL_SECONDS, longest_wait: float = LONGEST_WAIT_SECONDS):
        self.poll = poll
        self.longest_wait = longest_wait
        self.stopping = threading.Event()
        self.wait = 0.0
        self.since_clearing = CLEAR_EVERY_SECONDS
        self.listener = Listener()

    def stop(self, *_signal) -> None:
        self.stopping.set()

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        logger.info("Worker started")
        try:
            while not self.stopping.is_set():
                pause = self.round()
                self.rest(pause)
                self.since_clearing += pause
        finally:
            self.listener.close()
        logger.info("Worker stopped")

    def rest(self, seconds: float) -> None:
        """Wait for the next round, hearing writes made outside the site meanwhile, in
        slices of at most a second so that a stop is never kept waiting."""
        end = time.monotonic() + seconds
        while not self.stopping.is_set() and (left := end - time.monotonic()) > 0:
            self.listener.wait(min(left, 1.0))

    def round(self) -> float:
        """One round; how long to wait before the next."""
        close_old_connections()
        try:
            if self.since_clearing >= CLEAR_EVERY_SECONDS:
                caps.forget_old_uses()
                self.since_clearing = 0.0
            result = deliver_due()
        except DatabaseError as error:
            # The database is down or hung: its own deadlines bound the wait; try later.
            logger.warning("Worker: the database does not answer (%s)", error)
            close_old_connections()
            return self.longer_wait()
        if result.sent or result.failed or result.waiting:
            logger.info(
                "Worker: %d sent, %d failed for good, %d waiting for their recipient",
                result.sent,
                result.failed,
                result.waiting,
            )
        if result.server_at_fault:
            pause = self.longer_wait()
            logger.warning(
                "Worker: the mail server is at fault (%s); trying again in %gs",
                result.error,
                pause,
            )
            return pause
        self.wait = 0.0
        return self.poll

    def longer_wait(self) -> float:
        self.wait = min(max(self.wait * 2, FIRST_WAIT_SECONDS), self.longest_wait)
        return self.wait
