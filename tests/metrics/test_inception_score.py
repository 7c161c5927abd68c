"""Inception Score: agreement with the improved-gan formula (scipy), closed forms, bad inputs."""

import numpy as np
import pytest
import scipy.special
import scipy.stats
from keras import ops

from kerasgan.metrics import inception_score


def _reference_is(probs, splits):
    """openai/improved-gan `get_inception_score` on probabilities, KL via scipy.stats.entropy."""
    n = probs.shape[0]
    scores = []
    for i in range(splits):
        part = probs[i * n // splits : (i + 1) * n // splits]
        marginal = part.mean(axis=0)
        kl = np.mean([scipy.stats.entropy(row, marginal) for row in part])
        scores.append(np.exp(kl))
    return np.mean(scores), np.std(scores)


def _logits(seed=0, n=250, classes=20, scale=3.0):
    return np.random.default_rng(seed).normal(scale=scale, size=(n, classes))


@pytest.mark.parametrize("splits", [1, 3, 10])
def test_agrees_with_reference(splits):
    logits = _logits()  # 250 rows: unequal splits for 3
    expected = _reference_is(scipy.special.softmax(logits, axis=1), splits)
    from_logits = inception_score(logits=logits, splits=splits)
    from_probs = inception_score(probs=scipy.special.softmax(logits, axis=1), splits=splits)
    np.testing.assert_allclose(from_logits, expected, rtol=1e-4)
    np.testing.assert_allclose(from_probs, expected, rtol=1e-4)
    assert all(isinstance(v, float) for v in from_logits)


def test_backend_tensors_and_large_logits():
    logits = _logits(1, n=100, scale=50.0).astype("float32")  # a naive softmax would overflow exp
    expected = _reference_is(scipy.special.softmax(logits.astype(np.float64), axis=1), 5)
    got = inception_score(logits=ops.convert_to_tensor(logits), splits=5)
    np.testing.assert_allclose(got, expected, rtol=1e-4)


def test_seed_shuffles_like_torch_fidelity():
    logits = _logits(2, n=100)
    order = np.random.RandomState(2020).permutation(100)
    expected = _reference_is(scipy.special.softmax(logits[order], axis=1), 10)
    np.testing.assert_allclose(inception_score(logits=logits, seed=2020), expected, rtol=1e-4)


def test_closed_forms():
    classes = 10
    one_hot = np.eye(classes)[np.arange(200) % classes]
    assert inception_score(probs=one_hot, splits=4) == pytest.approx((10.0, 0.0), abs=1e-9)
    collapsed = np.eye(classes)[np.zeros(200, dtype=int)]
    assert inception_score(probs=collapsed, splits=4) == pytest.approx((1.0, 0.0), abs=1e-12)
    uniform = np.full((50, classes), 1.0 / classes)
    assert inception_score(probs=uniform, splits=5) == pytest.approx((1.0, 0.0), abs=1e-12)
    assert inception_score(logits=np.zeros((50, classes)), splits=5) == pytest.approx(
        (1.0, 0.0), abs=1e-12
    )


def test_bad_inputs():
    logits = _logits(3, n=20)
    probs = scipy.special.softmax(logits, axis=1)
    with pytest.raises(ValueError, match="exactly one.*both"):
        inception_score(logits=logits, probs=probs)
    with pytest.raises(ValueError, match="exactly one.*neither"):
        inception_score()
    with pytest.raises(ValueError, match="at least `splits` = 30 rows.*received 20"):
        inception_score(logits=logits, splits=30)
    with pytest.raises(ValueError, match="splits"):
        inception_score(logits=logits, splits=0)
    with pytest.raises(ValueError, match="row 2 sums to 2"):
        bad = probs.copy()
        bad[2] *= 2
        inception_score(probs=bad)
    with pytest.raises(ValueError, match=r"\[0, 1\].*logits="):
        inception_score(probs=logits)
    with pytest.raises(ValueError, match="2-D"):
        inception_score(logits=logits[0])
    nan = logits.copy()
    nan[1, 1] = np.nan
    with pytest.raises(ValueError, match="`logits` must be finite"):
        inception_score(logits=nan)
