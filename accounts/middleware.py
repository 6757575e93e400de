from accounts.languages import remember_language


class RememberAccountLanguage:
    """Keeps each account's language from the pages its person opens
    (accounts/languages.py): one write when it changes, none otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200:
            remember_language(request)
        return response
