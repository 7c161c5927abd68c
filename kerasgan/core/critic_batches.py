"""How a `fit` batch becomes the real images of the discriminator updates: the one place of the
`n_critic` batching rule."""

from keras import ops

from kerasgan import backend


def iteration_batch_size(critic_batch_size, n_critic):
    """Images per `fit` batch for `critic_batch_size` real images per discriminator update: each
    `fit` batch is one GAN iteration of `n_critic` discriminator updates."""
    if isinstance(critic_batch_size, bool) or not isinstance(critic_batch_size, int) or critic_batch_size < 1:
        raise ValueError(f"`critic_batch_size` must be a positive int; received {critic_batch_size!r}.")
    return critic_batch_size * n_critic


def split_for_critic_steps(images, labels, n_critic):
    """Split a batch of `n` images (and labels) into `n_critic` consecutive chunks, one per
    discriminator update, of ⌊n / n_critic⌋ or ⌈n / n_critic⌉ images: every image is used once,
    none is dropped. Returns `[(real, real_labels), ...]`.

    Works with a static or a dynamic batch size (TensorFlow graphs), since the boundaries are
    `i * n // n_critic`.
    """
    n = ops.shape(images)[0]
    bounds = [i * n // n_critic for i in range(n_critic + 1)]
    chunks = []
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        chunks.append((images[start:stop], None if labels is None else labels[start:stop]))
    return chunks


def generator_batch_size(g_batch_size, real):
    """Fakes in this replica's generator update: all of `real`'s count, or the global
    `g_batch_size` divided over the replicas of a distribution strategy."""
    if g_batch_size is None:
        return ops.shape(real)[0]
    replicas = backend.replica()[0]
    if g_batch_size % replicas:
        raise ValueError(
            f"`g_batch_size`={g_batch_size} must divide evenly over the {replicas} replicas of the "
            "distribution strategy."
        )
    return g_batch_size // replicas
