"""One error type for bad input: it names the file, the place in it (row/field) and the rule that was broken."""

from __future__ import annotations


class SourceDataError(ValueError):
    """Raised when a source file breaks a rule; the message is meant for the data engineer who has to fix it."""

    def __init__(self, file: str, rule: str, detail: str, *, row: int | None = None, field: str | None = None):
        self.file = str(file)
        self.rule = rule
        self.detail = detail
        self.row = row
        self.field = field
        where = self.file
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {rule}: {detail}")
