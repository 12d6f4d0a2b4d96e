"""A smoke test of the entries memory benchmark at a tiny size: a real `bilag serve` answers
every inserted posting. No figure is asserted on; the benchmark itself runs only by hand."""

from __future__ import annotations

from bench import entries_memory


def test_the_harness_streams_every_posting_and_reads_the_peak() -> None:
    args = entries_memory.parse_arguments([])
    assert (args.postings, args.baseline) == (1_000_000, 10_000)
    measured = entries_memory.measure(30)
    assert (measured.postings, measured.entries_read) == (30, 30)
    assert measured.body_bytes > 30 * 100 and measured.peak_rss_kib > 0
