"""Dutch formats as a municipality writes them: 31-01-2026 and 14:30, never a month name in
a table cell nor a 12-hour clock. Input is parsed by pga.widgets (dd-mm-jjjj, dd/mm/jjjj and
ISO); the input formats here serve anything else that parses a date (the admin)."""

DATE_FORMAT = "d-m-Y"  # 31-01-2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "d-m-Y H:i"  # 31-01-2026 14:30
YEAR_MONTH_FORMAT = "F Y"  # januari 2026
MONTH_DAY_FORMAT = "j F"  # 31 januari
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
FIRST_DAY_OF_WEEK = 1  # maandag

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M"]
DATETIME_INPUT_FORMATS = [
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
