"""What a client locked out of the admin sign-in is told (django-axes counts the failures, see SECURITY.md)."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


def sign_in_locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a plain 429, naming how long the lockout lasts."""
    message = _("Too many failed sign-ins from this address; try again in %(minutes)s minutes.")
    minutes = settings.ADMIN_LOGIN_LOCKOUT_SECONDS // 60
    return HttpResponse(message % {"minutes": minutes}, status=429, content_type="text/plain; charset=utf-8")
