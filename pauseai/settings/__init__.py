"""Settings for the PauseAI national-group registry.

By subject: core.py (the framework), accounts.py, mail.py and product.py (the registry's
own rules). Each reads the environment through common/env.py's typed helpers, and every
variable is listed with its default in `.env.example`; an empty value means the default
(as `.env.example` writes most of them), and a malformed value stops start-up with
ImproperlyConfigured naming the variable instead of running with a surprise.
"""

from pauseai.settings.accounts import *  # noqa: F403
from pauseai.settings.core import *  # noqa: F403
from pauseai.settings.mail import *  # noqa: F403
from pauseai.settings.product import *  # noqa: F403
