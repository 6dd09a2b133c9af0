"""What the content loader last wrote, so that a reload never overwrites a curator's edit."""

from django.db import models


class LoadedRecord(models.Model):
    model = models.CharField(max_length=100)
    natural_key = models.CharField(max_length=300)
    object_id = models.PositiveBigIntegerField(null=True, help_text="The primary key of the object written.")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the fields as the loader last wrote them.")
    loaded_at = models.DateTimeField(help_text="The object's updated_at when the loader wrote it.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "natural_key"], name="loaded_record_unique")]

    def __str__(self):
        return f"{self.model} {self.natural_key}"
