"""BigGAN presets."""

from kerasgan.models.biggan.biggan import BigGAN
from kerasgan.models.biggan.converters import architecture_for
from kerasgan.models.biggan.converters import convert_biggan_cifar10
from kerasgan.models.biggan.converters import convert_biggan_imagenet
from kerasgan.zoo import common
from kerasgan.zoo.preset import Preset
from kerasgan.zoo.publisher_weights import PublisherWeights

PAPER = "Brock, Donahue & Simonyan, Large Scale GAN Training for High Fidelity Natural Image Synthesis, ICLR 2019"
REFERENCE = "ajbrock/BigGAN-PyTorch"

PRESETS = (
    Preset(
        name="biggan_mnist",
        model_class=BigGAN,
        dataset=common.MNIST_SUBSET + " with its digit labels, padded to 32×32",
        data_licence=common.MNIST_LICENCE,
        description=(
            "Class-conditional BigGAN with the reference's CIFAR architecture (3 G blocks, 4 D blocks, per-class CBN, "
            "projection D, no attention) at ch = 8 (32 maps; the reference's CIFAR run has ch = 64), 10 digit "
            "classes, EMA generator (decay 0.99 from step 250: the reference's 0.9999 averages over ~10,000 steps of "
            "a run ten times longer; this run has 1,000 G steps, and a first run with 0.999 shipped an EMA that was "
            "still half the step-250 generator: 45 % class accuracy while its raw generator drew the asked-for digit "
            "97 % of the time). Its per-class CBN gain/bias tables carry spectral normalization "
            "(cbn_spectral_norm=True: it was trained before the reference's plain tables became the default)."
        ),
        paper=PAPER,
        reference=REFERENCE + " (launch_cifar_ema.sh settings)",
        recipe="recipes/biggan_mnist.py",
        fit=dict(
            critic_batch_size=50,
            epochs=40,
            optimizer="Adam(2e-4, β=(0, 0.999)) for G and D, orthogonal regularisation 1e-4",
        ),
        metrics_protocol=common.MNIST_PROTOCOL,
    ),
    Preset(
        name="biggan_cifar10",
        model_class=BigGAN,
        config=dict(
            image_shape=(32, 32, 3),
            latent_dim=128,
            num_classes=10,
            ch=64,
            n_critic=4,
            init="N02",
            ema_decay=0.9999,
            ema_start=1000,
            sn_inference="stored",
            seed=0,
        ),
        dataset=common.CIFAR10 + " with its class labels",
        data_licence=common.CIFAR10_LICENCE,
        description=(
            "Class-conditional BigGAN for CIFAR-10 with the reference's CIFAR config (G_ch = D_ch = 64: 256 maps, 3 G "
            "blocks, 4 D blocks, per-class CBN, no attention, z 128), with OpenMMLab's released generator, EMA "
            "generator and discriminator (390k iterations, batch 25 × 2 GPUs): the reference's networks with torch's "
            "spectral norm (sn_inference='stored'); trained on BGR images, converted to take and make RGB. Sampling "
            "uses the EMA generator, as OpenMMLab's evaluation."
        ),
        paper=PAPER,
        reference=REFERENCE + " (launch_cifar_ema.sh); weights: open-mmlab/mmgeneration configs/biggan",
        recipe="recipes/biggan_cifar10.py",
        fit=dict(
            critic_batch_size=50,
            iterations=125_000,
            optimizer="Adam(2e-4, β=(0, 0.999)) for G and D, EMA 0.9999 from step 1000",
        ),
        metrics_protocol=common.CIFAR10_PROTOCOL,
        publisher_weights=PublisherWeights(
            publisher="OpenMMLab",
            url="https://download.openmmlab.com/mmgen/biggan/biggan_cifar10_32x32_b25x2_500k_20210728_110906-08b61a44.pth",
            file_name="biggan_cifar10_32x32_b25x2_500k_20210728_110906-08b61a44.pth",
            converter=convert_biggan_cifar10,
            architecture=architecture_for,
            licence=common.OPENMMLAB_LICENCE,
            reported_metrics={"fid": 9.78, "is": 8.70},
            reported_protocol=common.OPENMMLAB_PROTOCOL + " (EMA generator, iteration 390,000)",
            page="https://github.com/open-mmlab/mmgeneration/tree/master/configs/biggan",
            conversion_check=common.conversion_check(
                "OpenMMLab", "mmgeneration ccd1f56", "generator and EMA generator max |Δ| ≤ 1.9e-6 of the output "
                "range, discriminator ≤ 7.7e-6 on logits of magnitude 38"
            ),
        ),
    ),
    Preset(
        name="biggan_imagenet128",
        model_class=BigGAN,
        config=dict(
            image_shape=(128, 128, 3),
            latent_dim=120,
            num_classes=1000,
            ch=96,
            shared_dim=128,
            hierarchical=True,
            attention=(64,),
            init="ortho",
            g_learning_rate=1e-4,
            d_learning_rate=4e-4,
            adam_epsilon=1e-6,
            ortho_weight=0.0,
            n_critic=1,
            ema_decay=0.9999,
            ema_start=20_000,
            seed=0,
        ),
        dataset=common.IMAGENET,
        data_licence=common.IMAGENET_LICENCE,
        description=(
            "BigGAN at 128×128 for ImageNet (launch_BigGAN_bs256x8.sh: G_ch = D_ch = 96, hierarchical z of 120 in 6 "
            "chunks, shared class embedding of 128, self-attention at 64×64 in G and D), with the authors' released "
            "weights (BigGAN-PyTorch's 138k-iteration G_ema, G and D) as OpenMMLab converted them into its layout; "
            "sampling uses the EMA generator. `weights='G_ema.pth'` loads the authors' own file. No orthogonal "
            "regularisation (the launch script's G_ortho 0)."
        ),
        paper=PAPER,
        reference=REFERENCE + " (launch_BigGAN_bs256x8.sh)",
        recipe="",
        fit=dict(critic_batch_size=256, gradient_accumulation=8,
                 optimizer="Adam(1e-4 G, 4e-4 D, β=(0, 0.999), ε 1e-6), EMA 0.9999 from step 20,000 (the authors' "
                 "run; no kerasgan recipe: ImageNet at 128×128 is out of this repository's reach)"),
        metrics_protocol="",
        publisher_weights=PublisherWeights(
            publisher="OpenMMLab (conversion of BigGAN-PyTorch's release)",
            url="https://download.openmmlab.com/mmgen/biggan/"
            "biggan_imagenet1k_128x128_cvt_BigGAN-PyTorch_rgb_20210730_125223-3e353fef.pth",
            file_name="biggan_imagenet1k_128x128_cvt_BigGAN-PyTorch_rgb_20210730_125223-3e353fef.pth",
            converter=convert_biggan_imagenet,
            architecture=architecture_for,
            licence="ajbrock/BigGAN-PyTorch weights (MIT licence) as converted by open-mmlab/mmgeneration (Apache 2.0)",
            reported_metrics={"fid": 10.1414, "is": 96.728},
            reported_protocol=common.OPENMMLAB_PROTOCOL + " (OpenMMLab's pipeline on the converted weights)",
            page="https://github.com/open-mmlab/mmgeneration/tree/master/configs/biggan",
            conversion_check=common.conversion_check(
                "OpenMMLab and BigGAN-PyTorch", "mmgeneration ccd1f56; BigGAN-PyTorch 9845943",
                "generator and EMA generator max |Δ| ≤ 3.5e-6 of the output range, discriminator ≤ 2.4e-6 on logits "
                "of magnitude 7, in both layouts"
            ),
        ),
    ),
)
