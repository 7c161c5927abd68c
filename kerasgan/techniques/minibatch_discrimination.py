import math

import keras
from keras import ops

from kerasgan.techniques.technique import Technique


@keras.saving.register_keras_serializable(package="kerasgan")
class MinibatchDiscrimination(Technique):
    """Minibatch discrimination: the discriminator also sees how close each example's features are
    to the other examples' in its batch, so a generator that collapses is easy to tell apart.

    Salimans, Goodfellow, Zaremba, Cheung, Radford & Chen, "Improved Techniques for Training GANs",
    NeurIPS 2016, section 3.2; reference: openai/improved-gan, `mnist_svhn_cifar10/nn.py`
    (`MinibatchLayer(num_kernels, dim_per_kernel=5)`), placed on the discriminator's last features
    before its output layer. With f(x_i) ∈ ℝ^F the penultimate features, a tensor T ∈ ℝ^{F×B×C}
    (the reference's weight-normalised θ: `T = θ · exp(s) / ‖θ‖` over F, θ ~ N(0, 0.05²), s = 0)
    gives M_i = f(x_i)·T ∈ ℝ^{B×C}, and for each kernel b

        o_b(x_i) = Σ_{j≠i} exp(−Σ_c |M_i,b,c − M_j,b,c|) + β_b     (β = −1 at the start)

    The reference concatenates o(x_i) to f(x_i) before the output layer; a linear output layer on
    the concatenation is the discriminator's own logit plus v·o(x_i), so the technique adds
    `v·o(x_i)` (v ∈ ℝ^B, N(0, 0.05²)) to the discriminator's logits wherever the GAN runs it
    (`extend_logits`): the same function, for every discriminator that gives its features.

    Deviations: no data-dependent initialisation of s, β and the output weights (the reference
    rescales them on the first batch); v is a separate vector rather than new columns of the
    model's output layer (the same function; its initialisation is the reference's θ scale). A
    gradient penalty on interpolates sees a batch mixed by the technique, as with ProGAN's
    minibatch standard deviation.

    Args:
        num_kernels: B (100 in the reference).
        kernel_dim: C (5 in the reference).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.MinibatchDiscrimination()])
    ```
    """

    extends_discriminator = True

    def __init__(self, num_kernels=100, kernel_dim=5, **kwargs):
        super().__init__(**kwargs)
        for name, value in (("num_kernels", num_kernels), ("kernel_dim", kernel_dim)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"MinibatchDiscrimination expects `{name}` as an int >= 1; received {value!r}.")
        self.num_kernels = num_kernels
        self.kernel_dim = kernel_dim

    def attach(self, gan):
        features = math.prod(gan.discriminator.feature_shape)
        normal = keras.initializers.RandomNormal(stddev=0.05)
        self.theta = self.add_weight(shape=(features, self.num_kernels, self.kernel_dim), initializer=normal,
                                     name="theta")
        self.log_scale = self.add_weight(shape=(self.num_kernels, self.kernel_dim), initializer="zeros",
                                         name="log_scale")
        self.offset = self.add_weight(shape=(self.num_kernels,), initializer=keras.initializers.Constant(-1.0),
                                      name="offset")
        self.output_weights = self.add_weight(shape=(self.num_kernels,), initializer=normal, name="output_weights")

    def closeness(self, features):
        """o(x): `(N, num_kernels)`, each example's summed closeness to the rest of its batch."""
        features = ops.cast(features, "float32")
        features = ops.reshape(features, (ops.shape(features)[0], -1))
        theta = ops.convert_to_tensor(self.theta)
        kernel = theta * ops.exp(self.log_scale) / ops.sqrt(ops.sum(ops.square(theta), axis=0))
        m = ops.einsum("nf,fbc->nbc", features, kernel)
        distance = ops.sum(ops.abs(ops.expand_dims(m, 1) - ops.expand_dims(m, 0)), axis=-1)  # (N, N, B)
        others = 1.0 - ops.eye(ops.shape(m)[0], dtype="float32")
        return ops.sum(ops.exp(-distance) * ops.expand_dims(others, -1), axis=1) + self.offset

    def extend_logits(self, gan, logits, features):
        head = ops.matmul(self.closeness(features), ops.convert_to_tensor(self.output_weights))
        return logits + ops.cast(ops.reshape(head, ops.shape(logits)), logits.dtype)

    def get_config(self):
        return {**super().get_config(), "num_kernels": self.num_kernels, "kernel_dim": self.kernel_dim}
