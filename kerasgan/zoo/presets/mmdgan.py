"""The MMD GAN preset on MNIST, against wgangp_mnist."""

from kerasgan.models.mmdgan.mmdgan import MMDGAN
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset

PRESETS = (
    Preset(
        name="mmdgan_mnist",
        model_class=MMDGAN,
        config={"image_shape": (28, 28, 1), "seed": 0},
        dataset=common.MNIST_SUBSET,
        data_licence=common.MNIST_LICENCE,
        description=(
            "MMD GAN with the reference's MNIST settings: the mixed rational-quadratic + dot kernel on a 16-feature "
            "DCGAN critic (64 → 128 → 256 → 512 maps, 4.3M parameters), witness gradient penalty 1, L2 activation "
            "penalty 1, 5 critic steps, Adam(1e-4, β 0.5, 0.9) with gradients clipped to norm 1, for the generator "
            "updates of wgangp_mnist (about 1,000), against which it is compared."
        ),
        paper="Bińkowski, Sutherland, Arbel & Gretton, Demystifying MMD GANs, ICLR 2018",
        reference="mbinkowski/MMD-GAN (mnist.sh; gan/core/model.py, mmd.py, architecture.py)",
        recipe="recipes/mmdgan_mnist.py",
        fit=dict(
            critic_batch_size=64,
            epochs=63,
            optimizer="Adam(1e-4, β1=0.5, β2=0.9), each gradient clipped to norm 1, for G and D (the reference's)",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
        baselines=("wgangp_mnist",),
        status_note="Not trained yet: its recipe (about 40 CPU-minutes) has not been run to the end.",
    ),
)
