import random

import keras
import numpy as np
from keras import ops

from kerasgan.backend import replica_sum
from kerasgan.backend.replicas import per_example
from kerasgan.techniques import counter_hash
from kerasgan.techniques.technique import Technique

POLICIES = ("color", "translation", "cutout")
# Random streams of one draw: per-image parameters of each augmentation and its apply flag (ADA).
_BRIGHTNESS, _SATURATION, _CONTRAST, _SHIFT_H, _SHIFT_W, _CUT_H, _CUT_W = range(7)
_APPLY = {"color": 7, "translation": 8, "cutout": 9}


@keras.saving.register_keras_serializable(package="kerasgan")
class DiffAugment(Technique):
    """Differentiable augmentation of every image a GAN's discriminator sees (DiffAugment).

    Zhao et al., "Differentiable Augmentation for Data-Efficient GAN Training", NeurIPS 2020,
    following the authors' `DiffAugment_pytorch.py` (mit-han-lab/data-efficient-gans):
    - `color`: brightness `x + (u - 0.5)`, saturation `(x - mean_c) * 2u + mean_c`, contrast
      `(x - mean) * (u + 0.5) + mean`, one `u ~ U[0, 1)` per image each;
    - `translation`: a shift of each image by integers in [-H/8, H/8] × [-W/8, W/8], vacated pixels 0;
    - `cutout`: one zeroed square of (H/2) × (W/2) per image, its centre anywhere in the image
      (clipped at the borders), as the reference draws it.
    All are written in `keras.ops`, differentiable with respect to the images (the generator
    learns through them) and run inside compiled steps. A technique: given to a GAN in
    `techniques=[...]` (or as the shorthand `augment=`), it augments the real and the generated
    images the discriminator's adversarial output sees in the discriminator and generator
    updates (each call draws fresh parameters); called on images, it is a plain layer.

    Deviation: the random parameters come from a counter-based hash (`counter_hash`), not from
    the backend's generator, so the same `seed` gives the same augmentations on TensorFlow, JAX and
    torch; the draw counter is a variable of the layer, saved with the model, so a resumed run
    continues the sequence.

    Adaptive probability (ADA; Karras et al., "Training Generative Adversarial Networks with
    Limited Data", NeurIPS 2020): with `adaptive=True` each policy is applied to each image with
    probability p, starting at 0; every `adjust_every` discriminator updates p moves by
    `sign(r_t - target) * images / adjust_images` (clipped to [0, 1]), where r_t = E[sign(D(real))]
    over those updates — the paper's heuristic, target 0.6, p able to go from 0 to 1 in 500k images.
    The GAN then logs p as `ada_p`.
    `probability` < 1 without `adaptive` applies each policy with that fixed probability.

    Args:
        policy: comma-separated names from `color`, `translation`, `cutout` (the paper's
            low-data setting uses all three).
        probability: probability of applying each policy to an image (ignored with `adaptive`,
            which starts at 0).
        adaptive: adjust the probability from the discriminator's real outputs (ADA).
        target: ADA's target r_t.
        adjust_every: discriminator updates between ADA adjustments.
        adjust_images: images over which p can move by 1.
        translation_ratio, cutout_ratio: the largest shift and the cutout size as a fraction of
            the image side (reference: 1/8 and 1/2).
        seed: int seed of the augmentations (default: drawn from Python's `random`, as Keras draws
            its default seeds, so `keras.utils.set_random_seed` fixes it; kept in the config).

    Example:

    ```python
    import numpy as np
    import kerasgan
    augment = kerasgan.augment.DiffAugment("color,translation,cutout", seed=0)
    images = augment(np.zeros((4, 32, 32, 3), "float32"))
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8, augment="color,translation,cutout")
    ```
    """

    def __init__(
        self,
        policy="color,translation,cutout",
        probability=1.0,
        adaptive=False,
        target=0.6,
        adjust_every=4,
        adjust_images=500_000,
        translation_ratio=0.125,
        cutout_ratio=0.5,
        seed=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        names = tuple(p.strip() for p in str(policy).split(",") if p.strip())
        unknown = [p for p in names if p not in POLICIES]
        if not names or unknown or len(set(names)) != len(names):
            raise ValueError(
                f"DiffAugment `policy` is a comma-separated list of distinct names from {POLICIES}; "
                f"received {policy!r}."
            )
        if not 0.0 <= float(probability) <= 1.0:
            raise ValueError(f"`probability` must be in [0, 1]; received {probability!r}.")
        if not 0.0 < float(target) < 1.0:
            raise ValueError(f"`target` must be in (0, 1); received {target!r}.")
        for name, value in (("adjust_every", adjust_every), ("adjust_images", adjust_images)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"`{name}` must be a positive int; received {value!r}.")
        for name, value in (("translation_ratio", translation_ratio), ("cutout_ratio", cutout_ratio)):
            if not 0.0 < float(value) <= 1.0:
                raise ValueError(f"`{name}` must be in (0, 1]; received {value!r}.")
        if seed is None:
            seed = random.randint(0, 2**31 - 2)  # where Keras draws default seeds: set_random_seed fixes it
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise ValueError(f"`seed` must be an int or None; received {seed!r}.")
        self.policy = ",".join(names)
        self.policies = names
        self.adaptive = bool(adaptive)
        self.initial_probability = float(probability)
        self.target = float(target)
        self.adjust_every = adjust_every
        self.adjust_images = adjust_images
        self.translation_ratio = float(translation_ratio)
        self.cutout_ratio = float(cutout_ratio)
        self.seed = int(seed) % (2**31)
        self.counter = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False, name="counter")
        self.probability = self.add_weight(
            shape=(),
            initializer=keras.initializers.Constant(0.0 if self.adaptive else self.initial_probability),
            trainable=False,
            name="probability",
        )
        self.sign_sum = self.add_weight(shape=(), initializer="zeros", trainable=False, name="sign_sum")
        self.sign_count = self.add_weight(shape=(), initializer="zeros", trainable=False, name="sign_count")
        self.updates_seen = self.add_weight(
            shape=(), dtype="int32", initializer="zeros", trainable=False, name="updates_seen"
        )
        self.built = True

    # ----------------------------------------------------------- draws
    def random_parameters(self, n, height, width, counter):
        """The per-image parameters of draw number `counter` for `n` images of `height` × `width`:
        `{name: (n,) tensor}`."""

        def uniform(stream):
            return per_example(lambda m: counter_hash.uniform(self.seed, counter, stream, m), n)

        def randint(stream, low, high):
            return per_example(lambda m: counter_hash.randint(self.seed, counter, stream, m, low, high), n)

        h, w = height, width
        params = {}
        if "color" in self.policies:
            params.update(brightness=uniform(_BRIGHTNESS), saturation=uniform(_SATURATION), contrast=uniform(_CONTRAST))
        if "translation" in self.policies:
            sh, sw = int(h * self.translation_ratio), int(w * self.translation_ratio)
            params.update(shift_h=randint(_SHIFT_H, -sh, sh + 1), shift_w=randint(_SHIFT_W, -sw, sw + 1))
        if "cutout" in self.policies:
            ch, cw = int(h * self.cutout_ratio), int(w * self.cutout_ratio)
            params.update(cut_h=randint(_CUT_H, 0, h + 1 - ch % 2), cut_w=randint(_CUT_W, 0, w + 1 - cw % 2))
        if self.adaptive or self.initial_probability < 1.0:
            params.update({f"apply_{name}": uniform(_APPLY[name]) for name in self.policies})
        return params

    def augment(self, images, params, probability=None):
        """`images` augmented with `params` (from `random_parameters`); each policy applied where
        `apply_<policy> < probability` when those are given."""
        x = ops.convert_to_tensor(images)
        for name in self.policies:
            out = getattr(self, f"_{name}")(x, params)
            if f"apply_{name}" in params:
                keep = ops.less(params[f"apply_{name}"], ops.cast(probability, "float32"))
                out = ops.where(ops.reshape(keep, (-1, 1, 1, 1)), out, x)
            x = out
        return x

    def call(self, images):
        x = ops.convert_to_tensor(images)
        if len(x.shape) != 4:
            raise ValueError(f"DiffAugment expects images (N, H, W, C); received shape {tuple(x.shape)}.")
        counter = ops.convert_to_tensor(self.counter)
        params = self.random_parameters(ops.shape(x)[0], int(x.shape[1]), int(x.shape[2]), counter)
        self.counter.assign(counter + 1)
        return self.augment(x, params, ops.convert_to_tensor(self.probability))

    @property
    def loss_terms(self):
        return ("ada_p",) if self.adaptive else ()

    def see_real(self, gan, images, step):
        return self(images)

    def see_fake(self, gan, images, step):
        return self(images)

    def discriminator_terms(self, gan, step):
        self.observe(step.real_logits)
        return {}

    def logs(self, gan):
        return {"ada_p": ops.convert_to_tensor(self.probability)} if self.adaptive else {}

    def observe(self, real_logits):
        """ADA: count the signs of the discriminator's outputs on augmented real images and, every
        `adjust_every` calls, move the probability towards the target r_t (no-op unless adaptive)."""
        if not self.adaptive:
            return
        logits = ops.cast(ops.reshape(ops.stop_gradient(real_logits), (-1,)), "float32")
        probability = ops.convert_to_tensor(self.probability)
        # The global batch's signs under tf.distribute: every replica adjusts p alike.
        batch = replica_sum(ops.stack([ops.sum(ops.sign(logits)), ops.cast(ops.shape(logits)[0], "float32")]))
        signs = ops.convert_to_tensor(self.sign_sum) + batch[0]
        count = ops.convert_to_tensor(self.sign_count) + batch[1]
        updates = ops.convert_to_tensor(self.updates_seen) + 1
        adjust = ops.greater_equal(updates, self.adjust_every)
        step = ops.sign(signs / count - self.target) * count / float(self.adjust_images)
        self.probability.assign(ops.where(adjust, ops.clip(probability + step, 0.0, 1.0), probability))
        self.sign_sum.assign(ops.where(adjust, 0.0, signs))
        self.sign_count.assign(ops.where(adjust, 0.0, count))
        self.updates_seen.assign(ops.where(adjust, 0, updates))

    # --------------------------------------------------- augmentations
    @staticmethod
    def _per_image(values, x):
        return ops.cast(ops.reshape(values, (-1, 1, 1, 1)), x.dtype)

    def _color(self, x, params):
        x = x + (self._per_image(params["brightness"], x) - 0.5)
        mean = ops.mean(x, axis=-1, keepdims=True)
        x = (x - mean) * (self._per_image(params["saturation"], x) * 2.0) + mean
        mean = ops.mean(x, axis=(1, 2, 3), keepdims=True)
        return (x - mean) * (self._per_image(params["contrast"], x) + 0.5) + mean

    def _translation(self, x, params):
        h, w = int(x.shape[1]), int(x.shape[2])
        n = ops.shape(x)[0]
        padded = ops.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
        rows = ops.clip(ops.arange(h, dtype="int32")[None, :] + params["shift_h"][:, None] + 1, 0, h + 1)
        cols = ops.clip(ops.arange(w, dtype="int32")[None, :] + params["shift_w"][:, None] + 1, 0, w + 1)
        image = ops.arange(n, dtype="int32")[:, None, None] * ((h + 2) * (w + 2))
        index = image + rows[:, :, None] * (w + 2) + cols[:, None, :]
        flat = ops.reshape(padded, (-1, ops.shape(x)[-1]))
        return ops.reshape(ops.take(flat, ops.reshape(index, (-1,)), axis=0), ops.shape(x))

    def _cutout(self, x, params):
        def inside(size, centre):
            length = int(size * self.cutout_ratio)
            start = ops.maximum(centre - length // 2, 0)[:, None]
            stop = ops.minimum(centre - length // 2 + length, size)[:, None]
            grid = ops.arange(size, dtype="int32")[None, :]
            return ops.logical_and(ops.greater_equal(grid, start), ops.less(grid, stop))

        rows = inside(int(x.shape[1]), params["cut_h"])
        cols = inside(int(x.shape[2]), params["cut_w"])
        mask = 1.0 - ops.cast(ops.logical_and(rows[:, :, None], cols[:, None, :]), x.dtype)
        return x * mask[..., None]

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "policy": self.policy,
            "probability": self.initial_probability,
            "adaptive": self.adaptive,
            "target": self.target,
            "adjust_every": self.adjust_every,
            "adjust_images": self.adjust_images,
            "translation_ratio": self.translation_ratio,
            "cutout_ratio": self.cutout_ratio,
            "seed": self.seed,
        }
