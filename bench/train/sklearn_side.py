"""scikit-learn's side of the training benchmark (bench/run-train.sh).

Makes the same rows as TrainBench.DenseRows (bit for bit: a counter-based generator and only
exact arithmetic), fits one algorithm with parameters equal to lakeml's side, and prints one
TRAIN line: fit seconds, iterations, quality on the same 200,000 held-out rows.

    sklearn_side.py <lr|gbt|xgb|kmeans|pca> <rows> <iterations>

xgb is the same HistGradientBoostingClassifier as gbt: the peer of both tree engines.
"""
import sys
import time
import warnings

import numpy as np

FEATURES, LATENT = 20, 5
TEST_OFFSET = 1_000_000_000_000
TEST_ROWS = 200_000
SEED = 7
CHUNK = 1_000_000


def mix(x):
    """SplitMix64's finalizer on uint64 arrays (wrapping arithmetic, as Java's long)."""
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def uniform(rows, stream):
    return (mix(rows * np.uint64(64) + np.uint64(stream)) >> np.uint64(11)).astype(np.float64) * 2.0**-53


def loading(i, j):
    return ((i * 7 + j * 13) % 11 - 5) / 5.0


def weight(i):
    return ((i * 5) % 7 - 3) / 4.0


def rows(first, count):
    X = np.empty((count, FEATURES), dtype=np.float64)
    y = np.empty(count, dtype=np.float64)
    for start in range(0, count, CHUNK):
        r = np.arange(first + start, first + min(count, start + CHUNK), dtype=np.uint64)
        z = [2.0 * uniform(r, j) - 1.0 for j in range(LATENT)]
        x = []
        for i in range(FEATURES):
            acc = np.zeros(len(r))
            for j in range(LATENT):
                acc = acc + loading(i, j) * z[j]
            x.append(acc + 0.5 * (2.0 * uniform(r, LATENT + i) - 1.0))
        logit = np.zeros(len(r))
        for i in range(FEATURES):
            logit = logit + weight(i) * x[i]
        logit = logit + x[0] * x[1]
        logit = logit - 0.5
        noise = (uniform(r, 40) + uniform(r, 41) + uniform(r, 42) + uniform(r, 43) - 2.0) * 4.0
        X[start:start + len(r)] = np.column_stack(x)
        y[start:start + len(r)] = np.where(logit + noise > 0, 1.0, 0.0)
    return X, y


def main():
    # Iterations are fixed on purpose (equal on both sides): stopping at them is not a failure.
    warnings.filterwarnings("ignore", message=".*failed to converge.*")
    algorithm, n, iterations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    # An optional seed=N (the estimator's random state; the rows stay the same) for seed studies.
    global SEED
    for arg in sys.argv[4:]:
        if arg.startswith("seed="):
            SEED = int(arg[5:])
    X, y = rows(0, n)
    Xt, yt = rows(TEST_OFFSET, TEST_ROWS)
    out = {}
    from sklearn.metrics import roc_auc_score

    start = time.perf_counter()
    if algorithm == "lr":
        from sklearn.linear_model import LogisticRegression

        m = LogisticRegression(penalty=None, solver="lbfgs", max_iter=iterations, tol=0.0).fit(X, y)
        out["fit_s"] = time.perf_counter() - start
        out["iterations"] = int(m.n_iter_[0])
        out["auc"] = roc_auc_score(yt, m.predict_proba(Xt)[:, 1])
    elif algorithm in ("gbt", "xgb"):
        from sklearn.ensemble import HistGradientBoostingClassifier

        m = HistGradientBoostingClassifier(
            max_iter=iterations, max_depth=5, max_leaf_nodes=None, max_bins=32,
            learning_rate=0.1, min_samples_leaf=1, l2_regularization=0.0,
            early_stopping=False, random_state=SEED).fit(X, y)
        out["fit_s"] = time.perf_counter() - start
        out["iterations"] = int(m.n_iter_)
        out["auc"] = roc_auc_score(yt, m.predict_proba(Xt)[:, 1])
    elif algorithm == "kmeans":
        from sklearn.cluster import KMeans

        m = KMeans(n_clusters=8, init="k-means++", n_init=1, max_iter=iterations, tol=0.0,
                   algorithm="lloyd", random_state=SEED).fit(X)
        out["fit_s"] = time.perf_counter() - start
        out["iterations"] = int(m.n_iter_)
        out["inertia"] = float(m.inertia_)
    elif algorithm == "pca":
        from sklearn.decomposition import PCA

        m = PCA(n_components=5, random_state=SEED).fit(X)
        out["fit_s"] = time.perf_counter() - start
        out["iterations"] = 1
        out["explained_variance"] = float(m.explained_variance_ratio_.sum())
        out["solver"] = m._fit_svd_solver
    else:
        raise SystemExit(f"algorithm must be lr, gbt, kmeans or pca, got: {algorithm}")
    out["rows"] = n
    out["label_sum"] = int(y.sum())
    out["cached_bytes"] = X.nbytes + y.nbytes
    out["fit_s"] = f"{out['fit_s']:.2f}"
    print("TRAIN side=sklearn algorithm=" + algorithm + "".join(f" {k}={v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
