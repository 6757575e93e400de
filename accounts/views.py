"""The account's own pages beyond allauth's: its full name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import FullNameForm
from accounts.services import account_full_name_save
from common.names import full_name_of
from common.redirects import safe_next


@login_required
def my_name(request):
    """The account's full name, asked where it is missing (the grant letter), then back."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST":
        form = FullNameForm(request.POST)
        if form.is_valid():
            account_full_name_save(user=request.user, full_name=form.cleaned_data["full_name"])
            messages.success(request, _("Your full name is saved."))
            return redirect(next_url or "onboarding:my_overview")
    else:
        form = FullNameForm(initial={"full_name": full_name_of(request.user)})
    return render(
        request,
        "accounts/my_name.html",
        {"form": form, "next": next_url},
        status=400 if request.method == "POST" else 200,
    )
