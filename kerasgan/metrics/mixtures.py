"""Mode coverage on Gaussian mixtures: the 2D-ring and 2D-grid benchmarks of VEEGAN and PacGAN.

Definitions follow the PacGAN reference code (fjxmlzn/PacGAN,
`synthetic_data_experiments/PacGAN/pacgan/extensions.py`, `MetricLogger`, and the data configs
`synthetic_data_experiments/2DRing_GAN&PacGAN/config.py`, `.../2DGrid_GAN&PacGAN/config.py`),
which reuses VEEGAN's protocol (Srivastava et al. 2017, project page akashgit/VEEGAN `index.md`):

- each sample is assigned to the mode with the smallest *standardized* distance
  `||x - c_j|| / sigma_j` (the reference computes `sqrt(sum((x - mu_j)**2 / var_j))` per mode);
- it is *high quality* if that distance is below 3 (strictly, `min_dis < 3`);
- a mode is *covered* when at least one high-quality sample is assigned to it;
- the high-quality percentage is (high-quality samples) / (all samples);
- the reverse KL is `KL(p || uniform)` over modes, where `p` is the distribution of the
  high-quality samples over their modes (natural log, no smoothing; empty modes contribute 0).
  The reference logs this through the entropy `H(p)` of the same counts
  (`entropy_of_coverage`); `KL(p || uniform) = log(M) - H(p)`.

The reference layouts are a ring of 8 Gaussians with centers `(cos(2 pi i / 8), sin(2 pi i / 8))`
(radius 1) and standard deviation 0.01, and a 5x5 grid with centers in `{-4, -2, 0, 2, 4}^2` and
standard deviation 0.05; those are the defaults here. Other codebases draw a ring of radius 2 with
std 0.02; pass `radius=2.0, std=0.02` for that variant. Both VEEGAN and PacGAN evaluate 2,500
generated samples.

Note that even samples of the true mixture are not all "high quality": in two dimensions the
standardized distance is Rayleigh-distributed, so `P(d < 3) = 1 - exp(-9 / 2) ~= 0.9889`.
"""

import math
import numbers

import numpy as np
from keras import ops

HIGH_QUALITY_THRESHOLD = 3.0  # standard deviations, as in VEEGAN and PacGAN
REFERENCE_NUM_SAMPLES = 2500  # generated samples per evaluation in VEEGAN and PacGAN

_CHUNK = 65536  # samples per distance block: bounds memory at CHUNK x num_modes floats


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

    >>> from kerasgan.metrics.mixtures import GaussianMixtureSpec
    >>> spec = GaussianMixtureSpec([[0.0, 0.0], [3.0, 0.0]], std=[1.0, 0.1])
    >>> spec.num_modes, spec.dim, spec.stds.tolist()
    (2, 2, [1.0, 0.1])
    """

    def __init__(self, centers, std, name="mixture"):
        centers = np.array(_to_numpy(centers), dtype="float64")
        if centers.ndim != 2 or centers.shape[0] < 1 or centers.shape[1] < 1:
            raise ValueError(
                "GaussianMixtureSpec expects `centers` of shape (num_modes, dim) with at least "
                f"one mode; received shape {centers.shape}."
            )
        if not np.all(np.isfinite(centers)):
            raise ValueError("GaussianMixtureSpec expects finite `centers`; received NaN or inf.")
        std_array = np.array(_to_numpy(std), dtype="float64")
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

    >>> from kerasgan.metrics.mixtures import ring_of_gaussians
    >>> spec = ring_of_gaussians()
    >>> spec.num_modes, spec.std, spec.centers[2].round(6).tolist()
    (8, 0.01, [0.0, 1.0])
    """
    n = _positive_int(n, "n", "ring_of_gaussians")
    radius = _positive_float(radius, "radius", "ring_of_gaussians")
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

    >>> from kerasgan.metrics.mixtures import grid_of_gaussians
    >>> spec = grid_of_gaussians()
    >>> spec.num_modes, spec.std, spec.centers[0].tolist(), spec.centers[1].tolist()
    (25, 0.05, [-4.0, -4.0], [-4.0, -2.0])
    """
    side = _positive_int(side, "side", "grid_of_gaussians")
    spacing = _positive_float(spacing, "spacing", "grid_of_gaussians")
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

    >>> from kerasgan.metrics.mixtures import ring_of_gaussians, sample_mixture
    >>> x = sample_mixture(ring_of_gaussians(), 1000, seed=0)
    >>> x.shape, x.dtype.name
    ((1000, 2), 'float32')
    """
    _check_spec(spec, "sample_mixture")
    n = _positive_int(n, "n", "sample_mixture")
    if seed is not None and (not isinstance(seed, numbers.Integral) or isinstance(seed, bool)):
        raise ValueError(
            f"sample_mixture expects `seed` to be an int or None; received seed={seed!r}."
        )
    rng = np.random.default_rng(seed)
    modes = rng.integers(0, spec.num_modes, size=n)
    noise = rng.standard_normal((n, spec.dim))
    samples = (spec.centers[modes] + spec.stds[modes, None] * noise).astype("float32")
    if return_modes:
        return samples, modes.astype("int64")
    return samples


def assign_modes(samples, spec):
    """The nearest mode of each sample, by standardized distance, and that distance.

    `d_j(x) = ||x - c_j|| / sigma_j`; the nearest mode minimises `d_j` (ties go to the lower
    index, as in the reference's strict `<` scan). With equal standard deviations this is the
    Euclidean nearest center. Non-finite samples get an infinite or NaN distance.

    Args:
        samples: an array or backend tensor of shape `(N, dim)`.
        spec: a `GaussianMixtureSpec`.

    Returns:
        `(modes, distances)`: int64 mode indices and float64 standardized distances, shape `(N,)`.

    Example:

    >>> from kerasgan.metrics.mixtures import GaussianMixtureSpec, assign_modes
    >>> spec = GaussianMixtureSpec([[0.0, 0.0], [3.0, 0.0]], std=[1.0, 0.1])
    >>> modes, dist = assign_modes([[2.0, 0.0]], spec)  # 2 sigma from mode 0, 10 sigma from mode 1
    >>> int(modes[0]), float(dist[0])
    (0, 2.0)
    """
    _check_spec(spec, "assign_modes")
    x = _check_samples(samples, spec, "assign_modes")
    modes = np.empty((x.shape[0],), dtype="int64")
    distances = np.empty((x.shape[0],), dtype="float64")
    with np.errstate(invalid="ignore", over="ignore"):
        for start in range(0, x.shape[0], _CHUNK):
            block = x[start : start + _CHUNK]
            diff = block[:, None, :] - spec.centers[None, :, :]
            d = np.sqrt(np.sum(np.square(diff), axis=-1)) / spec.stds[None, :]
            nearest = np.argmin(np.where(np.isnan(d), np.inf, d), axis=1)
            modes[start : start + len(block)] = nearest
            distances[start : start + len(block)] = d[np.arange(len(block)), nearest]
    return modes, distances


def mixture_mode_metrics(samples, spec, threshold=HIGH_QUALITY_THRESHOLD):
    """Modes covered, high-quality fraction and reverse KL of generated samples.

    VEEGAN (Srivastava et al., NeurIPS 2017, Sec. 5.1) and PacGAN (Lin et al., NeurIPS 2018,
    Sec. 5.1, Table 1), matching the PacGAN reference `MetricLogger` (fjxmlzn/PacGAN
    `synthetic_data_experiments/PacGAN/pacgan/extensions.py`). With `j(x)` the nearest mode by
    standardized distance `d(x) = min_j ||x - c_j|| / sigma_j`:

        high quality:       d(x) < threshold            (threshold = 3)
        n_j               = #{high-quality x with j(x) = j}
        modes_covered     = #{j : n_j >= 1}
        high_quality_frac = sum_j n_j / N
        reverse_kl        = KL(p || U) = sum_{j: p_j > 0} p_j log(M p_j),   p_j = n_j / sum_j n_j

    where `U` is uniform over the `M` modes (the real mixture's mode distribution). The reverse KL
    is NaN when no sample is high quality (`p` is then undefined). Samples that are NaN or inf
    are never high quality. The benchmarks evaluate 2,500 samples.

    Args:
        samples: generated samples, an array or backend tensor of shape `(N, dim)`.
        spec: the `GaussianMixtureSpec` the model was trained on.
        threshold: the high-quality radius in standard deviations (3 in both papers).

    Returns:
        A dict with `"modes_covered"` (int), `"num_modes"` (int), `"high_quality_fraction"`
        (float in [0, 1]), `"high_quality_percent"` (the same times 100), `"reverse_kl"` (float,
        nats) and `"num_samples"` (int).

    Example:

    >>> from kerasgan.metrics.mixtures import grid_of_gaussians, mixture_mode_metrics, sample_mixture
    >>> spec = grid_of_gaussians()
    >>> m = mixture_mode_metrics(sample_mixture(spec, 2500, seed=0), spec)
    >>> m["modes_covered"], m["num_modes"], m["high_quality_fraction"] > 0.97, m["reverse_kl"] < 0.01
    (25, 25, True, True)
    >>> m = mixture_mode_metrics(spec.centers[:5], spec)  # one sample on each of 5 modes
    >>> m["modes_covered"], round(m["reverse_kl"], 6) == round(float(np.log(25 / 5)), 6)
    (5, True)
    """
    _check_spec(spec, "mixture_mode_metrics")
    if (
        not isinstance(threshold, numbers.Real)
        or isinstance(threshold, bool)
        or not math.isfinite(threshold)
        or threshold <= 0
    ):
        raise ValueError(
            f"mixture_mode_metrics expects a positive finite `threshold`; received {threshold!r}."
        )
    modes, distances = assign_modes(samples, spec)
    with np.errstate(invalid="ignore"):
        high_quality = distances < float(threshold)
    counts = np.bincount(modes[high_quality], minlength=spec.num_modes)
    num_samples = int(modes.shape[0])
    fraction = float(np.count_nonzero(high_quality)) / num_samples
    return {
        "modes_covered": int(np.count_nonzero(counts)),
        "num_modes": spec.num_modes,
        "high_quality_fraction": fraction,
        "high_quality_percent": 100.0 * fraction,
        "reverse_kl": _kl_to_uniform(counts),
        "num_samples": num_samples,
    }


def _kl_to_uniform(counts):
    """`KL(counts / sum(counts) || uniform)` in nats; NaN for an all-zero histogram."""
    total = counts.sum()
    if total == 0:
        return float("nan")
    p = counts[counts > 0] / total
    return float(max(np.sum(p * np.log(p * counts.shape[0])), 0.0))


def _to_numpy(x):
    if isinstance(x, (np.ndarray, numbers.Number, list, tuple)):
        return x
    return ops.convert_to_numpy(x)


def _check_spec(spec, caller):
    if not isinstance(spec, GaussianMixtureSpec):
        raise TypeError(
            f"{caller} expects a GaussianMixtureSpec (from ring_of_gaussians or "
            f"grid_of_gaussians); received {type(spec).__name__}."
        )


def _check_samples(samples, spec, caller):
    x = np.asarray(_to_numpy(samples))
    if x.dtype == bool or not (
        np.issubdtype(x.dtype, np.floating) or np.issubdtype(x.dtype, np.integer)
    ):
        raise TypeError(f"{caller} expects real-valued samples; received dtype {x.dtype}.")
    if x.ndim != 2 or x.shape[1] != spec.dim or x.shape[0] < 1:
        raise ValueError(
            f"{caller} expects samples of shape (N, {spec.dim}) with N >= 1 for this "
            f"{spec.dim}-D mixture; received shape {x.shape}."
        )
    return x.astype("float64")


def _positive_int(value, name, caller):
    if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
        raise ValueError(
            f"{caller} expects `{name}` to be a positive int; received {name}={value!r}."
        )
    return int(value)


def _positive_float(value, name, caller):
    if (
        not isinstance(value, numbers.Real)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValueError(
            f"{caller} expects `{name}` to be a positive number; received {name}={value!r}."
        )
    return float(value)
