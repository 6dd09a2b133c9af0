"""Who is sending a request, without keeping the address itself."""

import hashlib

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or the address the TRUSTED_PROXY_COUNT-th proxy from the right saw."""
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if trusted and len(hops) >= trusted:
        return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request) -> str:
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
