#!/usr/bin/python3
"""The scikit-learn baseline: DBSCAN(eps=0.5, min_samples=5, metric="euclidean", n_jobs=-1) on the same faces.
   sklearn_dbscan.py VECTORS.f32 LABELS_OUT  -> prints seconds and peak memory; writes one label per line."""
import resource
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN

x = np.fromfile(sys.argv[1], dtype="<f4").reshape(-1, 128).astype(np.float64)
start = time.perf_counter()
labels = DBSCAN(eps=0.5, min_samples=5, metric="euclidean", n_jobs=-1).fit(x).labels_
seconds = time.perf_counter() - start
np.savetxt(sys.argv[2], labels, fmt="%d")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"faces={len(x)} seconds={seconds:.2f} peak_mib={peak} clusters={labels.max() + 1} noise={(labels < 0).sum()}")
