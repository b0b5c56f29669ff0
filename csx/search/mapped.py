"""Arrays kept in files that every process maps read-only (numpy's memmap): the operating
system holds one copy for all the web workers, and a process's resident memory counts only
the pages it has touched (docs/performance.md, "Memory at 50,000 stories")."""

import os
import threading

import numpy as np

BLOCK = 4096  # rows converted at a time: no second copy of a 50 MB array


def read_mapped(path):
    """The array in the file at `path`, mapped read-only (OSError or ValueError if there is
    none, or only part of one)."""
    return np.load(path, mmap_mode="r")


def write_mapped(path, rows, dtype):
    """`rows` as `dtype` in the file at `path`, mapped read-only. Written beside it and
    renamed into place, so no process ever maps half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.npy")
    out = np.lib.format.open_memmap(partial, mode="w+", dtype=dtype, shape=rows.shape)
    for start in range(0, len(rows), BLOCK):
        out[start : start + BLOCK] = rows[start : start + BLOCK]
    out.flush()
    del out  # closes the map before the rename
    os.replace(partial, path)
    return read_mapped(path)
