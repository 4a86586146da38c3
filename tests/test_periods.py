"""Validity periods: the CSV column ``valid``'s syntax, its meaning, and what is refused."""

from datetime import date

import pytest

from glossary.records import TermEntry, TermStatus, ValidityPeriod, format_periods, parse_periods


@pytest.mark.parametrize(
    ("written", "start", "end", "shortest"),
    [
        pytest.param("2019-03-20/2022-09-17", date(2019, 3, 20), date(2022, 9, 17), "2019-03-20/2022-09-17", id="days"),
        pytest.param("/1993", None, date(1993, 12, 31), "/1993", id="open-start-year-end"),
        pytest.param("1935/1989", date(1935, 1, 1), date(1989, 12, 31), "1935/1989", id="years"),
        pytest.param("1998-05-06/", date(1998, 5, 6), None, "1998-05-06/", id="open-end"),
        pytest.param("2024-02/2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02/2024-02", id="month-of-a-leap-year"),
        pytest.param(" 1992-01-01 / 1998-12-31 ", date(1992, 1, 1), date(1998, 12, 31), "1992/1998", id="spaces-and-whole-years"),
    ],
)
def test_a_period_reads_as_its_first_and_last_day_and_writes_back_shortest(written, start, end, shortest):
    period = ValidityPeriod.parse(written)
    assert (period.start, period.end) == (start, end)
    assert str(period) == shortest
    assert ValidityPeriod.parse(str(period)) == period


@pytest.mark.parametrize(
    ("written", "message"),
    [
        pytest.param("2022/2019", "the period '2022/2019' ends before it starts", id="ends-before-start"),
        pytest.param("2019-13/", "malformed date '2019-13': no such month", id="no-such-month"),
        pytest.param("2019-02-29/", "malformed date '2019-02-29': no such day", id="no-such-day"),
        pytest.param("19/20", "malformed date '19': use YYYY, YYYY-MM or YYYY-MM-DD", id="two-digit-years"),
        pytest.param("20.03.2019/", "malformed date '20.03.2019': use YYYY, YYYY-MM or YYYY-MM-DD", id="dotted-date"),
        pytest.param("2019", "malformed period '2019': write START/END", id="no-slash"),
        pytest.param("/", "malformed period '/': give a start, an end or both", id="both-open"),
        pytest.param("1990/2000;1995/", "the periods '1990/2000' and '1995/' overlap; periods of one term must not", id="overlap"),
        pytest.param("/1993;1993-06/", "the periods '/1993' and '1993-06/' overlap", id="overlap-inside-a-year"),
    ],
)
def test_bad_periods_are_refused_with_what_is_wrong(written, message):
    with pytest.raises(ValueError) as caught:
        parse_periods(written)
    assert str(caught.value).startswith(message)


def test_several_periods_are_kept_in_order_and_may_touch():
    periods = parse_periods("2022-09-17/;1998-05-06/2019-03-19")
    assert format_periods(periods) == "1998-05-06/2019-03-19;2022-09-17/"
    assert parse_periods("1935/1989;1990/") == (ValidityPeriod(date(1935, 1, 1), date(1989, 12, 31)),
                                               ValidityPeriod(date(1990, 1, 1), None))
    assert parse_periods("") == parse_periods(" ; ") == ()


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        pytest.param(date(1998, 5, 5), False, id="day-before-the-first"),
        pytest.param(date(1998, 5, 6), True, id="first-day"),
        pytest.param(date(2019, 3, 19), True, id="last-day-of-the-first"),
        pytest.param(date(2020, 6, 1), False, id="between-the-two"),
        pytest.param(date(2030, 1, 1), True, id="open-end"),
    ],
)
def test_a_term_is_valid_inside_its_periods_both_days_included(day, valid):
    astana = TermEntry("en", "Astana", TermStatus.PREFERRED, periods=parse_periods("1998-05-06/2019-03-19;2022-09-17/"))
    assert astana.valid_on(day) is valid


def test_a_term_without_periods_is_always_valid():
    assert TermEntry("en", "Fuzuli", TermStatus.PREFERRED).valid_on(date(1900, 1, 1))


@pytest.mark.parametrize(
    ("written", "described"),
    [
        pytest.param("2019-03-20/2022-09-17", "2019-03-20 to 2022-09-17", id="closed"),
        pytest.param("/1993", "until 1993", id="open-start"),
        pytest.param("1998-05-06/", "since 1998-05-06", id="open-end"),
    ],
)
def test_periods_read_as_words(written, described):
    assert ValidityPeriod.parse(written).describe() == described
