"""Arrays kept in files that every process maps read-only (numpy's memmap): the operating
system holds one copy for all the web workers, and a process's resident memory counts only
the pages it has touched (docs/performance.md, "Memory at 50,000 stories")."""

import contextlib
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
    linked into place, so no process ever maps half a file; and linked, not renamed, so that
    of several processes writing the same rows at once (the web workers after the index
    changed) the first to finish names the file and every one maps that one: a rename would
    have put each one's own copy in place in turn, each still mapping its own (five workers,
    five private copies of a 56 MB matrix at 50,000 stories)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.npy")
    out = np.lib.format.open_memmap(partial, mode="w+", dtype=dtype, shape=rows.shape)
    for start in range(0, len(rows), BLOCK):
        out[start : start + BLOCK] = rows[start : start + BLOCK]
    out.flush()
    del out  # closes the map before the link
    try:
        os.link(partial, path)
    except FileExistsError:
        with contextlib.suppress(OSError, ValueError):
            found = read_mapped(path)
            if found.shape == rows.shape and found.dtype == dtype:
                return found  # another process's, the same rows: map that one
        os.replace(partial, path)  # what is there is not these rows: replace it
    except OSError:  # a file system without hard links: the last to finish names it
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return read_mapped(path)
