"""A smoke test of the benchmark harness: it imports, and both load generators produce figures.
No figure is asserted on; the benchmark itself runs only by hand (`make bench`)."""

from __future__ import annotations

import pytest
from bench import contacts_paging, invoices, kassekladde, loadgen, run, vouchers
from bench.loadgen import Target


def test_arguments_have_the_documented_defaults() -> None:
    args = run.parse_arguments([])
    assert (args.seconds, args.connections, args.tool) == (10.0, 16, "auto")


def test_the_lua_script_chains_refresh_tokens() -> None:
    target = Target("refresh", "POST", "/connect/token", {"Authorization": "Basic x"},
                    "grant_type=refresh_token", refresh_tokens=("one", "two"))  # fmt: skip
    script = loadgen.lua_script(target)
    assert 'wrk.headers["Authorization"] = "Basic x"' in script
    assert 'local tokens = {"one", "two"}' in script
    assert "function response(status, headers, body)" in script
    assert "function done(summary, latency, requests)" in script


@pytest.mark.parametrize("tool", ["python", "wrk"])
def test_a_load_generator_counts_requests(live_server: str, tool: str) -> None:
    if tool == "wrk" and loadgen.wrk_path() is None:
        pytest.skip("wrk is not installed")
    figures = loadgen.run(
        tool, live_server, Target("healthz", "GET", "/healthz"), seconds=1, connections=2, threads=1
    )
    assert figures.requests > 0
    assert figures.non_2xx == 0 and figures.errors == 0
    assert figures.p50_ms <= figures.p90_ms <= figures.p99_ms


def test_non_2xx_responses_are_counted(live_server: str) -> None:
    figures = loadgen.run_python(
        live_server, Target("missing", "GET", "/no/such/page"), seconds=0.3, connections=1
    )
    assert figures.requests > 0
    assert figures.non_2xx == figures.requests


def test_the_contact_paging_benchmark_runs_at_a_tiny_size(
    capsys: pytest.CaptureFixture[str],
) -> None:
    medians = contacts_paging.main(["--contacts", "250", "--repetitions", "1"])
    assert set(medians) == {0, 2}
    output = capsys.readouterr().out
    assert "100 of 249 matching" in output and "49 of 249 matching" in output
    assert "page 2 takes" in output


def test_the_voucher_benchmark_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["--seconds", "0.5", "--rounds", "1", "--warmup", "0", "--connections", "1"]
    figures = vouchers.main([*arguments, "--redis", "none"])
    for flow in figures.values():
        assert flow.requests > 0 and flow.non_2xx == 0 and flow.errors == 0
    assert len(figures) == 2
    assert "Journal entries per booked voucher: (a) 6, (b) 6." in capsys.readouterr().out


def test_the_kassekladde_benchmark_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    medians = kassekladde.main(["--lines", "5", "--repetitions", "1", "--redis", "none"])
    assert set(medians) == {"raw", "add", "book", "total"}
    assert medians["total"] >= medians["add"] > 0
    assert "(b) takes" in capsys.readouterr().out


def test_the_invoice_benchmark_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["--seconds", "0.5", "--rounds", "1", "--warmup", "0", "--connections", "1"]
    figures = invoices.main([*arguments, "--pdf-repetitions", "1", "--redis", "none"])
    for flow in figures.values():
        assert flow.requests > 0 and flow.non_2xx == 0 and flow.errors == 0
    assert len(figures) == 2
    output = capsys.readouterr().out
    # Sales with VAT, sales without VAT, output VAT and the customer's receivable.
    assert "Journal entries per booked invoice of (b): 4." in output
    assert "PDF of the booked 10-line invoice: median" in output or "PDF: skipped" in output


def test_run_hands_a_named_benchmark_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    run.main(["invoices", "--seconds", "0.3", "--rounds", "1", "--warmup", "0",
              "--connections", "1", "--pdf-repetitions", "1", "--redis", "none"])  # fmt: skip
    assert "bilag benchmark: booked 10-line invoices" in capsys.readouterr().out


def test_the_pdf_figure_is_the_median_of_the_timed_requests(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert invoices.print_pdf(([0.010, 0.030, 0.020], 2048)) == 0.020
    assert "median 20.0 ms over 3 requests" in capsys.readouterr().out
    assert invoices.print_pdf("HTTP 406 application/json") is None
    assert "skipped, the server answers" in capsys.readouterr().out
