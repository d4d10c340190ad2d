"""The disposal rules without a database: inquiry averages, validity, round checks, next steps, distribution."""

import datetime as dt
from decimal import Decimal as D

import pytest

from legalops.core.clock import CHINA
from legalops.disposal import pricing
from legalops.disposal.checks import RoundInput, asset_class, check_round
from legalops.disposal.distribution import Claimant, distribute
from legalops.disposal.proposals import EndedRound, propose


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=CHINA)


# --- reference prices ---------------------------------------------------------------------------------------------

def test_online_average_counts_only_platforms_reporting_within_three_days():
    quotes = [("淘宝", D("1000000.00"), dt.date(2026, 3, 3)), ("京东", D("1100000.01"), dt.date(2026, 3, 4)),
              ("工行融e购", D("900000.00"), dt.date(2026, 3, 6))]
    average = pricing.online_average(quotes, dt.date(2026, 3, 1))
    assert average.value == D("1050000.01")  # (1,000,000 + 1,100,000.01) / 2, half-up to the fen
    assert average.counted == ["淘宝", "京东"] and average.late == ["工行融e购"]
    assert {c.article for c in average.citations} == {"第十一条", "第十三条"}


def test_online_average_uses_the_extension_when_nobody_reported_in_time():
    quotes = [("淘宝", D("800000.00"), dt.date(2026, 3, 6)), ("京东", D("800000.03"), dt.date(2026, 3, 8))]
    average = pricing.online_average(quotes, dt.date(2026, 3, 1))
    assert average.value == D("800000.00") and average.late == ["京东"]
    assert any("延长" in step for step in average.steps)
    failed = pricing.online_average([("淘宝", D("1.00"), dt.date(2026, 3, 9))], dt.date(2026, 3, 1))
    assert failed.value is None and any(c.article == "第十四条" for c in failed.citations)


def test_validity_is_one_year_with_six_months_grace_when_announced_in_time():
    v = pricing.validity(dt.date(2026, 3, 10))
    assert (v.expires_on, v.grace_until) == (dt.date(2027, 3, 10), dt.date(2027, 9, 10))
    assert v.citation.article == "第二十七条"
    assert pricing.is_usable(dt.date(2026, 3, 10), dt.date(2027, 3, 10))
    assert not pricing.is_usable(dt.date(2026, 3, 10), dt.date(2027, 3, 11))
    assert pricing.is_usable(dt.date(2026, 3, 10), dt.date(2027, 6, 1), first_announced_on=dt.date(2027, 2, 1))
    assert not pricing.is_usable(dt.date(2026, 3, 10), dt.date(2027, 9, 11), first_announced_on=dt.date(2027, 2, 1))
    assert not pricing.is_usable(dt.date(2026, 3, 10), dt.date(2027, 6, 1), first_announced_on=dt.date(2027, 4, 1))


def test_objection_period_is_five_days_rolled_off_rest_days():
    assert pricing.objection_due(dt.date(2026, 9, 21)) == (dt.date(2026, 9, 28), None)  # 26th-27th: Mid-Autumn
    assert pricing.objection_due(dt.date(2026, 3, 2)).due_on == dt.date(2026, 3, 9)  # Sat 7th → Mon 9th
    beyond = pricing.objection_due(dt.date(2027, 1, 28))  # no 2027 table: weekends only, and said so
    assert beyond.due_on == dt.date(2027, 2, 2) and "2027" in beyond.provisional_note


# --- round checks -------------------------------------------------------------------------------------------------

def online(**over) -> RoundInput:
    values = dict(mode="online", asset="real_estate", round_number=1, reserve=D("700000.00"), deposit=D("70000.00"),
                  announced_on=dt.date(2026, 11, 1), starts_at=at("2026-12-01"), ends_at=at("2026-12-02"),
                  reference=D("1000000.00"))
    values.update(over)
    return RoundInput(**values)


def codes(check) -> set[str]:
    return {v["code"] for v in check.violations}


def test_a_lawful_first_online_round_passes_with_its_figures():
    check = check_round(online())
    assert check.violations == []
    assert check.figures["min_reserve"] == "700000.00"
    assert (check.figures["deposit_min"], check.figures["deposit_max"]) == ("35000.00", "140000.00")
    assert check.figures["announce_by"] == "2026-11-01" and check.figures["notice_days"] == 30


def test_reserve_below_seventy_percent_of_the_reference_is_refused_with_article_10():
    check = check_round(online(reserve=D("699999.99"), deposit=D("70000.00")))
    [violation] = check.violations
    assert violation["code"] == "reserve" and violation["field"] == "reserve_price"
    assert "第十条" in violation["citation"] and violation["params"]["floor"] == "¥700,000.00"


@pytest.mark.parametrize("deposit", [D("34999.99"), D("140000.01")])
def test_online_deposit_outside_five_to_twenty_percent_is_refused(deposit):
    check = check_round(online(deposit=deposit))
    assert codes(check) == {"deposit"} and "第十七条" in check.violations[0]["citation"]


def test_announcement_shorter_than_thirty_days_for_real_estate_is_refused_fifteen_for_movables():
    late = check_round(online(announced_on=dt.date(2026, 11, 2)))
    assert codes(late) == {"notice"} and "第十二条" in late.violations[0]["citation"]
    movable = check_round(online(asset="movable", announced_on=dt.date(2026, 11, 16)))
    assert movable.violations == [] and movable.figures["notice_days"] == 15
    assert codes(check_round(online(asset="movable", announced_on=dt.date(2026, 11, 17)))) == {"notice"}


def test_second_online_round_may_drop_at_most_twenty_percent_and_needs_fifteen_days():
    second = online(round_number=2, previous_reserve=D("700000.00"), reserve=D("560000.00"), deposit=D("56000.00"),
                    announced_on=dt.date(2026, 11, 16))
    assert check_round(second).violations == []
    second.reserve, second.announced_on = D("559999.99"), dt.date(2026, 11, 17)
    check = check_round(second)
    assert codes(check) == {"reserve", "notice"}
    assert all("第二十六条" in v["citation"] for v in check.violations)


def test_online_bidding_under_24_hours_and_a_third_online_round_are_refused():
    assert codes(check_round(online(ends_at=at("2026-12-02", 9)))) == {"bidding"}
    third = check_round(online(round_number=3, previous_reserve=D("560000.00"), reserve=D("448000.00"),
                               deposit=D("44800.00")))
    assert "round" in codes(third)


def test_commissioned_first_round_reserve_is_the_appraisal_and_deposit_at_least_five_percent():
    base = dict(mode="commissioned", reserve=D("1000000.00"), deposit=D("50000.00"), announced_on=dt.date(2026, 11, 16))
    assert check_round(online(**base)).violations == []
    low = check_round(online(**dict(base, reserve=D("999999.99"), deposit=D("49999.99"))))
    assert codes(low) == {"reserve", "deposit"}
    assert {v["citation"].split("）")[-1] for v in low.violations} == {"第五条", "第十条"}
    assert codes(check_round(online(**dict(base, announced_on=dt.date(2026, 11, 17))))) == {"notice"}


def test_first_round_without_reference_price_is_refused():
    assert codes(check_round(online(reference=None))) == {"reference"}


def test_asset_class_treats_property_rights_as_real_estate():
    assert asset_class("vehicle") == asset_class("equipment") == "movable"
    assert asset_class("real_estate") == asset_class("equity") == "real_estate"


# --- next steps ---------------------------------------------------------------------------------------------------

def credited_up_to(claim: D):
    return lambda price: min(price, claim)


def ended(**over) -> EndedRound:
    values = dict(mode="online", asset="real_estate", round_number=1, reserve=D("700000.00"), deposit=D("70000.00"),
                  ended_on=dt.date(2026, 6, 2), status="failed", reference=D("1000000.00"))
    values.update(over)
    return EndedRound(**values)


def test_first_online_failure_proposes_reauction_within_30_days_and_in_lieu():
    steps = {p.kind: p for p in propose(ended(), credited_up_to(D("500000.00")))}
    assert set(steps) == {"in_lieu", "re_auction"}
    again = steps["re_auction"]
    assert again.price == D("560000.00") and again.title_params == {"round": 2}
    assert again.latest_start == dt.date(2026, 7, 2) and again.latest_announce == dt.date(2026, 6, 17)
    assert any("第二十六条" in c for c in again.citations) and again.provisional is None
    in_lieu = steps["in_lieu"]
    assert (in_lieu.price, in_lieu.difference) == (D("700000.00"), D("200000.00"))
    assert "第十六条" in in_lieu.citations[0]


def test_in_lieu_difference_is_zero_when_the_claim_absorbs_the_price():
    [in_lieu, _] = propose(ended(), credited_up_to(D("900000.00")))
    assert in_lieu.difference == D("0.00")


def test_reauction_date_beyond_the_holiday_table_is_provisional():
    again = propose(ended(ended_on=dt.date(2026, 12, 20)), credited_up_to(D("1")))[1]
    assert again.latest_start == dt.date(2027, 1, 19) and again.provisional and "2027" in again.provisional


def test_second_online_failure_proposes_sale_on_the_platform_in_lieu_or_release():
    steps = propose(ended(round_number=2, reserve=D("560000.00")), credited_up_to(D("1000000.00")))
    assert [p.kind for p in steps] == ["in_lieu", "sale", "release"]
    assert steps[1].price == D("560000.00") and "第二十六条第二款" in steps[1].citations[0]
    assert steps[0].difference == D("0.00")


def test_commissioned_failures_follow_the_2020_provisions():
    first = propose(ended(mode="commissioned", reserve=D("1000000.00")), credited_up_to(D("0")))
    assert [p.kind for p in first] == ["in_lieu", "re_auction"]
    assert first[1].latest_start == dt.date(2026, 8, 3)  # 60 days → Sat 1 Aug, rolled to Monday
    assert first[1].price == D("800000.00") and "第二十三条" in first[1].citations[0]
    movable = propose(ended(mode="commissioned", asset="movable", round_number=2), credited_up_to(D("0")))
    assert [p.kind for p in movable] == ["in_lieu", "release"] and "第二十四条" in movable[1].citations[0]
    second = propose(ended(mode="commissioned", round_number=2), credited_up_to(D("0")))
    assert [p.kind for p in second] == ["in_lieu", "re_auction"] and "第二十五条" in second[1].citations[0]
    third = propose(ended(mode="commissioned", round_number=3), credited_up_to(D("0")))
    assert [p.kind for p in third] == ["in_lieu", "sale", "release"]
    assert third[1].latest_announce == dt.date(2026, 6, 9)  # 7 days after the third auction ended


def test_buyer_default_forfeits_the_deposit_and_reauctions_the_same_round():
    forfeit, again = propose(ended(status="buyer_defaulted", round_number=2, reserve=D("560000.00"),
                                   deposit=D("56000.00")), credited_up_to(D("0")))
    assert (forfeit.kind, forfeit.price) == ("forfeit", D("56000.00")) and "第二十四条" in forfeit.citations[0]
    assert (again.kind, again.price, again.title_params) == ("re_auction", D("560000.00"), {"round": 2})


# --- distribution -------------------------------------------------------------------------------------------------

def test_distribution_pays_costs_then_ranks_then_our_unsecured_rest_then_the_owner():
    result = distribute(D("1000000.00"), D("12345.67"),
                        [Claimant("我方", 2, D("500000.00"), ours=True), Claimant("甲银行", 1, D("300000.00"))],
                        D("800000.00"))
    assert [(line["who"], line["amount"]) for line in result.lines] == [
        ("执行费用", D("12345.67")), ("甲银行", D("300000.00")), ("我方", D("500000.00")),
        ("我方剩余债权", D("187654.33")), ("财产所有人", D("0.00"))]
    assert result.ours == D("687654.33") and result.shortfall == D("112345.67")
    assert sum((line["amount"] for line in result.lines), D("0")) == D("1000000.00")


def test_equal_ranks_share_pro_rata_to_the_fen():
    result = distribute(D("100.00"), D("0"), [Claimant("我方", 1, D("200.00"), ours=True),
                                              Claimant("乙", 1, D("100.00"))], D("200.00"))
    # 100 × 2/3 = 66.666… and 100 × 1/3 = 33.333…: the leftover fen goes to the larger claim.
    assert result.ours == D("66.67") and result.lines[2]["amount"] == D("33.33")
    assert "第四百一十四条" in result.lines[1]["citation"]


def test_a_senior_encumbrance_above_the_price_leaves_us_nothing():
    result = distribute(D("500000.00"), D("5000.00"), [Claimant("我方", 2, D("400000.00"), ours=True),
                                                      Claimant("甲银行", 1, D("600000.00"))], D("400000.00"))
    assert result.ours == D("0.00") and result.shortfall == D("400000.00")
    assert result.lines[1]["amount"] == D("495000.00") and result.surplus == D("0.00")


def test_statutory_priority_comes_before_first_ranking_mortgages_and_surplus_goes_to_owner():
    result = distribute(D("900000.00"), D("0"), [Claimant("我方", 1, D("300000.00"), ours=True),
                                                 Claimant("建筑公司", 5, D("100000.00"), kind="statutory_priority")],
                        D("300000.00"))
    assert [line["who"] for line in result.lines[1:3]] == ["建筑公司", "我方"]
    assert result.ours == D("300000.00") and result.surplus == D("500000.00")


def test_proposal_and_round_check_agree_on_the_latest_announcement():
    # 60 days after 2 June → Sat 1 Aug, rolled to Mon 3 Aug (last day of a period); the 15 days' notice counts
    # calendar days back from the auction and is not rolled: Sun 19 Jul, the date the round check accepts.
    again = propose(ended(mode="commissioned", reserve=D("1000000.00")), credited_up_to(D("0")))[1]
    assert (again.latest_start, again.latest_announce) == (dt.date(2026, 8, 3), dt.date(2026, 7, 19))
    nxt = online(mode="commissioned", round_number=2, previous_reserve=D("1000000.00"), reserve=D("800000.00"),
                 deposit=D("80000.00"), starts_at=at(again.latest_start.isoformat()),
                 ends_at=at(again.latest_start.isoformat(), 16), announced_on=again.latest_announce)
    check = check_round(nxt)
    assert "notice" not in codes(check) and check.figures["announce_by"] == again.latest_announce.isoformat()
    nxt.announced_on = again.latest_announce + dt.timedelta(days=1)
    assert "notice" in codes(check_round(nxt))


def test_latest_dates_already_past_are_flagged():
    def passed(on):
        return {p.kind: p.passed for p in propose(ended(), credited_up_to(D("500000.00")), on)}

    assert passed(dt.date(2026, 6, 17)) == {"in_lieu": [], "re_auction": []}  # the last day itself is still in time
    assert passed(dt.date(2026, 6, 18)) == {"in_lieu": [], "re_auction": ["latest_announce"]}
    assert passed(dt.date(2026, 7, 3)) == {"in_lieu": [], "re_auction": ["latest_announce", "latest_start"]}
    sale = propose(ended(mode="commissioned", round_number=3), credited_up_to(D("0")), dt.date(2026, 6, 10))[1]
    assert (sale.kind, sale.passed) == ("sale", ["latest_announce"])
