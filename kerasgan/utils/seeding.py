"""Initial weights fixed by a model's `seed`, on every backend."""

import contextlib
import functools
import inspect
import random


@contextlib.contextmanager
def seeded_construction(seed):
    """Within the block, Keras's unseeded initializers and seed generators draw their seeds from
    `seed`: Keras takes them from Python's `random` module (`keras.random.make_default_seed`), so
    the block seeds that module and restores its state after. `seed=None` changes nothing.

    Example:

    ```python
    with seeded_construction(0):
        generator = kerasgan.models.DCGANGenerator(100, (28, 28, 1), 64)  # same weights every run
    ```
    """
    if seed is None:
        yield
        return
    state = random.getstate()
    random.seed(int(seed))
    try:
        yield
    finally:
        random.setstate(state)


def seeded_init(init):
    """Wrap a constructor taking `seed=` (a keyword) so it runs under `seeded_construction(seed)`."""

    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        with seeded_construction(kwargs.get("seed")):
            init(self, *args, **kwargs)

    # Keras reads constructor arguments from the signature (inspect.getfullargspec ignores __wrapped__).
    wrapper.__signature__ = inspect.signature(init)
    return wrapper
