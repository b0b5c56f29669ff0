"""The files every process maps (csx/search/mapped.py): of several processes writing the same
rows at once, as the web workers do after the index changed, all map the first one's file."""

import numpy as np
import pytest

from csx.search.mapped import read_mapped, write_mapped

# What this checks happens outside the database (marker outside_the_database): one CI pass only.
pytestmark = pytest.mark.outside_the_database

ROWS = np.arange(12, dtype=np.float32).reshape(3, 4)


def test_a_second_writer_of_the_same_rows_maps_the_first_ones_file(tmp_path):
    path = tmp_path / "matrix.npy"
    write_mapped(path, ROWS, np.float32)
    first = path.stat().st_ino
    second = write_mapped(path, ROWS, np.float32)
    # One file, the first's: the second maps it rather than putting its own copy in place.
    assert (path.stat().st_ino, [p.name for p in tmp_path.iterdir()]) == (first, ["matrix.npy"])
    assert np.array_equal(second, ROWS)


def test_other_rows_under_the_same_name_replace_the_file(tmp_path):
    path = tmp_path / "matrix.npy"
    write_mapped(path, ROWS, np.float32)
    fewer = write_mapped(path, ROWS[:2], np.float32)
    assert fewer.shape == read_mapped(path).shape == (2, 4)
