"""Public pages and API answers, built once per registry version and release, and served
from the shared cache (README, "Page cache").

What a public page shows changes only when a row it reads changes, or when a release
changes how it is drawn. So every answer is kept under the registry's version (a
random number in the shared cache that every write to a public table replaces once it
commits) and the release's digest (code, templates, translations, static files), and
the next request after either changes builds the page again, in every process.

- writes.py: which tables are public (all but the ones declared never public) and how a
  write to one is noticed: an execute wrapper on every connection of the site, and,
  on PostgreSQL, a trigger that tells the worker of writes made outside the site
  (psql, another program).
- version.py: the registry's version, kept in the shared cache (Redis or the database
  cache) and, with Redis, in each process between changes.
- release.py: what else an answer's key holds: the release's digest and the settings
  the pages show.
- answers.py: the answers themselves, `cached()` for the views, and the local copies.
- middleware.py: ServeCachedAnswers, a hit answered before most of the middleware, and
  ShareAnswersOnceSent, a page rendered for one visitor shared once they have it.
"""

from common.pagecache import outside_writes  # noqa: F401  (its post_migrate handler)
from common.pagecache.answers import cached, local_answers
from common.pagecache.release import watch_settings
from common.pagecache.version import new_version
from common.pagecache.writes import (
    current_version,
    has_uncommitted_changes,
    never_public,
    writes_public_table,
)

__all__ = [
    "cached",
    "current_version",
    "has_uncommitted_changes",
    "local_answers",
    "never_public",
    "new_version",
    "watch_settings",
    "writes_public_table",
]
