"""allauth's and Django admin's texts whose French the site corrects: their catalogues
put an ordinary space before : ; ? ! (« Mot de passe oublié ? »), where French wants a
no-break space, so that a line never breaks before the mark.

Named here, these texts are in the site's own catalogues (make makemessages), which
Django reads before the packages' own (LOCALE_PATHS come first): the French there has the
no-break spaces, the Dutch and German are the packages' own. Nothing imports this module;
tests/test_french_typography.py reads the pages and emails that show the texts.
"""

from django.utils.translation import gettext_noop

THIRD_PARTY_TEXTS = (
    # allauth
    gettext_noop("Forgot your password?"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup "
        "for an\n"
        "account using email address:\n"
        "\n"
        "%(email)s\n"
        "\n"
        "However, an account using that email address already exists.  In case you "
        "have\n"
        "forgotten about this, please use the password forgotten procedure to "
        "recover\n"
        "your account:\n"
        "\n"
        "%(password_reset_url)s"
    ),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    gettext_noop(
        "You are receiving this mail because the following change was made to your account:"
    ),
    gettext_noop(
        "If you do not recognize this change then please take proper security "
        "precautions immediately. The change to your account originates from:\n"
        "\n"
        "- IP address: %(ip)s\n"
        "- Browser: %(user_agent)s\n"
        "- Date: %(timestamp)s"
    ),
    gettext_noop("Forgot Password?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you "
        "an email allowing you to reset it."
    ),
    gettext_noop("Enter your password:"),
    gettext_noop("Warning:"),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your '
        "email address</a>."
    ),
    gettext_noop("Messages:"),
    gettext_noop("Menu:"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an "
        "authenticator code:"
    ),
    gettext_noop("Enter an authenticator code:"),
    gettext_noop("Are you sure?"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    # django.contrib.admin
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the following "
        "protected related objects:"
    ),
)
