"""Per-example randomness that does not depend on how the batch is split across replicas."""

from kerasgan.backend import replica


def per_example(draw, n):
    """`draw(n)`: `n` per-example random values (latents, labels, noise), given `draw(m)` that
    draws `m` from the model's seed generator. Under `tf.distribute` with `R` replicas each
    replica holds `n` of the global batch's `n * R` examples: it draws all `n * R` (every replica
    shares the seed state) and keeps its own slice, so the values are the ones a single device
    draws for the same global batch, not `R` copies of the same draw."""
    replicas, index = replica()
    if replicas == 1:
        return draw(n)
    return draw(n * replicas)[index * n : (index + 1) * n]
