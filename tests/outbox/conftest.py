import pytest

from tests.faults import MailServer


@pytest.fixture
def mail_server():
    with MailServer() as server:
        yield server


def sending_through(settings, port, *, timeout=1):
    """The worker sends by SMTP to 127.0.0.1:port, waiting at most `timeout` a call."""
    settings.MAIL_TRANSPORT = "django.core.mail.backends.smtp.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": settings.MAIL_TRANSPORT},
    }
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout


@pytest.fixture
def smtp(settings, mail_server):
    """The worker sends to the real SMTP server `mail_server`."""
    sending_through(settings, mail_server.port)
    return mail_server
