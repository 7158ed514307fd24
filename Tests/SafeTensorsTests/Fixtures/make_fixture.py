"""Writes python-written.safetensors with the reference implementation (pip: safetensors, numpy).

Run from this directory:  python3 make_fixture.py
The Swift test `readsPythonWrittenFixture` checks exactly these names, dtypes, shapes and values.
"""
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "weight": np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1.0,
    "half": np.array([1.0, -2.5, 65504.0, 0.0], dtype=np.float16),
    "double": np.array([3.25, -0.125], dtype=np.float64),
    "steps": np.array(7, dtype=np.int64),  # 0-d scalar, like num_batches_tracked
    "index": np.array([-3, 0, 2147483647], dtype=np.int32),
    "bytes": np.array([0, 128, 255], dtype=np.uint8),
    "mask": np.array([True, False, True]),
    "empty": np.zeros((0, 4), dtype=np.float32),
}
save_file(tensors, "python-written.safetensors", metadata={"format": "np", "note": "DANCER Zoo fixture"})
