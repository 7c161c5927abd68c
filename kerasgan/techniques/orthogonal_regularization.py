import keras

from kerasgan.losses.orthogonal_penalty import orthogonal_penalty
from kerasgan.techniques.weighted_term import WeightedTerm


@keras.saving.register_keras_serializable(package="kerasgan")
class OrthogonalRegularization(WeightedTerm):
    """BigGAN's modified orthogonal regularisation of the generator, logged as `ortho`.

    Brock, Donahue & Simonyan, "Large Scale GAN Training for High Fidelity Natural Image
    Synthesis", ICLR 2019, Eq. 3 (reference: ajbrock/BigGAN-PyTorch, `utils.ortho`):
    `weight * Σ_W ‖WᵀW ⊙ (1 − I)‖²_F` added to the generator's loss
    (`kerasgan.losses.orthogonal_penalty`). The kernels are the GAN's `ortho_kernels()` when it
    defines them (BigGAN: every kernel with ≥ 2 axes but the shared class embedding, class tables
    transposed), else every generator kernel with ≥ 2 axes.

    Args:
        weight: β (1e-4 in the paper).

    Example:

    ```python
    gan = kerasgan.models.DCGAN(image_shape=(28, 28, 1), base_filters=8,
                                techniques=[kerasgan.techniques.OrthogonalRegularization(1e-4)])
    ```
    """

    loss_terms = ("ortho",)

    def __init__(self, weight=1e-4, **kwargs):
        super().__init__(weight, **kwargs)

    def generator_terms(self, gan, step):
        select = getattr(gan, "ortho_kernels", None)
        kernels = select() if select else [v for v in gan.generator.trainable_variables if len(v.shape) >= 2]
        return {"ortho": orthogonal_penalty(kernels, weight=self.weight)}
