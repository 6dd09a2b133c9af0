from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...amendments import load_amendments
from ...content import DATA_DIR, ContentError, ContentLoader


class Command(BaseCommand):
    help = "Load the curated content from guarantees/data/ (idempotent; never overwrites a curator's edit)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Where the YAML files are.")

    def handle(self, *args, data_dir, **options):
        try:
            with transaction.atomic():
                report = ContentLoader(data_dir).load()
                amendments = load_amendments(data_dir)
        except ContentError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(report.summary())
        self.stdout.write(amendments.summary())
