"""The CSV importer's messages in the curator's language."""

from django.test import SimpleTestCase
from django.utils import translation

from guarantees.importers import FORMATS, ImportReport, read_rows


class ImporterLanguageTests(SimpleTestCase):
    def messages(self, language: str, data: bytes) -> list[str]:
        report = ImportReport()
        with translation.override(language):
            read_rows(data, FORMATS["provisions"], report)
        return [message for _line, message in report.errors]

    def test_the_file_checks_speak_the_curators_language(self):
        self.assertEqual(
            self.messages("en", b"a\x00"), ["The file contains NUL characters; it is not a CSV text file."]
        )
        self.assertEqual(self.messages("ru", b"a\x00"), ["Файл содержит символы NUL; это не текстовый файл CSV."])
        self.assertEqual(self.messages("kk", b"a\x00"), ["Файлда NUL таңбалары бар; бұл CSV мәтіндік файлы емес."])
        self.assertTrue(self.messages("ru", b"nonsense\n1\n")[0].startswith("Нет обязательных столбцов"))
