from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    name = "guarantees"
    verbose_name = _("Electoral-rights guarantees")

    def ready(self):
        from . import lookups  # noqa: F401  (registers the lookup and the SQLite function)
        from .content_version import watch_content

        watch_content(self)
