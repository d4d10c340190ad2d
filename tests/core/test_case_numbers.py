"""Court case numbers (案号): accepted forms, normalisation to full-width, and the message for each faulty part."""

import pytest

from legalops.core.case_numbers import (
    CaseNumber,
    CaseNumberError,
    normalise_case_number,
    parse_case_number,
)
from legalops.core.clock import today

MISSING = "Enter the court case number, such as （2026）沪0101民初1234号."
BAD_YEAR = "A court case number starts with the four-digit year in parentheses, such as （2026）."
IMPLAUSIBLE_YEAR = "The year in the court case number is not plausible."
BAD_COURT = "After the year comes the court's code, a province abbreviation and digits such as 沪0101."
UNKNOWN_TYPE = ("Unknown case-type code after the court code; use one of 民初、民终、民特、民申、民再、"
                "民辖、执、执恢、执保、执异、执复、财保、督、破.")
NO_SEQUENCE = "The sequence number after the case-type code is missing."
NO_HAO = "A court case number ends with 号 right after the sequence number."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（2026）沪0101民初1234号", CaseNumber(2026, "沪0101", "民初", 1234)),
        ("(2026)沪0101民初1234号", CaseNumber(2026, "沪0101", "民初", 1234)),
        ("〔2025〕京02民终88号", CaseNumber(2025, "京02", "民终", 88)),
        ("（２０２４）粤０３执１２号", CaseNumber(2024, "粤03", "执", 12)),
        ("(2024)浙0106执恢7号", CaseNumber(2024, "浙0106", "执恢", 7)),
        ("(2024)苏0508执保301号", CaseNumber(2024, "苏0508", "执保", 301)),
        ("(2023)川01财保5号", CaseNumber(2023, "川01", "财保", 5)),
        ("(2026)鲁0202督19号", CaseNumber(2026, "鲁0202", "督", 19)),
        ("(2026)闽0203民特40号", CaseNumber(2026, "闽0203", "民特", 40)),
        ("(2022)最高法民申1001号", CaseNumber(2022, "最高法", "民申", 1001)),
        ("(2021)沪民再3号", CaseNumber(2021, "沪", "民再", 3)),
        (" ( 2026 ) 沪0101 民初 1234 号 ", CaseNumber(2026, "沪0101", "民初", 1234)),
    ],
)
def test_good_forms_parse_into_their_parts(raw, expected):
    assert parse_case_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("(2026)沪0101民初1234号", "（2026）沪0101民初1234号"),
        ("（2026）沪0101民初1234号", "（2026）沪0101民初1234号"),
        ("〔2025〕京02民终88号", "（2025）京02民终88号"),
        ("（２０２４）粤０３执恢１２号", "（2024）粤03执恢12号"),
        ("(2024)浙0106执保0007号", "（2024）浙0106执保7号"),
    ],
)
def test_normalisation_uses_full_width_parentheses_and_ascii_digits(raw, normalised):
    assert normalise_case_number(raw) == normalised
    assert parse_case_number(raw).normalised == normalised


def test_enforcement_resumption_is_not_read_as_plain_enforcement():
    assert parse_case_number("(2024)浙0106执恢7号").case_type == "执恢"
    assert parse_case_number("(2024)浙0106执7号").case_type == "执"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (None, MISSING),
        ("", MISSING),
        ("   ", MISSING),
        ("沪0101民初1234号", BAD_YEAR),
        ("(26)沪0101民初1234号", BAD_YEAR),
        ("2026沪0101民初1234号", BAD_YEAR),
        ("(1989)沪0101民初1234号", IMPLAUSIBLE_YEAR),
        ("(2101)沪0101民初1234号", IMPLAUSIBLE_YEAR),
        ("(2026)0101民初1234号", BAD_COURT),
        ("(2026)上海0101民初1234号", BAD_COURT),
        ("(2026)沪0101刑初1234号", UNKNOWN_TYPE),
        ("(2026)沪0101民1234号", UNKNOWN_TYPE),
        ("(2026)沪0101民初号", NO_SEQUENCE),
        ("(2026)沪0101民初0号", NO_SEQUENCE),
        ("(2026)沪0101民初1234", NO_HAO),
        ("(2026)沪0101民初1234号之一", NO_HAO),
        ("(2026)沪0101民初12a34号", NO_HAO),
    ],
)
def test_each_faulty_part_gets_its_own_message(raw, message):
    with pytest.raises(CaseNumberError) as info:
        parse_case_number(raw)
    assert info.value.message == message
    assert str(info.value) == message
    assert info.value.params == {}


def test_boundary_years_are_accepted():
    next_year = today().year + 1
    assert parse_case_number("(1990)沪0101民初1号").year == 1990
    assert parse_case_number(f"({next_year})沪0101民初1号").year == next_year


def test_a_year_after_next_is_a_typo():
    with pytest.raises(CaseNumberError, match="not plausible"):
        parse_case_number(f"({today().year + 2})沪0101民初1号")


def test_case_number_error_is_a_value_error_for_pydantic_validators():
    with pytest.raises(ValueError, match="not plausible"):
        normalise_case_number("(1900)沪0101民初1号")
