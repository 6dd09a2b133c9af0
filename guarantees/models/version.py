"""One row whose token changes whenever the content does: the key to every cached page."""

from django.db import models


class ContentVersion(models.Model):
    token = models.BigIntegerField(help_text="A random number, drawn afresh on every change to the content.")

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.token}"
