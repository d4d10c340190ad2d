"""The `calc` click command: JSON in (literal, @file, stdin), JSON out, exit code 2 on bad input."""

import json

from click.testing import CliRunner

from legalops.assessment.cli import calc


def run(*args, stdin=None):
    return CliRunner().invoke(calc, list(args), input=stdin)


def test_prints_outputs_steps_and_citation():
    result = run("acceptance-fee", "--input", '{"claim_amount": "150,000"}')
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["fee"] == "3300.00" and data["fee_exact"] == "3300.00"
    assert data["steps"][1] == "10,000 元以下部分：50 元"
    assert data["citation"][0] == {"instrument": "诉讼费用交纳办法", "version": "国务院令第481号 2007-04-01",
                                   "article": "第十三条第（一）项"}
    assert data["conventions"][0]["setting"] == "rounding"


def test_input_from_file_and_stdin(tmp_path):
    path = tmp_path / "in.json"
    path.write_text('{"preserved_amount": "1234.56"}', encoding="utf-8")
    assert json.loads(run("preservation-fee", "--input", f"@{path}").stdout)["fee"] == "32.35"
    from_stdin = run("enforcement-fee", "--input", "-", stdin='{"enforced_amount": "123456789.12"}')
    assert json.loads(from_stdin.stdout)["fee"] == "190856.79"


def test_json_numbers_are_read_exactly_not_as_floats():
    result = run("payment-order-fee", "--input", '{"claim_amount": 99999.99}')
    assert result.exit_code == 0
    assert json.loads(result.stdout)["fee"] == "766.67"


def test_settings_option_changes_the_convention():
    result = run("acceptance-fee", "--input", '{"claim_amount": "123456789.12"}', "--settings", '{"rounding": "1"}')
    assert json.loads(result.stdout)["fee"] == "659084.00"
    bad = run("acceptance-fee", "--input", '{"claim_amount": "1"}', "--settings", '{"rounding": "0.5"}')
    assert bad.exit_code == 2 and "settings" in bad.stderr


def test_bad_input_exits_2_with_one_line_naming_the_field():
    result = run("acceptance-fee", "--input", '{"claim_amount": "abc"}')
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "claim_amount" in lines[0]


def test_missing_nested_field_and_unknown_calculator():
    result = run("limitation-expiry", "--input", '{"loan_due_date": "2023-01-01", "interruptions": [{"kind": "demand"}]}')
    assert result.exit_code == 2 and "interruptions[0].date" in result.stderr
    unknown = run("no-such-calc", "--input", "{}")
    assert unknown.exit_code == 2 and "name" in unknown.stderr
    broken = run("lpr", "--input", "{not json")
    assert broken.exit_code == 2 and "input" in broken.stderr
    missing_file = run("lpr", "--input", "@/nonexistent/in.json")
    assert missing_file.exit_code == 2 and "input" in missing_file.stderr


def test_missing_calendar_year_is_a_clean_error():
    result = run("appeal-deadline", "--input", '{"document": "judgment", "served_on": "2027-05-01"}')
    assert result.exit_code == 2 and "served_on" in result.stderr and "2027.json" in result.stderr


def test_list_describes_every_calculator():
    result = run("--list")
    data = json.loads(result.stdout)
    assert len(data) == 15
    assert {f["name"] for f in data["auction-floors"]} >= {"mode", "asset", "round", "reference_price"}
    # The schemas hold English msgids for the web page; the CLI keeps its Chinese labels.
    labels = {f["name"]: f["label"] for f in data["limitation-expiry"]}
    assert labels == {"loan_due_date": "借款到期日", "interruptions": "诉讼时效中断事由"}
    assert run().exit_code == 2
