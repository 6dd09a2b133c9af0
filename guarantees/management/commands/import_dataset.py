from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...dataset import DatasetError, import_dataset


class Command(BaseCommand):
    help = "Load a directory written by export_dataset into an empty database (the restore path)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        try:
            counts = import_dataset(directory)
        except DatasetError as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        self.stdout.write(f"Imported {sum(counts.values())} rows in {len(counts)} tables.")
