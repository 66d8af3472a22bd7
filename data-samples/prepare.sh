#!/usr/bin/env bash
# Rebuilds the real (not generated) sample data sets from their published packages:
#   penguins/penguins.csv  <- npm package vega-datasets (data/penguins.json), CC0 1.0
#   digits/digits.csv      <- scikit-learn's bundled digits (Debian python3-sklearn), CC BY 4.0
#   iris/iris.csv          <- scikit-learn's bundled iris (Debian python3-sklearn), CC BY 4.0
# The files are committed; run this only to check or refresh them. Output is deterministic.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VEGA_DATASETS_VERSION="${VEGA_DATASETS_VERSION:-3.2.1}"

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  echo "installing python3-sklearn (Debian)" >&2
  $( [ "$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -q python3-sklearn >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "vega-datasets@${VEGA_DATASETS_VERSION}" >/dev/null \
  && tar xzf "vega-datasets-${VEGA_DATASETS_VERSION}.tgz")

/usr/bin/python3 - "$work/package/data/penguins.json" "$here" <<'PY'
import csv, json, sys
from sklearn.datasets import load_digits, load_iris

src, out = sys.argv[1], sys.argv[2]

# Penguins: the JSON as published, as CSV with its original header; JSON null -> "NA".
rows = json.load(open(src))
cols = list(rows[0].keys())
with open(f"{out}/penguins/penguins.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow(["NA" if r[c] is None else r[c] for c in cols])

# Digits: 8x8 images, pixel_<row>_<col> in 0..16, and the digit; an id per row.
d = load_digits()
with open(f"{out}/digits/digits.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["image_id"] + [f"pixel_{i // 8}_{i % 8}" for i in range(64)] + ["digit"])
    for i, (x, y) in enumerate(zip(d.data, d.target)):
        w.writerow([i] + [int(v) for v in x] + [int(y)])

# Iris: the four measurements in cm and the species name; an id per row.
d = load_iris()
with open(f"{out}/iris/iris.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["flower_id", "sepal_length", "sepal_width", "petal_length", "petal_width", "species"])
    for i, (x, y) in enumerate(zip(d.data, d.target)):
        w.writerow([i] + [f"{v:g}" for v in x] + [d.target_names[y]])
PY
wc -l "$here"/penguins/penguins.csv "$here"/digits/digits.csv "$here"/iris/iris.csv
