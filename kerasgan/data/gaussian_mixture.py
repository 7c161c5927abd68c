"""Gaussian mixtures with equally likely modes: the 2D-ring and 2D-grid data of the mode-collapse
benchmarks of VEEGAN (Srivastava et al., NeurIPS 2017) and PacGAN (Lin et al., NeurIPS 2018).

The reference layouts (fjxmlzn/PacGAN `synthetic_data_experiments/2DRing_GAN&PacGAN/config.py`,
`.../2DGrid_GAN&PacGAN/config.py`) are a ring of 8 Gaussians with centers
`(cos(2 pi i / 8), sin(2 pi i / 8))` (radius 1) and standard deviation 0.01, and a 5x5 grid with
centers in `{-4, -2, 0, 2, 4}^2` and standard deviation 0.05; those are the defaults here. Other
codebases draw a ring of radius 2 with std 0.02; pass `radius=2.0, std=0.02` for that variant.
Their mode coverage is measured by `kerasgan.metrics.mixture_mode_metrics`.
"""

import numpy as np

from kerasgan.utils.checks import optional_seed
from kerasgan.utils.checks import positive_float
from kerasgan.utils.checks import positive_int
from kerasgan.utils.checks import to_numpy


class GaussianMixtureSpec:
    """The layout of an isotropic Gaussian mixture with equally likely modes.

    Build one with `ring_of_gaussians` or `grid_of_gaussians`, or directly from centers and
    standard deviations. Modes may have different standard deviations; distances to a mode are
    measured in its own standard deviations.

    Args:
        centers: the mode centers, shape `(num_modes, dim)`.
        std: the standard deviation of every mode (a positive float) or of each mode (shape
            `(num_modes,)`).
        name: a label used in `repr`.

    Example:

    >>> from kerasgan.data import GaussianMixtureSpec
    >>> spec = GaussianMixtureSpec([[0.0, 0.0], [3.0, 0.0]], std=[1.0, 0.1])
    >>> spec.num_modes, spec.dim, spec.stds.tolist()
    (2, 2, [1.0, 0.1])
    """

    def __init__(self, centers, std, name="mixture"):
        centers = np.array(to_numpy(centers), dtype="float64")
        if centers.ndim != 2 or centers.shape[0] < 1 or centers.shape[1] < 1:
            raise ValueError(
                "GaussianMixtureSpec expects `centers` of shape (num_modes, dim) with at least "
                f"one mode; received shape {centers.shape}."
            )
        if not np.all(np.isfinite(centers)):
            raise ValueError("GaussianMixtureSpec expects finite `centers`; received NaN or inf.")
        std_array = np.array(to_numpy(std), dtype="float64")
        if std_array.ndim == 0:
            stds = np.full((centers.shape[0],), float(std_array))
        elif std_array.shape == (centers.shape[0],):
            stds = std_array
        else:
            raise ValueError(
                "GaussianMixtureSpec expects `std` to be a float or of shape (num_modes,) = "
                f"({centers.shape[0]},); received shape {std_array.shape}."
            )
        if not np.all(np.isfinite(stds) & (stds > 0)):
            raise ValueError(
                f"GaussianMixtureSpec expects positive finite standard deviations; received std={std!r}."
            )
        centers.setflags(write=False)
        stds.setflags(write=False)
        self.centers = centers
        self.std = float(std_array) if std_array.ndim == 0 else stds
        self.stds = stds
        self.name = str(name)

    @property
    def num_modes(self):
        """The number of mixture components `M`."""
        return int(self.centers.shape[0])

    @property
    def dim(self):
        """The dimension of the data space."""
        return int(self.centers.shape[1])

    def __repr__(self):
        std = self.std if isinstance(self.std, float) else self.stds.tolist()
        return f"GaussianMixtureSpec(name={self.name!r}, num_modes={self.num_modes}, dim={self.dim}, std={std})"


def ring_of_gaussians(n=8, radius=1.0, std=0.01):
    """The 2D-ring benchmark: `n` Gaussians evenly spaced on a circle.

    VEEGAN (Srivastava et al., NeurIPS 2017) / PacGAN (Lin et al., NeurIPS 2018); the defaults are
    the reference's (fjxmlzn/PacGAN `synthetic_data_experiments/2DRing_GAN&PacGAN/config.py`):

        c_i = radius * (cos(2 pi i / n), sin(2 pi i / n)),   i = 0, ..., n - 1,   sigma = std

    Args:
        n: the number of modes (8 in the benchmark).
        radius: the circle's radius (1.0 in the reference; some codebases use 2.0).
        std: the standard deviation of each mode (0.01 in the reference; 0.02 with radius 2).

    Returns:
        A `GaussianMixtureSpec`.

    Example:

    >>> from kerasgan.data import ring_of_gaussians
    >>> spec = ring_of_gaussians()
    >>> spec.num_modes, spec.std, spec.centers[2].round(6).tolist()
    (8, 0.01, [0.0, 1.0])
    """
    n = positive_int(n, "n", "ring_of_gaussians")
    radius = positive_float(radius, "radius", "ring_of_gaussians")
    angles = 2.0 * np.pi * np.arange(n) / n
    centers = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return GaussianMixtureSpec(centers, std, name=f"ring{n}")


def grid_of_gaussians(side=5, spacing=2.0, std=0.05):
    """The 2D-grid benchmark: `side x side` Gaussians on a square grid centred at the origin.

    VEEGAN (Srivastava et al., NeurIPS 2017) / PacGAN (Lin et al., NeurIPS 2018); the defaults are
    the reference's (fjxmlzn/PacGAN `synthetic_data_experiments/2DGrid_GAN&PacGAN/config.py`:
    centers `itertools.product(range(-4, 5, 2), range(-4, 5, 2))`, variance `0.05**2`):

        c_(a, b) = spacing * (a - (side - 1) / 2, b - (side - 1) / 2),   a, b = 0, ..., side - 1

    in the reference's order (the first coordinate varies slowest).

    Args:
        side: modes per axis (5 in the benchmark: 25 modes).
        spacing: the distance between neighbouring centers (2.0: centers in {-4, -2, 0, 2, 4}).
        std: the standard deviation of each mode (0.05 in the benchmark).

    Returns:
        A `GaussianMixtureSpec`.

    Example:

    >>> from kerasgan.data import grid_of_gaussians
    >>> spec = grid_of_gaussians()
    >>> spec.num_modes, spec.std, spec.centers[0].tolist(), spec.centers[1].tolist()
    (25, 0.05, [-4.0, -4.0], [-4.0, -2.0])
    """
    side = positive_int(side, "side", "grid_of_gaussians")
    spacing = positive_float(spacing, "spacing", "grid_of_gaussians")
    coords = spacing * (np.arange(side) - (side - 1) / 2.0)
    centers = np.array([(a, b) for a in coords for b in coords], dtype="float64")
    return GaussianMixtureSpec(centers, std, name=f"grid{side * side}")


def sample_mixture(spec, n, seed=None, return_modes=False):
    """Draw real data from a Gaussian mixture whose modes are equally likely.

    As in the reference (fjxmlzn/PacGAN, ALI's `GaussianMixtureDistribution` with
    `priors=None`): pick a mode uniformly at random, then add isotropic Gaussian noise of that
    mode's standard deviation. Sampling uses NumPy, so the result is the same on every backend.

    Args:
        spec: a `GaussianMixtureSpec`.
        n: the number of samples.
        seed: an int for reproducible samples, or None.
        return_modes: also return the index of the mode each sample was drawn from.

    Returns:
        float32 samples of shape `(n, dim)`, and with `return_modes=True` also their int64 mode
        indices of shape `(n,)`.

    Example:

    >>> from kerasgan.data import ring_of_gaussians, sample_mixture
    >>> x = sample_mixture(ring_of_gaussians(), 1000, seed=0)
    >>> x.shape, x.dtype.name
    ((1000, 2), 'float32')
    """
    check_spec(spec, "sample_mixture")
    n = positive_int(n, "n", "sample_mixture")
    optional_seed(seed, "sample_mixture")
    rng = np.random.default_rng(seed)
    modes = rng.integers(0, spec.num_modes, size=n)
    noise = rng.standard_normal((n, spec.dim))
    samples = (spec.centers[modes] + spec.stds[modes, None] * noise).astype("float32")
    if return_modes:
        return samples, modes.astype("int64")
    return samples


def check_spec(spec, caller):
    """Raise a clear `TypeError` unless `spec` is a `GaussianMixtureSpec`."""
    if not isinstance(spec, GaussianMixtureSpec):
        raise TypeError(
            f"{caller} expects a GaussianMixtureSpec (from ring_of_gaussians or "
            f"grid_of_gaussians); received {type(spec).__name__}."
        )
