"""Error responses that say what is wrong, in the site's layout."""

from django.shortcuts import render


def bad_request(request, problems: list[str]):
    """A 400 page listing each problem with the request, with a way back to an unfiltered page."""
    return render(request, "400.html", {"problems": problems, "back_url": request.path}, status=400)
