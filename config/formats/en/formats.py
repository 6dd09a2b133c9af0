"""One date format per language, used everywhere a page shows a date (FORMAT_MODULE_PATH)."""

DATE_FORMAT = "j F Y"  # 2 December 2026
SHORT_DATE_FORMAT = DATE_FORMAT
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
