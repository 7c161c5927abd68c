"""The relative MMD test of Bounliphone et al. (2016) with the KID kernel: is Y closer to X than Z is?"""

import numpy as np

_EPS = 1e-5


def kernel_sums(x, y):
    """The sums of the cubic-polynomial kernel (KID's, `(x·y/d + 1)³`) that the test needs for a
    candidate `y` against the reference `x`: computed once per sample set and reusable as the
    `z` of a later test (`three_sample_mmd_test(x, y, z_sums=...)`)."""
    x, y = np.asarray(x, "float64"), np.asarray(y, "float64")
    dim = float(x.shape[1])
    k_xy = (x @ y.T / dim + 1.0) ** 3
    k_yy = (y @ y.T / dim + 1.0) ** 3
    diagonal = np.diag(k_yy)
    return (k_yy.sum(axis=1) - diagonal, np.square(k_yy).sum() - np.square(diagonal).sum(),
            k_xy.sum(axis=0), k_xy.sum(axis=1), np.square(k_xy).sum())


def three_sample_mmd_test(x, y=None, z=None, y_sums=None, z_sums=None):
    """`(mmd2_difference, statistic, p_value)`: the unbiased MMD²(X, Y) − MMD²(X, Z) with the KID
    kernel, over its estimated standard deviation, and `Φ(statistic)`.

    A small p-value says Y is closer to X than Z is. Bounliphone, Belilovsky, Blaschko, Antonoglou &
    Gretton, "A Test of Relative Similarity for Model Selection in Generative Models", ICLR 2016, as
    mbinkowski/MMD-GAN computes it (`gan/core/mmd.py`, `_np_diff_mmd2_and_ratio_from_sums`: the
    variance's first- and second-order terms, floored at 1e-5). X, Y and Z hold the same number of
    feature vectors; `y_sums` and `z_sums` (from `kernel_sums(x, y)`, `kernel_sums(x, z)`) stand in
    for `y` and `z`.

    Example:

    >>> import numpy as np
    >>> from kerasgan.metrics import three_sample_mmd_test  # also kerasgan.utils.three_sample_test
    >>> rng = np.random.default_rng(0)
    >>> x, y, z = rng.normal(size=(200, 8)), rng.normal(size=(200, 8)), rng.normal(1.0, 1.0, (200, 8))
    >>> bool(three_sample_mmd_test(x, y, z)[2] < 0.01)  # y, drawn like x, is closer than z
    True
    """
    x = np.asarray(x, "float64")
    if x.ndim != 2:
        raise ValueError(f"three_sample_mmd_test expects X of shape (n, d); received {x.shape}.")
    y_sums = _sums_of(x, y, y_sums, "Y")
    z_sums = _sums_of(x, z, z_sums, "Z")
    m = float(x.shape[0])
    yy_sums, yy_2, xy_0, xy_1, xy_2 = y_sums
    zz_sums, zz_2, xz_0, xz_1, xz_2 = z_sums
    yy, zz = yy_sums.sum() / (m * (m - 1)), zz_sums.sum() / (m * (m - 1))
    xy, xz = xy_0.sum() / (m * m), xz_0.sum() / (m * m)
    e_y_yy = (yy_sums @ yy_sums - yy_2) / (m * (m - 1) * (m - 2))
    e_z_zz = (zz_sums @ zz_sums - zz_2) / (m * (m - 1) * (m - 2))
    e_x_xy = (xy_1 @ xy_1 - xy_2) / (m * m * (m - 1))
    e_x_xz = (xz_1 @ xz_1 - xz_2) / (m * m * (m - 1))
    e_y_xy = (xy_0 @ xy_0 - xy_2) / (m * m * (m - 1))
    e_z_xz = (xz_0 @ xz_0 - xz_2) / (m * m * (m - 1))
    e_y_yy_xy = yy_sums @ xy_0 / (m * m * (m - 1))
    e_z_zz_xz = zz_sums @ xz_0 / (m * m * (m - 1))
    e_x_xy_xz = xy_1 @ xz_1 / (m * m * m)
    k_yy2, k_zz2 = yy_2 / (m * (m - 1)), zz_2 / (m * (m - 1))
    k_xy2, k_xz2 = xy_2 / (m * m), xz_2 / (m * m)
    difference = yy - 2 * xy - zz + 2 * xz
    first = 4 * (m - 2) / (m * (m - 1)) * (
        e_y_yy - yy ** 2 + e_x_xy - xy ** 2 + e_y_xy - xy ** 2 + e_z_zz - zz ** 2 + e_x_xz - xz ** 2
        + e_z_xz - xz ** 2 - 2 * e_y_yy_xy + 2 * yy * xy - 2 * e_x_xy_xz + 2 * xy * xz - 2 * e_z_zz_xz + 2 * zz * xz)
    second = 2 / (m * (m - 1)) * (
        k_yy2 - yy ** 2 + 2 * k_xy2 - 2 * xy ** 2 + k_zz2 - zz ** 2 + 2 * k_xz2 - 2 * xz ** 2
        - 4 * e_y_yy_xy + 4 * yy * xy - 4 * e_x_xy_xz + 4 * xy * xz - 4 * e_z_zz_xz + 4 * zz * xz)
    statistic = difference / np.sqrt(max(first + second, _EPS))
    return float(difference), float(statistic), float(_normal_cdf(statistic))


def _sums_of(x, sample, sums, name):
    if (sample is None) == (sums is None):
        raise ValueError(f"three_sample_mmd_test expects {name}, or the `kernel_sums(x, {name.lower()})` of one, "
                         "not both and not neither.")
    if sums is not None:
        return sums
    sample = np.asarray(sample, "float64")
    if sample.shape != x.shape:
        raise ValueError(f"three_sample_mmd_test expects {name} of X's shape {x.shape}; received {sample.shape}.")
    return kernel_sums(x, sample)


def _normal_cdf(value):
    from math import erfc
    from math import sqrt

    return 0.5 * erfc(-value / sqrt(2.0))  # accurate in the lower tail too
