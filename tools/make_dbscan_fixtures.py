#!/usr/bin/python3
"""Writes the DBSCAN test fixtures: input points and scikit-learn's own labels.

Run with Debian's Python (apt-get install python3-sklearn):
    /usr/bin/python3 tools/make_dbscan_fixtures.py tests/FaceClustering.Tests/Fixtures/dbscan

Each case is a JSON file {name, eps, min_samples, dimension, points | pointsFile, labels}; large point sets
go to a little-endian float32 file (row-major) named by pointsFile. Points are float32 values, passed to
scikit-learn as float64, which is exactly what the C# code sees. Everything is seeded: re-running the script
reproduces the committed files.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN


def labels_of(points, eps, min_samples):
    model = DBSCAN(eps=eps, min_samples=min_samples, metric="euclidean")
    return model.fit(points.astype(np.float64)).labels_.tolist()


def border_stats(points, eps, min_samples, labels):
    """How many non-core points sit next to cores of two or more clusters (where index order decides)."""
    p = points.astype(np.float64)
    d = np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1))
    near = d <= eps
    core = near.sum(1) >= min_samples
    contested = 0
    for i in np.where(~core)[0]:
        clusters = {labels[j] for j in np.where(near[i] & core)[0]}
        contested += len(clusters) >= 2
    return int(core.sum()), int(contested)


def write_case(out, name, points, eps, min_samples, inline=True, note=""):
    points = np.ascontiguousarray(points, dtype=np.float32)
    labels = labels_of(points, eps, min_samples)
    case = {"name": name, "eps": eps, "min_samples": min_samples, "dimension": int(points.shape[1]),
            "sklearn": sklearn.__version__}
    if inline:
        case["points"] = points.astype(np.float64).tolist()
    else:
        case["pointsFile"] = name + ".f32"
        points.astype("<f4").tofile(os.path.join(out, case["pointsFile"]))
    case["labels"] = labels
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":"))
    clusters = len(set(labels) - {-1})
    noise = labels.count(-1)
    extra = ""
    if len(points) <= 4000:
        cores, contested = border_stats(points, eps, min_samples, labels)
        extra = f", {cores} core, {contested} border points reachable from 2+ clusters"
    print(f"{name}: {len(points)} points, {clusters} clusters, {noise} noise{extra} {note}")


def realistic_faces(rng, n, dim=128):
    """Identities of log-normal size (20% singletons); same person about 0.3-0.6 apart, others 0.9-1.2."""
    points = []
    center = None
    while len(points) < n:
        if center is not None and rng.random() < 0.15:
            # a sibling: about 0.55-0.65 from the previous identity, so the two can touch at eps 0.5
            offset = rng.normal(0.0, 1.0, dim)
            center = center + offset * rng.uniform(0.55, 0.65) / np.linalg.norm(offset)
        else:
            center = rng.normal(0.0, 1.0, dim)
            center *= rng.uniform(0.72, 0.78) / np.linalg.norm(center)  # centres about 1.05 apart
        size = 1 if rng.random() < 0.2 else max(2, int(round(rng.lognormal(2.0, 0.8))))
        spread = rng.uniform(0.02, 0.03)  # pair distance about spread * sqrt(2 * dim)
        for _ in range(size):
            points.append(center + rng.normal(0.0, spread, dim))
    points = np.array(points[:n])
    rng.shuffle(points)
    return points


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/FaceClustering.Tests/Fixtures/dbscan"
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261128)

    # Small integer grids: distances are exact in float64, many pairs lie exactly at eps, and with random
    # order many border points are reachable from two clusters, so index order decides their label.
    # Half the cases are kept only if some border point is contested.
    made = contested_cases = 0
    while made < 24:
        n = int(rng.integers(20, 70))
        pts = rng.integers(0, 12, size=(n, 2)).astype(np.float32)
        eps = float(rng.choice([1.0, 2.0, 3.0]))
        min_samples = int(rng.integers(2, 8))
        contested = border_stats(pts, eps, min_samples, labels_of(pts, eps, min_samples))[1]
        if contested == 0 and made - contested_cases >= 12:
            continue
        contested_cases += contested > 0
        write_case(out, f"grid_{made:02d}", pts, eps, min_samples)
        made += 1

    # Two dense blobs joined only through border points placed between them, in several orders.
    # Two plus shapes whose centres (cores) are 2 apart; the point between them is a border point of both.
    a = np.array([[0, 0], [0, 1], [0, -1], [-1, 0]], np.float32)
    b = np.array([[2, 0], [2, 1], [2, -1], [3, 0]], np.float32)
    bridge = np.array([[1, 0]], np.float32)
    pts = np.concatenate([b, bridge, a])
    write_case(out, "border_between_two", pts, 1.0, 4)
    write_case(out, "border_between_two_reversed", pts[::-1].copy(), 1.0, 4)

    # Duplicates: identical points count as separate neighbours.
    dup = np.concatenate([np.repeat([[1.0, 1.0]], 6, 0), np.repeat([[5.0, 5.0]], 4, 0),
                          [[1.0, 2.0], [9.0, 9.0], [5.0, 5.0]]]).astype(np.float32)
    write_case(out, "duplicates", dup, 0.5, 5)
    write_case(out, "duplicates_min1", dup, 0.5, 1)

    # All noise: points far apart.
    write_case(out, "all_noise", rng.uniform(0, 100, size=(200, 16)), 0.5, 2)

    # One big cluster.
    write_case(out, "one_big_cluster", rng.normal(0, 0.05, size=(600, 8)), 0.3, 5)

    # Realistic 128-d face embeddings.
    write_case(out, "faces_128d", realistic_faces(rng, 3000), 0.5, 5, inline=False)
    write_case(out, "faces_128d_eps045", realistic_faces(rng, 1500), 0.45, 4, inline=False)


if __name__ == "__main__":
    main()
