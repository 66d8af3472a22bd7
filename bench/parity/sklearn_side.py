"""scikit-learn's side of the parity check: the same matrices, the same tasks, a side-by-side table.

Reads <dir>/<dataset>/{train,test}.csv and lakeml.json written by Parity.java, fits scikit-learn
on exactly the same numbers and compares. Exits 1 when any comparison is beyond its tolerance.
"""
import json
import os
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.ensemble import (GradientBoostingClassifier, HistGradientBoostingClassifier,
                              RandomForestClassifier)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score

TOL = {
    "lr_accuracy": 0.01,  # at most one point
    "lr_auc": 0.005,
    "lr_coefficients": 1e-3,  # max absolute difference, standardized features
    "pca_ratio": 1e-6,
    "kmeans_cost": 0.01,  # relative
    "linreg_coefficients": 1e-6,  # relative to the largest coefficient
    "linreg_r2": 1e-6,
    "tree_accuracy": 0.02,  # two points, or one test row where a row is worth more (see below)
}

rows = []
failures = []


def check(dataset, task, what, lakeml, sklearn, diff, tol):
    """Compares within tol; a tol of None shows the numbers without judging them."""
    if tol is None:
        rows.append((dataset, task, what, lakeml, sklearn, diff, "-", "shown"))
        return
    ok = diff <= tol
    rows.append((dataset, task, what, lakeml, sklearn, diff, tol, "ok" if ok else "FAIL"))
    if not ok:
        failures.append(f"{dataset} {task} {what}: difference {diff:.3g} > {tol:g}")


def tree_tolerance(test_rows):
    """Two points of accuracy, or one test row when a single row is worth more than that (iris has
    36 test rows: one row is 2.8 points, so "within two points" would demand identical forests)."""
    return max(TOL["tree_accuracy"], 1.0 / test_rows + 1e-12)


def load(path):
    m = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return m[:, :-1], m[:, -1]


def auc(y, proba, k):
    if k == 2:
        return roc_auc_score(y, proba[:, 1])
    return roc_auc_score(y, proba, multi_class="ovr", average="macro")


def main(out):
    for dataset in ["penguins", "penguins_mass", "iris", "digits"]:
        d = f"{out}/{dataset}"
        if not os.path.exists(f"{d}/lakeml.json"):
            continue  # a run of some tasks only
        res = json.load(open(f"{d}/lakeml.json"))
        xtr, ytr = load(f"{d}/train.csv")
        xte, yte = load(f"{d}/test.csv")
        n = len(ytr)
        k = len(res["classes"])
        if "lr" in res:
            r = res["lr"]
            # Spark minimizes mean loss + reg/2 ||w||^2; scikit-learn C * sum loss + 1/2 ||w||^2.
            sk = LogisticRegression(C=1.0 / (n * r["reg_param"]), multi_class="multinomial",
                                    solver="lbfgs", tol=1e-12, max_iter=100000).fit(xtr, ytr)
            lp = np.array(r["test_probabilities"])
            sp = sk.predict_proba(xte)
            la, sa = accuracy_score(yte, lp.argmax(1)), accuracy_score(yte, sp.argmax(1))
            check(dataset, "logistic regression", "accuracy", la, sa, abs(la - sa), TOL["lr_accuracy"])
            lu, su = auc(yte, lp, k), auc(yte, sp, k)
            check(dataset, "logistic regression", "ROC AUC", lu, su, abs(lu - su), TOL["lr_auc"])
            lc = np.array(r["coefficients"])
            check(dataset, "logistic regression", "max |coef diff|", float(np.abs(lc).max()),
                  float(np.abs(sk.coef_).max()), float(np.abs(lc - sk.coef_).max()), TOL["lr_coefficients"])
        if "pca" in res:
            r = res["pca"]
            sk = PCA(n_components=r["k"], svd_solver="full").fit(xtr)
            lr = np.array(r["explained_variance_ratio"])
            check(dataset, "PCA", f"explained variance ratio (k={r['k']}, sum)", float(lr.sum()),
                  float(sk.explained_variance_ratio_.sum()),
                  float(np.abs(lr - sk.explained_variance_ratio_).max()), TOL["pca_ratio"])
        if "kmeans" in res:
            r = res["kmeans"]
            sk = KMeans(n_clusters=r["k"], init=xtr[: r["k"]], n_init=1, max_iter=300, tol=1e-9,
                        algorithm="lloyd").fit(xtr)
            check(dataset, "k-means", f"cost (k={r['k']}, same initial centres)", r["cost"], sk.inertia_,
                  abs(r["cost"] - sk.inertia_) / sk.inertia_, TOL["kmeans_cost"])
        if "linreg" in res:
            r = res["linreg"]
            sk = LinearRegression().fit(xtr, ytr)
            lc = np.array(r["coefficients"])
            check(dataset, "linear regression", "max |coef diff| / max |coef|",
                  float(np.abs(lc).max()), float(np.abs(sk.coef_).max()),
                  float(np.abs(lc - sk.coef_).max() / np.abs(sk.coef_).max()), TOL["linreg_coefficients"])
            lr2 = r2_score(yte, np.array(r["test_predictions"]))
            sr2 = r2_score(yte, sk.predict(xte))
            check(dataset, "linear regression", "R²", lr2, sr2, abs(lr2 - sr2), TOL["linreg_r2"])
        if "rf" in res:
            seeds = res["rf"]["seeds"]
            la = float(np.mean([accuracy_score(yte, p) for p in res["rf"]["test_predictions_by_seed"]]))
            sa = float(np.mean([accuracy_score(yte, RandomForestClassifier(
                n_estimators=100, max_depth=8, random_state=s).fit(xtr, ytr).predict(xte))
                for s in range(seeds)]))
            if "cv_predictions_by_seed" in res["rf"]:
                # Too few test rows to compare two points of accuracy: the held-out accuracies are
                # shown, and the forests are compared out of fold over every row (same folds).
                check(dataset, "random forest", f"accuracy (mean of {seeds} seeds)", la, sa, abs(la - sa), None)
                folds = res["rf"]["cv_folds"]
                xall, yall = np.vstack([xtr, xte]), np.concatenate([ytr, yte])
                fold = np.arange(len(yall)) % folds
                la = float(np.mean([accuracy_score(yall, p) for p in res["rf"]["cv_predictions_by_seed"]]))
                accs = []
                for s in range(seeds):
                    pred = np.empty(len(yall))
                    for f in range(folds):
                        m = RandomForestClassifier(n_estimators=100, max_depth=8, random_state=s)
                        pred[fold == f] = m.fit(xall[fold != f], yall[fold != f]).predict(xall[fold == f])
                    accs.append(accuracy_score(yall, pred))
                sa = float(np.mean(accs))
                check(dataset, "random forest", f"{folds}-fold accuracy, all {len(yall)} rows ({seeds} seeds)",
                      la, sa, abs(la - sa), tree_tolerance(len(yall)))
            else:
                check(dataset, "random forest", f"accuracy (mean of {seeds} seeds)", la, sa, abs(la - sa),
                      tree_tolerance(len(yte)))
        if "gbt" in res:
            yb, yteb = (ytr == 0).astype(float), (yte == 0).astype(float)
            sk = GradientBoostingClassifier(n_estimators=20, max_depth=3, learning_rate=0.1,
                                            random_state=7).fit(xtr, yb)
            la = accuracy_score(yteb, res["gbt"]["test_predictions"])
            sa = accuracy_score(yteb, sk.predict(xte))
            check(dataset, "GBT (class 0 vs rest)", "accuracy", la, sa, abs(la - sa), tree_tolerance(len(yte)))

        if "xgb" in res:
            # XGBoost's min_child_weight 1 is a hessian sum: the closest leaf-size rule is
            # scikit-learn's min_samples_leaf=1 (its default, 20, regularizes much harder).
            sk = HistGradientBoostingClassifier(max_iter=50, max_depth=3, learning_rate=0.1,
                                                l2_regularization=0.0, min_samples_leaf=1,
                                                early_stopping=False, random_state=7).fit(xtr, ytr)
            la = accuracy_score(yte, res["xgb"]["test_predictions"])
            sa = accuracy_score(yte, sk.predict(xte))
            if "cv_predictions" in res["xgb"]:
                # The forests' rule: too few test rows to judge, so compared out of fold.
                check(dataset, "XGBoost vs HistGradientBoosting", "accuracy", la, sa, abs(la - sa), None)
                folds = res["xgb"]["cv_folds"]
                xall, yall = np.vstack([xtr, xte]), np.concatenate([ytr, yte])
                fold = np.arange(len(yall)) % folds
                pred = np.empty(len(yall))
                for f in range(folds):
                    m = HistGradientBoostingClassifier(max_iter=50, max_depth=3, learning_rate=0.1,
                                                       l2_regularization=0.0, min_samples_leaf=1,
                                                       early_stopping=False, random_state=7)
                    pred[fold == f] = m.fit(xall[fold != f], yall[fold != f]).predict(xall[fold == f])
                la = accuracy_score(yall, res["xgb"]["cv_predictions"])
                sa = accuracy_score(yall, pred)
                check(dataset, "XGBoost vs HistGradientBoosting",
                      f"{folds}-fold accuracy, all {len(yall)} rows", la, sa, abs(la - sa),
                      tree_tolerance(len(yall)))
            else:
                check(dataset, "XGBoost vs HistGradientBoosting", "accuracy", la, sa, abs(la - sa),
                      tree_tolerance(len(yte)))

    header = ("data set", "task", "measure", "lakeml", "scikit-learn", "difference", "tolerance", "")
    widths = [max(len(f"{r[i]:.6g}" if isinstance(r[i], float) else str(r[i])) for r in rows + [header])
              for i in range(len(header))]
    fmt = lambda r: "  ".join((f"{v:.6g}" if isinstance(v, float) else str(v)).ljust(w) for v, w in zip(r, widths))
    print(fmt(header))
    for r in rows:
        print(fmt(r))
    if failures:
        print("\nbeyond tolerance:\n  " + "\n  ".join(failures))
        return 1
    print(f"\nall {len(rows)} comparisons within tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
