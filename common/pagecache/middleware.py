"""ServeCachedAnswers: a hit answered before most of the middleware runs.
ShareAnswersOnceSent: a page rendered for one visitor shared once they have it."""

from functools import partial

from django.urls import Resolver404, resolve

from common.pagecache.answers import Answer, cache_key, is_cacheable, local_answers, share
from common.pagecache.writes import current_version


class ShareAnswersOnceSent:
    """Outermost: the answer a request rendered (`cached` leaves it on the request) goes
    to the shared cache when the server closes the response, after sending it, so the
    visitor does not wait for Redis. Whatever response the request ends with: a 304
    from ConditionalGetMiddleware replaces the page's own, which nobody closes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        rendered = getattr(request, "answer_to_share", None)
        if rendered is not None:
            # Closed by the server once sent, as Django's FileResponse closes its file.
            response._resource_closers.append(partial(share, *rendered))
        return response


class ServeCachedAnswers:
    """A hit answered as early as it can be: below LocaleMiddleware (the answer's key
    holds the page's language), above everything a public answer needs nothing of
    (CommonMiddleware, CSRF, authentication, messages, the history's context,
    allauth's middleware; the view's own URL resolution). A miss goes on to the view,
    where `cached` renders and keeps the answer; so does anything `cached` would not
    serve from the cache. The answers' bytes in this process only: the shared
    cache's are the view's to read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answer = local_answer(request)
        if answer is not None:
            return answer.response(request)
        return self.get_response(request)


def local_answer(request) -> Answer | None:
    """The answer this process holds for the request at the current version, if the
    address is a `cached` view's and the request one it serves from the cache."""
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return None
    parameters = getattr(match.func, "pagecache_parameters", None)
    if parameters is None or not is_cacheable(request, parameters):
        return None
    try:
        return local_answers.get(cache_key(request), current_version())
    except Exception:
        # The view answers, and says why (`cached`).
        return None
