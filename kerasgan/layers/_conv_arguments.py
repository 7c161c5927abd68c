"""Argument checks shared by the convolution layers."""


def pair(value, name):
    """`value` as a (height, width) pair of positive ints; a clear error otherwise."""
    pair = (value, value) if isinstance(value, int) and not isinstance(value, bool) else value
    if (
        not isinstance(pair, (tuple, list))
        or len(pair) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in pair)
    ):
        raise ValueError(
            f"`{name}` must be a positive integer or a pair of positive integers. "
            f"Received: {name}={value}"
        )
    return tuple(pair)
