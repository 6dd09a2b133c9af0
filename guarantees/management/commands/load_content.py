from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...content import DATA_DIR, ContentError, ContentLoader


class Command(BaseCommand):
    help = "Load the curated content from guarantees/data/ (idempotent; never overwrites a curator's edit)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Where the YAML files are.")

    def handle(self, *args, data_dir, **options):
        try:
            report = ContentLoader(data_dir).load()
        except ContentError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(report.summary())
