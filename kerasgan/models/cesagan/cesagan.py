import keras
import numpy as np
from keras import ops

from kerasgan.core.gan import GAN
from kerasgan.levels.render import render_levels
from kerasgan.levels.zelda import LEVEL_SHAPE
from kerasgan.levels.zelda import PADDED_SHAPE
from kerasgan.levels.zelda import TILES
from kerasgan.levels.zelda import decode_levels
from kerasgan.levels.zelda import level_conditions
from kerasgan.models.cesagan.cesagan_discriminator import CESAGANDiscriminator
from kerasgan.models.cesagan.cesagan_generator import CESAGANGenerator


@keras.saving.register_keras_serializable(package="kerasgan")
class CESAGAN(GAN):
    """CESAGAN: Torrado, Khalifa, Green, Justesen, Risi & Togelius, "Bootstrapping Conditional
    GANs for Video Game Level Generation", IEEE CoG 2020 (arXiv:1910.01603).

    A conditional self-attention GAN of GVGAI Zelda levels. Levels are one-hot tile maps (8 tile
    types, the 9×13 level in the top-left corner of a 16×16 grid padded with walls: our choice,
    so two stride-2 layers reach 4×4); the generator ends in a softmax over tiles and levels are
    decoded by argmax (`generate_levels`). Both networks take the level's property vector u:
    log(1 + count) of each tile type (walls, floor, avatar, key, door, three monsters — the
    paper conditions on object counts; the log scaling is ours). Fakes are generated for the
    real batch's property vectors; `generate` without `labels` draws property vectors of the
    current training levels (`set_training_levels`). Bootstrapping — adding the unique playable
    generated levels that are not copies of the training set to the training set after each
    round — is `kerasgan.models.cesagan.train_with_bootstrapping`.

    What follows SAGAN (Zhang et al., ICML 2019, the paper's base model) rather than the
    unpublished CESAGAN code: hinge loss, spectral norm in G and D, BatchNorm in G,
    self-attention in both, Adam with TTUR (G 1e-4, D 4e-4, β = (0, 0.9)), one D step per G
    step. Latent size 32, widths and the embedding size are our choices (see the networks).

    Args:
        generator, discriminator: networks; built from the arguments below when omitted.
        latent_dim, filters, embedding_dim: the default networks.
        g_learning_rate, d_learning_rate: TTUR learning rates.
        condition_capacity: most training levels whose property vectors `generate` can draw from.
        **kwargs: `GAN` arguments.

    Example:

    ```python
    levels = kerasgan.levels.load_zelda_levels()
    gan = kerasgan.models.CESAGAN(filters=16, embedding_dim=8, seed=0)
    gan.set_training_levels(levels)
    gan.compile()
    x, u = kerasgan.levels.encode_levels(levels), kerasgan.levels.level_conditions(levels)
    gan.fit(np.repeat(x, 8, axis=0), np.repeat(u, 8, axis=0), batch_size=8, epochs=1)
    print(kerasgan.levels.format_level(gan.generate_levels(1, seed=0)[0]))
    ```
    """

    data_range = (0.0, 1.0)  # one-hot tile maps

    def __init__(self, generator=None, discriminator=None, latent_dim=32, filters=64, embedding_dim=32,
                 g_learning_rate=1e-4, d_learning_rate=4e-4, condition_capacity=4096, adversarial_loss="hinge",
                 **kwargs):
        shape = (*PADDED_SHAPE, len(TILES))
        generator = generator or CESAGANGenerator(latent_dim, len(TILES), shape, filters, embedding_dim)
        discriminator = discriminator or CESAGANDiscriminator(generator.image_shape, generator.condition_dim, filters,
                                                              embedding_dim)
        super().__init__(generator, discriminator, adversarial_loss=adversarial_loss, **kwargs)
        if not self.condition_dim:
            raise ValueError("CESAGAN needs networks conditioned on property vectors (`condition_dim` > 0).")
        if isinstance(condition_capacity, bool) or not isinstance(condition_capacity, int) or condition_capacity < 1:
            raise ValueError(f"`condition_capacity` must be a positive int; received {condition_capacity!r}.")
        self.g_learning_rate = float(g_learning_rate)
        self.d_learning_rate = float(d_learning_rate)
        self.condition_capacity = condition_capacity
        self.condition_bank = self.add_weight(shape=(condition_capacity, self.condition_dim), initializer="zeros",
                                              trainable=False, name="condition_bank")
        self.condition_count = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                               name="condition_count")

    def default_optimizers(self):
        return (
            keras.optimizers.Adam(self.g_learning_rate, beta_1=0.0, beta_2=0.9),
            keras.optimizers.Adam(self.d_learning_rate, beta_1=0.0, beta_2=0.9),
        )

    def set_training_levels(self, levels):
        """Remember the property vectors of the training levels: `generate` without `labels`
        conditions on them (uniformly drawn)."""
        conditions = level_conditions(levels)
        if len(conditions) > self.condition_capacity:
            raise ValueError(
                f"CESAGAN keeps the property vectors of at most condition_capacity={self.condition_capacity} "
                f"training levels; received {len(conditions)}. Build it with a larger `condition_capacity`."
            )
        bank = np.zeros((self.condition_capacity, self.condition_dim), "float32")
        bank[: len(conditions)] = conditions
        self.condition_bank.assign(bank)
        self.condition_count.assign(len(conditions))

    def sample_conditions(self, rng, n):
        count = int(ops.convert_to_numpy(self.condition_count))
        if count == 0:
            raise ValueError(
                "CESAGAN draws property vectors from its training levels, and none are set: call "
                "`set_training_levels(levels)` or pass `labels` (float vectors of shape "
                f"({n}, {self.condition_dim}), e.g. kerasgan.levels.level_conditions(levels))."
            )
        bank = ops.convert_to_numpy(self.condition_bank)[:count]
        return bank[rng.integers(0, count, size=n)]

    def generate_levels(self, n, seed=None, conditions=None, batch_size=256):
        """`n` generated levels as a `(n, 9, 13)` array of tile characters (argmax of the
        generator's tile probabilities, padding cropped); `conditions` as in `generate`'s labels."""
        levels = decode_levels(self.generate(n, seed=seed, labels=conditions, batch_size=batch_size))
        assert levels.shape[1:] == LEVEL_SHAPE
        return levels

    def save_samples_picture(self, path, seed=0):
        """20 generated levels drawn as coloured tiles, 5 per row."""
        return render_levels(self.generate_levels(20, seed=seed), path, columns=5)

    def get_config(self):
        return {
            **super().get_config(),
            "g_learning_rate": self.g_learning_rate,
            "d_learning_rate": self.d_learning_rate,
            "condition_capacity": self.condition_capacity,
        }
