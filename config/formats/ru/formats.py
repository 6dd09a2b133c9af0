"""One date format per language: Russian legal texts write dates as 02.12.2026 (FORMAT_MODULE_PATH)."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
