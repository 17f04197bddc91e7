"""A CSV export as a .zip: one UTF-8 (BOM) CSV per table, streamed, neutralised against formula injection.

Spreadsheets run a cell that starts with ``= + - @`` (and, in some, tab, CR or NUL) as a formula: OWASP's
"CSV injection". Every *text* cell that starts so gets a leading apostrophe, which Excel, WPS and LibreOffice
show as plain text; NULs are dropped everywhere (they cut cells short in some readers). A Python ``int`` is
data, not text: it is written as its digits unchanged, so -300 fen stays the number -300 in a spreadsheet,
while the *string* "-300" becomes "'-300". Lone surrogates (never valid UTF-8) become U+FFFD.

The zip is written to a hidden temporary file beside the target, flushed to disk and renamed over it: a cancel,
an error or a crash leaves the old file (or none), never half of one, and no temporary file behind.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO

from app.backups import os_error
from app.errors import Cancelled, InvalidInput
from app.files import atomic_output
from app.i18n import translate
from app.text import shown

Table = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # (table name, column names, rows)

PROGRESS_EVERY = 10_000
CANCEL_EVERY = 1_000
_FORMULA_STARTS = frozenset("=+-@\t\r\0")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TABLE_NAME = re.compile("[a-z_]+")
_BOM = "\ufeff"


class ExportCancelled(Cancelled):
    """The user cancelled the export; the temporary file is gone and the target is as it was."""


def _CANCELLED() -> str:  # noqa: N802
    return translate("export", "The export was cancelled; no file was written.")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text: apostrophe before a formula start, no NULs, no lone surrogates."""
    if cell and cell[0] in _FORMULA_STARTS:
        cell = "'" + cell
    if "\0" in cell:
        cell = cell.replace("\0", "")
    # Surrogates cannot be written as UTF-8; replaced here so neutralise's result is always writable.
    return _SURROGATE.sub("\ufffd", cell)


def cell_text(value: object) -> str:
    """One value as CSV cell text: None empty, bools true/false, ints as digits, lists/dicts as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, list | dict):
        return neutralise(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    # A float, date or bytes here is a bug of the caller: its text form would be a guess.
    raise TypeError(f"cannot write a {type(value).__name__} as a CSV cell")


def _check_path(path: Path) -> None:
    if path.suffix.lower() != ".zip":
        raise InvalidInput(
            translate("export", "A CSV export is written as a .zip file: {path} does not end in .zip.").format(
                path=shown(path)),
            field="path",
        )


def _check_table(name: str, done: dict[str, int]) -> None:
    if not isinstance(name, str) or not _TABLE_NAME.fullmatch(name):
        raise InvalidInput(
            translate("export", "{name} is not a table name that can be exported (only a-z and _).").format(
                name=shown(name)),
            field="table",
        )
    if name in done:
        raise ValueError(f"table {name} given twice")  # our bug: zipfile would write two members of one name


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{name}.csv", date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # unzip gives the extracted file ordinary permissions
    return info


def write_csv_zip(
    path: Path,
    tables: Iterable[Table],
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Write ``tables`` to the zip ``path``, one ``<table>.csv`` each in order; return rows written per table.

    Rows are pulled one at a time and written straight into the zip. ``progress(total rows so far)`` is called
    every 10,000 rows; ``cancelled()`` is asked every 1,000 rows and once before the file is put in place, and
    raises :class:`ExportCancelled` when it returns True. Bad paths or table names raise ``InvalidInput``, a
    failing disk ``StoreError``; on any error ``path`` is left as it was and no temporary file remains.
    """
    path = Path(path)
    _check_path(path)
    written: dict[str, int] = {}
    try:
        with atomic_output(path, mode=0o666) as file:
            _write_zip(file, tables, written, progress, cancelled)
            if cancelled is not None and cancelled():
                raise ExportCancelled(_CANCELLED())
    except OSError as exc:
        raise os_error(path, exc) from exc
    return written


def _write_zip(
    file: IO[bytes],
    tables: Iterable[Table],
    written: dict[str, int],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    total = 0
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, columns, rows in tables:
            _check_table(name, written)
            count = 0
            with (
                archive.open(_member(name), "w", force_zip64=True) as member,
                io.TextIOWrapper(member, encoding="utf-8", newline="") as text,
            ):
                text.write(_BOM)
                writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
                writer.writerow([cell_text(column) for column in columns])
                for row in rows:
                    if cancelled is not None and total % CANCEL_EVERY == 0 and cancelled():
                        raise ExportCancelled(_CANCELLED())
                    writer.writerow([cell_text(value) for value in row])
                    count += 1
                    total += 1
                    if progress is not None and total % PROGRESS_EVERY == 0:
                        progress(total)
            written[name] = count


