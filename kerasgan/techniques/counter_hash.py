"""Random numbers that are the same on every backend: a counter-based integer hash in `keras.ops`.

`keras.random` draws from each backend's own generator, so the same seed gives different numbers on
TensorFlow, JAX and torch. The draws here are a hash of `(seed, counter, stream, index)` computed in
int32 arithmetic, whose wrap-around multiplication and masked shifts are bit-identical on the three
backends (and in NumPy's uint32), inside compiled steps too. The mixer is Chris Wellons'
"lowbias32" (two multiply-xorshift rounds).
"""

import numpy as np
from keras import ops

_M1 = np.int32(0x7FEB352D)
_M2 = np.int32(0x846CA68B - (1 << 32))
_GOLDEN = np.int32(0x9E3779B9 - (1 << 32))


def _xorshift(x, bits):
    return ops.bitwise_xor(x, ops.bitwise_and(ops.right_shift(x, bits), (1 << (32 - bits)) - 1))


def mix(x):
    """The lowbias32 hash of int32 `x`, as int32 (the bits of the uint32 result)."""
    x = _xorshift(x, 16)
    x = ops.multiply(x, _M1)
    x = _xorshift(x, 15)
    x = ops.multiply(x, _M2)
    return _xorshift(x, 16)


def hash_bits(seed, counter, stream, n):
    """`n` hashed int32 values for draw number `counter` of random stream `stream`."""
    key = mix(ops.add(ops.multiply(ops.cast(counter, "int32"), _GOLDEN), np.int32(stream)))
    key = mix(ops.bitwise_xor(key, np.int32(seed)))
    return mix(ops.add(ops.arange(n, dtype="int32"), key))


def uniform(seed, counter, stream, n):
    """`n` float32 values in [0, 1), multiples of 2^-24."""
    bits = ops.bitwise_and(ops.right_shift(hash_bits(seed, counter, stream, n), 8), 0xFFFFFF)
    return ops.cast(bits, "float32") * np.float32(2.0**-24)


def randint(seed, counter, stream, n, low, high):
    """`n` int32 values in [low, high) (Python ints)."""
    positive = ops.bitwise_and(hash_bits(seed, counter, stream, n), 0x7FFFFFFF)
    return ops.add(ops.mod(positive, np.int32(high - low)), np.int32(low))
