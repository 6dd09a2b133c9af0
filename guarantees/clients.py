"""Who is sending a request, without keeping the address itself."""

import hashlib

from django.conf import settings


def client_hash(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
