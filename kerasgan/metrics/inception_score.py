"""The Inception Score from classifier logits or class probabilities."""

import numbers

import numpy as np

from kerasgan.metrics.feature_statistics import _to_feature_array

# Rows given as probabilities must sum to 1 within this tolerance (a float32 softmax over
# ~1000 classes sums to 1 within ~1e-6).
_PROBS_TOLERANCE = 1e-3


def inception_score(logits=None, probs=None, splits=10, seed=None):
    """The Inception Score: `exp(E_x KL(p(y|x) || p(y)))`, mean and std over splits.

    The `N` rows are cut into `splits` consecutive parts (rows `i N // splits` to
    `(i + 1) N // splits`); in each part `p(y)` is the mean of the rows' `p(y|x)` and the score
    is `exp(mean_x sum_y p(y|x) (log p(y|x) - log p(y)))`. The result is the mean and the
    population standard deviation (`numpy.std`) of the part scores, in float64, with
    `0 log 0 = 0`. This is the formula of `get_inception_score` in openai/improved-gan and of
    `isc_features_to_metric` in torch-fidelity. Both take the softmax of the 1008 logits of the
    2015 TensorFlow Inception graph computed *without* the final bias (`pool3 @ W`;
    torch-fidelity's `logits_unbiased` layer); that is the extractor's business, this function
    only needs the logits or the probabilities. OpenAI does not shuffle; torch-fidelity first
    permutes the rows with `numpy.random.RandomState(2020)` — pass `seed=2020` to match it.

    Reference: Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016.

    Args:
        logits: `(N, C)` classifier logits (softmax taken here in float64). Give exactly one
            of `logits` and `probs`.
        probs: `(N, C)` class probabilities (non-negative rows summing to 1).
        splits: number of parts (10 in the reference code), at most `N`.
        seed: None keeps the row order; an int permutes the rows first with
            `numpy.random.RandomState(seed).permutation(N)`.

    Returns:
        `(mean, std)` as Python floats; the score lies in `[1, C]`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import inception_score
    >>> confident = np.eye(10)[np.arange(100) % 10]  # sure of its class, all classes equally
    >>> mean, std = inception_score(probs=confident, splits=10)
    >>> round(mean, 6), round(std, 6)
    (10.0, 0.0)
    """
    if (logits is None) == (probs is None):
        raise ValueError(
            "inception_score needs exactly one of `logits` and `probs`; received "
            f"{'both' if logits is not None else 'neither'}."
        )
    if isinstance(splits, bool) or not isinstance(splits, numbers.Integral) or splits < 1:
        raise ValueError(f"`splits` must be a positive int; received splits={splits!r}.")
    if logits is not None:
        logits = _to_feature_array(logits, "logits", dtype=np.float64)
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        p = np.exp(log_p)
    else:
        p = _to_feature_array(probs, "probs", dtype=np.float64)
        if (p < 0).any() or (p > 1).any():
            raise ValueError(
                "`probs` must lie in [0, 1]; received values in "
                f"[{p.min():.6g}, {p.max():.6g}]. Pass logits as `logits=`."
            )
        sums = p.sum(axis=1)
        worst = int(np.argmax(np.abs(sums - 1.0)))
        if abs(sums[worst] - 1.0) > _PROBS_TOLERANCE:
            raise ValueError(
                f"Each row of `probs` must sum to 1 (within {_PROBS_TOLERANCE}); row {worst} "
                f"sums to {sums[worst]:.6g}."
            )
        with np.errstate(divide="ignore"):
            log_p = np.log(p)
    n = p.shape[0]
    if n < splits:
        raise ValueError(
            f"inception_score needs at least `splits` = {splits} rows (one per split); "
            f"received {n}."
        )
    if seed is not None:
        order = np.random.RandomState(seed).permutation(n)
        p, log_p = p[order], log_p[order]
    scores = np.empty(splits)
    for i in range(splits):
        part = slice(i * n // splits, (i + 1) * n // splits)
        p_part, log_p_part = p[part], log_p[part]
        with np.errstate(divide="ignore", invalid="ignore"):  # 0 log 0 terms are dropped
            log_marginal = np.log(p_part.mean(axis=0, keepdims=True))
            terms = np.where(p_part > 0, p_part * (log_p_part - log_marginal), 0.0)
        scores[i] = np.exp(terms.sum(axis=1).mean())
    return float(scores.mean()), float(scores.std())
