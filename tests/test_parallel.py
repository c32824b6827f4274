"""Parallel builds give the same output as serial ones."""

from __future__ import annotations

from .helpers import copy_root, serial_and_parallel, warning_lines
from .test_incremental import assert_same_output, output_files


def test_parallel_build_equals_serial_build(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    serial, parallel = serial_and_parallel(srcdir, tmp_path)
    assert warning_lines(parallel) == warning_lines(serial) == []
    assert output_files(parallel.outdir) == output_files(serial.outdir)
    assert_same_output(parallel.outdir, serial.outdir)
    # what the parallel processes collected reached the main one
    assert parallel.env.callposts.listings.keys() == serial.env.callposts.listings.keys()
    assert (parallel.outdir / "calls/atom.xml").is_file()
    assert (parallel.outdir / "old/2024/03/release/index.html").is_file()
