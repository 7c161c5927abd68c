"""Precision/recall and density/coverage against a scipy cdist reference."""

import numpy as np
import pytest
from keras import ops
from scipy.spatial.distance import cdist

from kerasgan.metrics import density_coverage
from kerasgan.metrics import precision_recall


def _reference(real, fake, k):
    """Full distance matrices with cdist; k-th neighbour = column k of the sorted rows (0 = self)."""
    real_radii = np.sort(cdist(real, real), axis=1)[:, k]
    fake_radii = np.sort(cdist(fake, fake), axis=1)[:, k]
    d = cdist(real, fake)  # (N1, N2)
    return {
        # Kynkäänniemi et al. (kynkaat, stylegan2-ada, torch-fidelity): inside means <=.
        "precision": (d <= real_radii[:, None]).any(axis=0).mean(),
        "recall": (d <= fake_radii[None, :]).any(axis=1).mean(),
        # clovaai/generative-evaluation-prdc: inside means <.
        "density": (d < real_radii[:, None]).sum(axis=0).mean() / k,
        "coverage": (d.min(axis=1) < real_radii).mean(),
    }


def _sets(seed, n_real=300, n_fake=200, d=5, shift=0.5, scale=0.8):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_real, d)), rng.normal(shift, scale, size=(n_fake, d))


@pytest.mark.parametrize("k", [1, 3, 5])
@pytest.mark.parametrize("batch_size", [7, 256, 1000])
def test_agrees_with_cdist_reference(k, batch_size):
    real, fake = _sets(k)
    expected = _reference(real, fake, k)
    precision, recall = precision_recall(real, fake, k=k, batch_size=batch_size)
    density, coverage = density_coverage(real, fake, k=k, batch_size=batch_size)
    np.testing.assert_allclose(precision, expected["precision"], rtol=1e-4)
    np.testing.assert_allclose(recall, expected["recall"], rtol=1e-4)
    np.testing.assert_allclose(density, expected["density"], rtol=1e-4)
    np.testing.assert_allclose(coverage, expected["coverage"], rtol=1e-4)
    assert 0 < precision < 1 and 0 < recall < 1 and 0 < coverage < 1


def test_backend_tensors():
    real, fake = (x.astype("float32") for x in _sets(10))
    expected = _reference(real.astype(np.float64), fake.astype(np.float64), 3)
    got = precision_recall(ops.convert_to_tensor(real), ops.convert_to_tensor(fake))
    assert got == pytest.approx((expected["precision"], expected["recall"]), rel=1e-4)
    got = density_coverage(ops.convert_to_tensor(real), ops.convert_to_tensor(fake), k=3)
    assert got == pytest.approx((expected["density"], expected["coverage"]), rel=1e-4)


def test_identical_sets_and_duplicates():
    real, _ = _sets(11)
    assert precision_recall(real, real) == (1.0, 1.0)
    density, coverage = density_coverage(real, real, k=5)
    assert coverage == 1.0 and density > 0.9
    # Duplicated points are each other's neighbours at distance 0 (the point itself is excluded).
    doubled = np.concatenate([real, real])
    expected = _reference(doubled, real, 1)
    assert precision_recall(doubled, real, k=1) == pytest.approx(
        (expected["precision"], expected["recall"])
    )
    assert density_coverage(doubled, real, k=1) == pytest.approx(
        (expected["density"], expected["coverage"])
    )


def test_mode_collapse_lowers_recall_and_coverage():
    rng = np.random.default_rng(12)
    real = rng.normal(size=(400, 2))
    collapsed = rng.normal(scale=0.05, size=(400, 2))
    precision, recall = precision_recall(real, collapsed)
    density, coverage = density_coverage(real, collapsed)
    assert precision > 0.95 and recall < 0.1 and coverage < 0.1 and density > 0.5


def test_bad_inputs():
    real, fake = _sets(13, n_real=20, n_fake=4)
    with pytest.raises(ValueError, match="`fake` need more than k = 5 samples.*received 4"):
        precision_recall(real, fake, k=5)
    with pytest.raises(ValueError, match="`real` need more than k = 20 samples.*received 20"):
        density_coverage(real, fake, k=20)
    with pytest.raises(ValueError, match=r"\(20, 5\).*\(4, 3\)"):
        precision_recall(real, fake[:, :3], k=1)
    with pytest.raises(ValueError, match="`k` must be a positive int"):
        density_coverage(real, fake, k=0)
    with pytest.raises(ValueError, match="batch_size"):
        precision_recall(real, fake, k=1, batch_size=0)
    with pytest.raises(ValueError, match="2-D"):
        precision_recall(real.ravel(), fake, k=1)
    bad = real.copy()
    bad[0, 0] = np.inf
    with pytest.raises(ValueError, match="`real` must be finite"):
        density_coverage(bad, fake, k=1)
    with pytest.raises(ValueError, match="at least 1"):
        density_coverage(real, fake[:0], k=1)
