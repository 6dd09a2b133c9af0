"""Who is sending a request: one client identity for every limit (API throttle, admin sign-in, corrections)."""

import hashlib
import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """REMOTE_ADDR, or the address the TRUSTED_PROXY_COUNT-th proxy from the right saw.

    With no trusted proxy, X-Forwarded-For (which any client can send) is never read. A hop that is not an IP
    address, or a header with fewer hops than trusted proxies, counts as no proxy: REMOTE_ADDR is used.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted and is_address(hops[-trusted]):
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR") or None


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_hash(request) -> str:
    """The client's address salted with the secret key: what the correction limit stores instead of the address."""
    address = client_address(request) or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
