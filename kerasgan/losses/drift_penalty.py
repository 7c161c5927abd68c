"""The ProGAN drift penalty (Karras et al. 2018)."""

from keras import ops

from kerasgan.losses._utils import as_float32


def drift_penalty(real_logits, weight=0.001):
    """Keeps the critic's scores of real samples from drifting far from zero.

    Karras et al., "Progressive Growing of GANs for Improved Quality, Stability, and Variation",
    ICLR 2018, Appendix A.1 (`epsilon_drift = 0.001`), used with WGAN-GP:

        P = weight * mean(real_logits**2)

    Args:
        real_logits: critic scores of real samples, shape `(N,)` or `(N, 1)`.
        weight: the coefficient `epsilon_drift`.

    Returns:
        A float32 scalar.

    Example:

    >>> from kerasgan.losses import drift_penalty
    >>> round(float(drift_penalty([1.0, 3.0])), 6)  # 0.001 * (1 + 9) / 2
    0.005
    """
    return weight * ops.mean(ops.square(as_float32(real_logits)))
