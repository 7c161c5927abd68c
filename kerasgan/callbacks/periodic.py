"""The period rule shared by the epoch callbacks: every N epochs, and always the last one."""


def every_n_epochs_arg(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"`every_n_epochs` must be a positive int; received {value!r}.")
    return value


def is_due(callback, epoch, every_n_epochs):
    """Whether `callback` acts at the end of 0-based `epoch`: every `every_n_epochs`, and the last
    epoch of `fit`."""
    last = callback.params is not None and epoch + 1 == callback.params.get("epochs")
    return last or (epoch + 1) % every_n_epochs == 0
