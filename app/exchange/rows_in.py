"""An imported record checked field by field and turned into the row its table stores (the stored forms of
:class:`app.services.bulk.BulkTable`): a wrong type, an unknown or missing field, a bad id, time or kind is
refused with its place (``helps[12].at``) before anything is written."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, Integer, String, Text, Time
from sqlalchemy import inspect as sa_inspect

from app.errors import InvalidInput
from app.i18n import translate
from app.limits import IMAGE_BYTES_MAX, NOTE_MAX
from app.model import ActivityWindow, Base, ExportAudit, Image, PriceTier, Profile, SharePreset
from app.model_types import UTCDateTime
from app.privacy.links import normalise_url

INT_MAX = 2**63 - 1
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"


class Refused(InvalidInput):
    """A file to import that is refused; ``place`` says where (``helps[12].at``, ``byte 1234``)."""

    def __init__(self, message: str, place: str) -> None:
        super().__init__(translate("import", "Refused at {place}: {problem}").format(place=place, problem=message),
                         "file")
        self.place = place


def refuse(place: str, problem: str) -> Refused:
    return Refused(problem, place)


# (value, the record's place, the field's name): the place is joined only for a refusal (most values pass).
Convert = Callable[[Any, str, str], Any]
UUID_FORM = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The form an export writes its times in (UTC, whole seconds or microseconds): made stored by slicing.
UTC_FORM = re.compile(r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{6})?Z")


def _at(place: str, name: str) -> str:
    return f"{place}.{name}" if name else place


def _text(limit: int) -> Convert:
    def convert(value: Any, place: str, name: str) -> Any:
        if not isinstance(value, str):
            raise refuse(_at(place, name), translate("import", "text expected"))
        if len(value) > limit:
            raise refuse(_at(place, name), translate("import", "longer than {max} characters").format(max=limit))
        return value
    return convert


def _uuid(value: Any, place: str, name: str) -> Any:
    if type(value) is str and UUID_FORM.fullmatch(value):  # the export's own form: what UUID(value).hex gives
        return value.replace("-", "")
    try:
        return uuid.UUID(value).hex if isinstance(value, str) and len(value) == 36 else _bad_id(_at(place, name))
    except ValueError:
        return _bad_id(_at(place, name))


def _bad_id(place: str) -> Any:
    raise refuse(place, translate("import", "not an id (a UUID such as 3f2b…-…)"))


@functools.lru_cache(maxsize=65_536)
def _good_day(day: str) -> bool:
    try:
        return 1900 <= dt.date.fromisoformat(day).year <= 9999
    except ValueError:
        return False


def _time(value: Any, place: str, name: str) -> Any:
    if type(value) is str and UTC_FORM.fullmatch(value) and _good_day(value[:10]):
        # What the general path below gives for a valid UTC time in this form, without making a datetime.
        return f"{value[:10]} {value[11:19]}{value[19:26] if len(value) == 27 else '.000000'}"
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or not 1900 <= moment.year <= 9999:
        raise refuse(_at(place, name),
                     translate("import", "not a time in ISO 8601 with its zone (2026-05-01T08:00:00Z)"))
    return moment.astimezone(dt.UTC).strftime(STORED_TIME)


def _clock(value: Any, place: str, name: str) -> Any:
    try:
        moment = dt.time.fromisoformat(value) if isinstance(value, str) and len(value) <= 8 else None
    except ValueError:
        moment = None
    if moment is None:
        raise refuse(_at(place, name), translate("import", "not a time of day (20:00)"))
    return moment.strftime("%H:%M:%S.%f")


def _int(value: Any, place: str, name: str) -> Any:
    if type(value) is not int or not -INT_MAX - 1 <= value <= INT_MAX:
        raise refuse(_at(place, name), translate("import", "a whole number expected"))
    return value


def _bool(value: Any, place: str, name: str) -> Any:
    if type(value) is not bool:
        raise refuse(_at(place, name), translate("import", "true or false expected"))
    return int(value)


def _json_object(value: Any, place: str, name: str) -> Any:
    """Checked, and left an object: :func:`to_stored` makes it text when it is written (most are not, again)."""
    if not isinstance(value, dict):
        raise refuse(_at(place, name), translate("import", "an object expected"))
    return value


def _choice(values: tuple[str, ...]) -> Convert:
    def convert(value: Any, place: str, name: str) -> Any:
        if type(value) is str and value in values:
            return value
        if value not in values:
            raise refuse(_at(place, name),
                         translate("import", "one of {values} expected").format(values=", ".join(values)))
        return value
    return convert


def _converter(column: Any) -> Convert:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _time
    if isinstance(kind, Time):
        return _clock
    if isinstance(kind, Enum):
        return _choice(tuple(str(e) for e in kind.enums))
    if isinstance(kind, Boolean):
        return _bool
    if isinstance(kind, Integer):
        return _int
    if isinstance(kind, JSON):
        return _json_object
    if isinstance(kind, Text):
        return _text(NOTE_MAX)
    if isinstance(kind, String):
        return _text(int(kind.length or NOTE_MAX))
    return _uuid  # the Uuid type


_MISSING = object()


@dataclass(frozen=True)
class Field:
    name: str
    convert: Convert
    nullable: bool

    @property
    def json(self) -> bool:
        return self.convert is _json_object


def fields_of(model: type[Base], *, skip: tuple[str, ...] = ()) -> dict[str, Field]:
    return {
        attr.key: Field(attr.key, _converter(attr.columns[0]), bool(attr.columns[0].nullable))
        for attr in sa_inspect(model).column_attrs if attr.key not in skip
    }


def to_stored(fields: dict[str, Field], row: dict[str, Any]) -> dict[str, Any]:
    """A converted row made ready to write: its JSON fields as the text SQLAlchemy's JSON type stores."""
    for name, field in fields.items():
        if field.json and isinstance(row.get(name), dict):
            row[name] = json.dumps(row[name])
    return row


def convert(fields: dict[str, Field], record: Any, place: str, *, optional: tuple[str, ...] = (),
            extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record's stored values by column; ``extra`` fields are passed through for the caller to check."""
    if not isinstance(record, dict):
        raise refuse(place, translate("import", "an object expected"))
    if not record.keys() <= fields.keys():  # the common case (no unknown field, no list) costs one set test
        unknown = [k for k in record if k not in fields and k not in extra]
        if unknown:
            raise refuse(f"{place}.{unknown[0]}", translate("import", "not a field of this record"))
    out: dict[str, Any] = {}
    for name, field in fields.items():
        value = record.get(name, _MISSING)
        if value is None:
            if not field.nullable:
                raise refuse(f"{place}.{name}", translate("import", "may not be empty (null)"))
            out[name] = None
        elif value is _MISSING:
            if name in optional:
                continue
            raise refuse(f"{place}.{name}", translate("import", "missing"))
        else:
            out[name] = field.convert(value, place, name)
    for name in extra:
        if name in record:
            out[name] = record[name]
    return out


def url_key(url: str | None) -> str | None:
    """The deal's duplicate-finding key, made again from its link (the export leaves it out)."""
    if not url:
        return None
    try:
        return normalise_url(url)
    except InvalidInput:
        return None


WINDOW_FIELDS = fields_of(ActivityWindow, skip=("group_id",))
TIER_FIELDS = fields_of(PriceTier, skip=("deal_id",))
PROFILE_FIELDS = fields_of(Profile)
PRESET_FIELDS = fields_of(SharePreset)
EXPORT_FIELDS = fields_of(ExportAudit)
IMAGE_FIELDS = {**fields_of(Image), "data": Field("data", _text((IMAGE_BYTES_MAX + 2) // 3 * 4), False)}


def clean_picture(row: dict[str, Any], place: str) -> None:
    """An imported picture decoded from base64 and cleaned again (an import file is hostile: it may hold anything a
    picture brought in may not, or claim another type or size; :func:`app.images.clean_again`): the row takes the
    clean bytes and their true type and size. Refused with its place when it is not a picture the app takes."""
    try:
        raw = base64.b64decode(row["data"], validate=True)
    except (binascii.Error, ValueError):
        raise refuse(f"{place}.data", translate("import", "not base64")) from None
    try:
        from app.images import clean_again  # Pillow only for a file that holds pictures

        picture = clean_again(raw)
    except InvalidInput as exc:
        raise refuse(f"{place}.data", exc.message) from None
    row.update(mime=picture.mime, width=picture.width, height=picture.height, data=picture.data)
