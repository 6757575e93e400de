"""The site's settings, with the benchmark's bare view beside the site's URLs."""

from pauseai.settings import *  # noqa: F403
from pauseai.settings import INSTALLED_APPS

ROOT_URLCONF = "bench.urls"
# For the management commands bench_data, bench_invalidate and bench_run.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
