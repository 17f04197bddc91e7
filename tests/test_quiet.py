import datetime as dt

from app.quiet import in_quiet_hours, parse_time


def test_span_over_midnight_wraps() -> None:
    start, end = dt.time(22, 30), dt.time(8, 0)
    assert in_quiet_hours(dt.time(23, 0), start, end)
    assert in_quiet_hours(dt.time(7, 59), start, end)
    assert not in_quiet_hours(dt.time(8, 0), start, end)
    assert not in_quiet_hours(dt.time(12, 0), start, end)


def test_span_within_a_day_and_empty_span() -> None:
    assert in_quiet_hours(dt.time(13, 0), dt.time(12, 0), dt.time(14, 0))
    assert not in_quiet_hours(dt.time(14, 0), dt.time(12, 0), dt.time(14, 0))
    assert not in_quiet_hours(dt.time(3, 0), dt.time(9, 0), dt.time(9, 0))


def test_bad_stored_time_falls_back() -> None:
    assert parse_time("25:99", dt.time(1, 2)) == dt.time(1, 2)
    assert parse_time("07:05", dt.time(1, 2)) == dt.time(7, 5)
