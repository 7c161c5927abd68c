import keras
from keras import ops

from kerasgan import backend
from kerasgan.losses._utils import per_sample_norm
from kerasgan.techniques.technique import Technique
from kerasgan.techniques.technique import non_negative

FORMS = ("gran", "gn")
# Layers whose output is not piecewise linear in the input (or mixes the batch, so that the
# gradient of the batch's sum is not each example's own gradient).
_NOT_PIECEWISE_LINEAR = ("BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
                         "SyncBatchNormalization", "ConditionalBatchNormalization", "PixelNormalization",
                         "MinibatchStdDev", "SelfAttention", "MultiHeadAttention", "Softmax", "ELU")
_PIECEWISE_LINEAR_ACTIVATIONS = ("linear", "relu", "leaky_relu", "relu6")


@keras.saving.register_keras_serializable(package="kerasgan")
class GradientNormalization(Technique):
    """Gradient normalisation of the discriminator: its output `f(x)` divided by the norm of its
    input gradient, so that on each linear piece of a piecewise-linear discriminator the
    normalised output is K-Lipschitz (GraN) or bounded by 1 (GN).

    - `form="gran"`: Bhaskara, Aumentado-Armstrong, Jepson & Levinshtein, "GraN-GAN: Piecewise
      Gradient Normalization for Generative Adversarial Networks", WACV 2022:
      `K·f(x)·‖∇f(x)‖ / (‖∇f(x)‖² + ε)`, which is `K·f/‖∇f‖` away from flat regions. No code was
      released; the formula is from the paper, and `epsilon`'s default is this library's choice
      (the paper's value could not be re-read here).
    - `form="gn"`: Wu, Shuai, Tam & Chiu, "Gradient Normalization for Generative Adversarial
      Networks", ICCV 2021, reference basiclab/GNGAN-PyTorch (`models/gradnorm.py`):
      `f(x) / (‖∇f(x)‖ + |f(x)|)`, in [−1, 1]; `k` and `epsilon` are not used. The reference's
      CIFAR-10 CNN recipe: `non_saturating` (its `bce`, BCE with logits on the normalised output)
      or `hinge`, Adam 2e-4 (0.0, 0.9), one critic step, no spectral normalisation.

    The normalised output replaces the discriminator's everywhere the GAN runs it
    (`gan.discriminate`: both updates, penalties, evaluation), outermost, after any head a
    technique adds. Both updates then differentiate through an input gradient (double backprop;
    torch trains eagerly). The gradient is that of the batch's sum, which is each example's own
    gradient only for a discriminator that treats examples independently: a discriminator with
    batch normalisation, attention, minibatch statistics or non-piecewise-linear activations is
    refused at construction, as is a head that mixes the batch (minibatch discrimination).

    Args:
        form: `"gran"` or `"gn"`.
        k: GraN's Lipschitz constant K.
        epsilon: GraN's ε, which keeps the output bounded where the gradient vanishes.

    Example:

    ```python
    gan = kerasgan.models.MixtureGAN(adversarial_loss="hinge",
                                     techniques=[kerasgan.techniques.GradientNormalization("gn")])
    ```
    """

    requires_input_gradients = True
    normalizes_discriminator = True

    def __init__(self, form="gran", k=1.0, epsilon=1e-4, **kwargs):
        super().__init__(**kwargs)
        if form not in FORMS:
            raise ValueError(f"GradientNormalization expects `form` in {FORMS}; received {form!r}.")
        self.form = form
        self.k = non_negative(k, "k", "GradientNormalization")
        self.epsilon = non_negative(epsilon, "epsilon", "GradientNormalization")
        if self.form == "gran" and not (self.k > 0 and self.epsilon > 0):
            raise ValueError(f"GradientNormalization('gran') expects `k` > 0 and `epsilon` > 0; received "
                             f"k={k!r}, epsilon={epsilon!r}.")

    def check(self, gan):
        model = f"{type(gan).__name__} '{gan.name}'"
        for layer in gan.discriminator._flatten_layers(include_self=False):
            kind = type(layer).__name__
            activation = getattr(getattr(layer, "activation", None), "__name__", "linear")
            if kind in _NOT_PIECEWISE_LINEAR or activation not in _PIECEWISE_LINEAR_ACTIVATIONS:
                why = kind if kind in _NOT_PIECEWISE_LINEAR else f"{kind} with activation {activation}"
                raise ValueError(
                    f"GradientNormalization needs a piecewise-linear discriminator that treats examples "
                    f"independently (ReLU/LeakyReLU/maxout, linear layers); {model}'s discriminator "
                    f"{gan.discriminator.name} has layer '{layer.name}' ({why})."
                )
        heads = [type(t).__name__ for t in gan.step_techniques if t.extends_discriminator]
        if heads:
            raise ValueError(f"GradientNormalization cannot normalise {model}'s discriminator with "
                             f"{', '.join(heads)}'s head, which mixes the batch.")

    def normalize(self, gan, critic, images):
        out, grad = backend.input_gradient(critic, images)
        logits = ops.cast(out[0] if isinstance(out, tuple) else out, "float32")
        norm = ops.reshape(per_sample_norm(ops.cast(grad, "float32")), (-1,) + (1,) * (len(logits.shape) - 1))
        if self.form == "gn":
            normalized = logits / (norm + ops.abs(logits))
        else:
            normalized = self.k * logits * norm / (ops.square(norm) + self.epsilon)
        return (normalized, out[1]) if isinstance(out, tuple) else normalized

    def get_config(self):
        return {**super().get_config(), "form": self.form, "k": self.k, "epsilon": self.epsilon}
