#!/usr/bin/python3
"""Writes the small .npy/.npz/.mat test fixtures of tests/TabularOd.Tests/Fixtures/{npy,mat}.

Run with the Debian Python (it has numpy and scipy):  /usr/bin/python3 benchmarks/peers/make_npy_fixtures.py
The files are committed; rerun only to change them. NumPy and SciPy write the ordinary cases; the cases they
cannot produce (narrowed MAT storage, big-endian MAT, a v7.3 header, damaged files) are written byte by byte.
"""

import io
import os
import struct
import zipfile

import numpy as np
import scipy.io
import scipy.sparse

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "TabularOd.Tests", "Fixtures")
NPY = os.path.join(FIXTURES, "npy")
MAT = os.path.join(FIXTURES, "mat")

# The reference table every dtype fixture holds (cast to the dtype): 3 rows x 2 columns.
TABLE = np.array([[1, -2], [3, 4], [5, 6]])
UNSIGNED_TABLE = np.array([[1, 2], [3, 4], [5, 6]])
BOOL_TABLE = np.array([[True, False], [False, True], [True, True]])


def npy(name, array, version=None):
    with open(os.path.join(NPY, name), "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=True)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def raw(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def write_dtype_fixtures():
    for code in ["<f8", "<f4", "<f2", "<i8", "<i4", "<i2", "|i1"]:
        npy(f"{code[1:]}_c.npy", np.ascontiguousarray(TABLE.astype(code)))
    for code in ["|u1", "<u2", "<u4", "<u8"]:
        npy(f"{code[1:]}_c.npy", np.ascontiguousarray(UNSIGNED_TABLE.astype(code)))
    npy("b1_c.npy", np.ascontiguousarray(BOOL_TABLE))
    # Fortran order: same logical values, column-major bytes.
    npy("f8_f.npy", np.asfortranarray(TABLE.astype("<f8")))
    npy("i2_f.npy", np.asfortranarray(TABLE.astype("<i2")))
    npy("u1_f.npy", np.asfortranarray(UNSIGNED_TABLE.astype("|u1")))
    # Big-endian variants.
    npy("f8_be.npy", np.ascontiguousarray(TABLE.astype(">f8")))
    npy("i4_be_f.npy", np.asfortranarray(TABLE.astype(">i4")))
    # Header versions 2.0 and 3.0.
    npy("f8_v2.npy", TABLE.astype("<f8"), version=(2, 0))
    npy("f8_v3.npy", TABLE.astype("<f8"), version=(3, 0))
    # A Fortran matrix larger than one 32 x 32 transpose block, with sides that are not multiples of it.
    rows, cols = 67, 35
    big = np.arange(rows)[:, None] * 1000.0 + np.arange(cols)[None, :]
    npy("f8_f_67x35.npy", np.asfortranarray(big))
    # Arrays that are not tables: read by the array reader, refused as a dataset.
    npy("strings_le.npy", np.array(["a", "héllo", "\U0001F642x", ""], dtype="<U6"))
    npy("strings_be.npy", np.array(["a", "héllo", "\U0001F642x", ""], dtype=">U6"))
    npy("bytes.npy", np.array([b"ab", b"c", b""], dtype="|S3"))
    npy("scalar_f8.npy", np.array(2.5))
    npy("scalar_str.npy", np.array("ovo"))
    npy("vector_i8.npy", np.array([3, 1, 2], dtype="<i8"))
    npy("empty_f8.npy", np.zeros((0, 3)))


def write_npy_error_fixtures():
    good = npy_bytes(TABLE.astype("<f8"))
    raw(NPY, "bad_magic.npy", b"\x93NUMPZ" + good[6:])
    header = b"{'descr': '<f8' 'fortran_order': False, 'shape': (3, 2), }"
    header = header + b" " * (64 - 10 - len(header) - 1) + b"\n"
    raw(NPY, "bad_header.npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + good[64:])
    raw(NPY, "truncated.npy", good[: len(good) - 12])
    npy("complex.npy", np.ones((2, 2), dtype="<c16"))
    npy("datetime.npy", np.array([["2024-01-01"]], dtype="<M8[D]"))
    npy("object.npy", np.array([[1, "a"]], dtype=object))
    npy("three_d.npy", np.zeros((2, 2, 2)))
    npy("structured.npy", np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]))


def macrodata_arrays(feature_dtype):
    train = np.array([[1.5, 2, 3], [4, 5, 6], [7, 8, 9.25], [10, 11, 12]]).astype(feature_dtype)
    test = np.array([[1, 2, 3], [40, 50, 60], [7, 8, 9]]).astype(feature_dtype)
    return dict(
        train=train,
        train_groups=np.array([0.0, 0, 1, 1]),
        train_labels=np.zeros(4, dtype="<i8"),
        test=test,
        test_groups=np.array([0.0, 1, 1]),
        test_labels=np.array([0, 1, 0], dtype="<i8"),
        dataset_type=np.array("ovo"),
        anomaly_count=np.array(1, dtype="<i8"),
        normal_count=np.array(6, dtype="<i8"),
        anomaly_fraction=np.array(1 / 7),
        feature_names=np.array(["alpha", "beta", "gamma"]),
        tags=np.array(["low_dimensional", "oddbench"]),
        llm_keywords=np.array([], dtype="<f8"),
        is_public=np.array(True),
        flags=np.array([True, False]),
        small_ints=np.array([1, -2, 3], dtype="<i4"),
        meta_info=np.array({"source": "fixture"}, dtype=object),
        matrix2d=np.eye(2),
    )


def write_npz_fixtures():
    np.savez(os.path.join(NPY, "macrodata_stored.npz"), **macrodata_arrays("<f8"))
    np.savez_compressed(os.path.join(NPY, "macrodata_compressed.npz"), **macrodata_arrays("<i8"))
    x = np.asfortranarray(np.array([[0.5, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11], [12, 13, 14.5]]))
    np.savez(os.path.join(NPY, "adbench_fortran.npz"), X=x, y=np.array([0, 0, 1, 0, 1], dtype="<i4"))
    np.savez_compressed(os.path.join(NPY, "adbench_u1.npz"),
                        X=np.asfortranarray(UNSIGNED_TABLE.astype("|u1")), y=np.array([0, 1, 0], dtype="<i8"))
    # Full ZIP64 structures (per-entry extra fields and the ZIP64 end of central directory), which zipfile
    # only writes past 4 GiB or 65535 entries unless its limits are lowered.
    limits = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
    try:
        np.savez(os.path.join(NPY, "zip64.npz"), X=TABLE.astype("<f8"), y=np.array([1, 0, 0]))
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = limits


def write_npz_error_fixtures():
    raw(NPY, "not_a_zip.npz", np.random.default_rng(7).bytes(300))
    with open(os.path.join(NPY, "macrodata_stored.npz"), "rb") as f:
        whole = f.read()
    raw(NPY, "truncated.npz", whole[: len(whole) * 6 // 10])
    arrays = macrodata_arrays("<f8")
    np.savez(os.path.join(NPY, "object_train.npz"), **{**arrays, "train": np.array([[1, "a"]], dtype=object)})
    np.savez(os.path.join(NPY, "width_mismatch.npz"), **{**arrays, "test": np.zeros((3, 2))})
    np.savez(os.path.join(NPY, "label_two.npz"), **{**arrays, "test_labels": np.array([0, 2, 0])})
    np.savez(os.path.join(NPY, "no_layout.npz"), foo=np.zeros(2), bar=np.array("x"))
    np.savez(os.path.join(NPY, "complex_train.npz"), **{**arrays, "train": np.ones((4, 3), dtype="<c16")})
    np.savez(os.path.join(NPY, "missing_test.npz"), train=arrays["train"], train_labels=arrays["train_labels"])
    np.savez(os.path.join(NPY, "fractional_groups.npz"), **{**arrays, "train_groups": np.array([0, 0.5, 1, 1])})
    np.savez(os.path.join(NPY, "names_mismatch.npz"), **{**arrays, "feature_names": np.array(["a", "b"])})
    # A deflated entry whose compressed bytes are overwritten in the middle.
    path = os.path.join(NPY, "damaged_entry.npz")
    np.savez_compressed(path, X=np.arange(600.0).reshape(200, 3), y=np.zeros(200, dtype="<i8"))
    with open(path, "rb") as f:
        data = bytearray(f.read())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("X.npy")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 40
    data[start:start + 60] = bytes(range(60))
    raw(NPY, "damaged_entry.npz", bytes(data))


# MATLAB v5, written by hand: the formats scipy.io.savemat never produces.
MI_INT8, MI_UINT8, MI_INT16, MI_INT32, MI_UINT32, MI_DOUBLE, MI_MATRIX = 1, 2, 3, 5, 6, 9, 14
MX_DOUBLE, MX_CHAR = 6, 4
NUMPY_OF = {MI_INT8: "i1", MI_UINT8: "u1", MI_INT16: "i2", MI_INT32: "i4", MI_DOUBLE: "f8"}


def mat_header(endian, text="MATLAB 5.0 MAT-file, written by TabularOd's fixture script"):
    return (text.encode("ascii").ljust(116, b" ") + b"\0" * 8 + struct.pack(endian + "H", 0x0100)
            + (b"IM" if endian == "<" else b"MI"))


def mat_element(endian, mdtype, data, small=True):
    if small and 0 < len(data) <= 4:
        return struct.pack(endian + "I", (len(data) << 16) | mdtype) + data.ljust(4, b"\0")
    return struct.pack(endian + "II", mdtype, len(data)) + data + b"\0" * (-len(data) % 8)


def mat_matrix(endian, name, values, stored, mx_class=MX_DOUBLE):
    values = np.atleast_2d(values)
    body = mat_element(endian, MI_UINT32, struct.pack(endian + "II", mx_class, 0))
    body += mat_element(endian, MI_INT32, struct.pack(endian + "ii", *values.shape))
    body += mat_element(endian, MI_INT8, name.encode("ascii"))
    data = values.ravel(order="F").astype(endian + NUMPY_OF[stored]).tobytes()
    body += mat_element(endian, stored, data)
    return mat_element(endian, MI_MATRIX, body, small=False)


def write_mat_fixtures():
    x = np.array([[1.0, 2.5, -3], [4, 5, 6], [7, 8, 9], [0.25, 11, 12], [13, 14, 15], [16, 17, 18]])
    y = np.array([[0.0], [0], [1], [0], [0], [1]])
    scipy.io.savemat(os.path.join(MAT, "odds_v5.mat"), {"X": x, "y": y, "note": "six rows", "scale": 2.5})
    scipy.io.savemat(os.path.join(MAT, "odds_v5_compressed.mat"), {"X": x, "y": y}, do_compression=True)
    scipy.io.savemat(os.path.join(MAT, "sparse.mat"), {"X": scipy.sparse.csc_matrix(x * (x > 5)), "y": y})
    scipy.io.savemat(os.path.join(MAT, "with_struct.mat"), {"X": x, "y": y, "info": {"origin": "odds", "n": 6}})
    scipy.io.savemat(os.path.join(MAT, "label_two.mat"), {"X": x, "y": y * 2})
    scipy.io.savemat(os.path.join(MAT, "no_x.mat"), {"features": x})
    # MATLAB's narrowing: integral doubles stored as the smallest integer type that holds them.
    xi = np.array([[1, -200, 3], [4, 5, 600], [7, 8, 9], [10, 11, 12]], dtype=float)
    yi = np.array([[0.0], [1], [0], [1]])
    for endian, suffix in [("<", "le"), (">", "be")]:
        raw(MAT, f"narrowed_{suffix}.mat", mat_header(endian)
            + mat_matrix(endian, "X", xi, MI_INT16)
            + mat_matrix(endian, "y", yi, MI_UINT8)
            + mat_matrix(endian, "k", np.array([[7.0]]), MI_UINT8))
    with open(os.path.join(MAT, "odds_v5.mat"), "rb") as f:
        whole = f.read()
    raw(MAT, "truncated.mat", whole[: len(whole) - 40])
    # A v7.3 file is HDF5 with a 512-byte MATLAB header in front; the header is all the reader needs to see.
    v73 = mat_header("<", "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .")
    v73 = v73[:124] + struct.pack("<H", 0x0200) + b"IM"
    raw(MAT, "v73.mat", v73.ljust(512, b"\0") + b"\x89HDF\r\n\x1a\n" + b"\0" * 64)
    raw(MAT, "not_mat.mat", b"this is a text file, not MATLAB data\n" * 5)


def main():
    os.makedirs(NPY, exist_ok=True)
    os.makedirs(MAT, exist_ok=True)
    write_dtype_fixtures()
    write_npy_error_fixtures()
    write_npz_fixtures()
    write_npz_error_fixtures()
    write_mat_fixtures()
    for folder in (NPY, MAT):
        names = sorted(os.listdir(folder))
        print(f"{folder}: {len(names)} files, {sum(os.path.getsize(os.path.join(folder, n)) for n in names)} bytes")


if __name__ == "__main__":
    main()
