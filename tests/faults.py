"""Faults made real, for the tests of what the site does when a part it calls is down:
a server that accepts connections and never answers, a port nothing listens on, and a
real SMTP server (aiosmtpd) that can be told to refuse and then to accept."""

import contextlib
import socket
import threading

from aiosmtpd.controller import Controller


@contextlib.contextmanager
def silent_server():
    """A TCP server on 127.0.0.1 that accepts every connection, reads nothing and never
    answers: a database, a Redis or a mail server that hangs. Yields its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    accepted = []
    stopping = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stopping.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stopping.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) keeping what it accepts in `received`
    (one (recipients, message bytes) pair per message).

    `refuse()` makes it answer every message with "421 Service not available", as a
    server that is full or restarting does, and `accept()` makes it take them again;
    `refuse_recipient(address, reply)` answers RCPT for one address with `reply` (a 450
    for a mailbox full for now, a 550 for one that does not exist).
    """

    def __init__(self, port: int | None = None):
        self.received: list[tuple[list[str], bytes]] = []
        self.refusing = False
        self.recipient_replies: dict[str, str] = {}
        # A port free a moment ago (aiosmtpd checks its server by connecting to it), or
        # the one given.
        self.port = port or closed_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.running = False

    def refuse(self) -> None:
        self.refusing = True

    def accept(self) -> None:
        self.refusing = False
        self.recipient_replies.clear()

    def refuse_recipient(self, address: str, reply: str) -> None:
        self.recipient_replies[address.lower()] = reply

    def subjects(self) -> list[str]:
        from email import message_from_bytes, policy

        return [
            str(message_from_bytes(content, policy=policy.default)["Subject"])
            for _recipients, content in self.received
        ]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refusing:
            return "421 4.3.2 Service not available, try again later"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.recipient_replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def __enter__(self):
        self.controller.start()
        self.running = True
        return self

    def __exit__(self, *exc):
        if self.running:
            self.controller.stop()
            self.running = False
