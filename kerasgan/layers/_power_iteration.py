"""Power iteration shared by the spectral-normalization layers."""

from keras import ops


def _l2normalize(x, epsilon):
    return x / (ops.sqrt(ops.sum(ops.square(x))) + epsilon)


def spectral_normalize(w_mat, u, power_iterations, epsilon):
    """`(sigma, new_u)`: see `spectral_normalize_uv`, which also returns the new `v`."""
    sigma, u_hat, _ = spectral_normalize_uv(w_mat, u, power_iterations, epsilon)
    return sigma, u_hat


def spectral_normalize_uv(w_mat, u, power_iterations, epsilon):
    """Estimate the largest singular value of `w_mat` by power iteration.

    Follows `max_singular_value` of Miyato et al.'s Chainer code
    (pfnet-research/sngan_projection, source/functions/max_sv.py): the vectors `u` and `v`
    are constants for the gradient, so `sigma` is differentiable with respect to `w_mat` only.

    Args:
        w_mat: matrix of shape `(R, C)`.
        u: current estimate of the left singular vector, shape `(1, R)`.
        power_iterations: number of iterations (at least 1).
        epsilon: added to norms before dividing.

    Returns:
        `(sigma, new_u, new_v)`: the scalar estimate and the updated vectors, shapes `(1, R)` and
        `(1, C)`.
    """
    w_const = ops.stop_gradient(w_mat)
    u_hat = ops.stop_gradient(ops.cast(u, w_mat.dtype))
    v_hat = None
    for _ in range(power_iterations):
        v_hat = _l2normalize(ops.matmul(u_hat, w_const), epsilon)
        u_hat = _l2normalize(ops.matmul(v_hat, ops.transpose(w_const)), epsilon)
    u_hat = ops.stop_gradient(u_hat)
    v_hat = ops.stop_gradient(v_hat)
    sigma = ops.sum(ops.matmul(u_hat, w_mat) * v_hat)
    return sigma, u_hat, v_hat
