from pathlib import Path

from django.core.management.base import BaseCommand

from ...dataset import export_dataset


class Command(BaseCommand):
    help = "Write the whole curated dataset (every status, every language) to a directory of JSON files."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        counts = export_dataset(directory)
        self.stdout.write(f"Wrote {sum(counts.values())} rows in {len(counts)} tables to {directory}.")
