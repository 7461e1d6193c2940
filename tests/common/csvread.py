#!/usr/bin/env python3
"""csvread.py - read CSV files through libcsv (via ctypes), independently
of vmux's own code, for the tests that check what vmux writes.

libcsv with default options trims spaces and tabs around unquoted fields,
as vmux's ingest does: a name that starts or ends with a blank survives
only if it was quoted. The python csv module (which keeps them) is used as
a second reader; both must agree.

  python3 csvread.py FILE          prints each row as a JSON list
"""
import csv
import ctypes
import json
import sys

_lib = None


def _libcsv():
    global _lib
    if _lib is None:
        _lib = ctypes.CDLL("libcsv.so.3")
    return _lib


FIELD_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t,
                            ctypes.c_void_p)
ROW_CB = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p)


def read_libcsv(path):
    """The rows of PATH as lists of str, as libcsv splits them."""
    lib = _libcsv()
    parser = ctypes.create_string_buffer(1024)  # struct csv_parser, roomy
    if lib.csv_init(parser, ctypes.c_ubyte(0)) != 0:
        raise RuntimeError("csv_init failed")
    rows, row = [], []

    def on_field(s, n, _):
        row.append(ctypes.string_at(s, n).decode() if s else "")

    def on_row(_c, _):
        rows.append(list(row))
        row.clear()

    fcb, rcb = FIELD_CB(on_field), ROW_CB(on_row)
    with open(path, "rb") as f:
        data = f.read()
    lib.csv_parse.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                              ctypes.c_size_t, FIELD_CB, ROW_CB,
                              ctypes.c_void_p]
    lib.csv_parse.restype = ctypes.c_size_t
    lib.csv_fini.argtypes = [ctypes.c_void_p, FIELD_CB, ROW_CB,
                             ctypes.c_void_p]
    if lib.csv_parse(parser, data, len(data), fcb, rcb, None) != len(data):
        raise ValueError(f"{path}: libcsv cannot parse it")
    lib.csv_fini(parser, fcb, rcb, None)
    lib.csv_free(parser)
    return rows


def read_python(path):
    with open(path, newline="") as f:
        return [r for r in csv.reader(f, strict=True)]


def read(path):
    """Rows read by both readers, which must agree; every row as long as
    the header."""
    a, b = read_libcsv(path), read_python(path)
    if a != b:
        raise ValueError(f"{path}: libcsv and python read different rows:"
                         f" {a[:3]} / {b[:3]}")
    for i, r in enumerate(a):
        if len(r) != len(a[0]):
            raise ValueError(f"{path}: row {i + 1} has {len(r)} fields, "
                             f"the header {len(a[0])}")
    return a


def column(path, name):
    rows = read(path)
    j = rows[0].index(name)
    return [r[j] for r in rows[1:]]


if __name__ == "__main__":
    for r in read(sys.argv[1]):
        print(json.dumps(r))
