"""Facts shared by many presets' registrations (data sets, licences, status notes)."""

CIFAR10_PROTOCOL = (
    "FIDInceptionV3 (kerasgan.metrics: the 2015 TF Inception graph as ported by pytorch-fid, comparable with "
    "published numbers) on 10,000 samples (`generate(n, seed=0)`, EMA generator where kept) against the "
    "50,000 training images: FID, KID (100 subsets of 1,000) and Inception Score."
)
IMAGENET = "ImageNet ILSVRC-2012 training set (1.28M images, 1,000 classes) at 128×128"
IMAGENET_LICENCE = "ImageNet: terms of access of image-net.org, non-commercial research and educational use only"
MIMICRY_LICENCE = "kwotsin/mimicry, MIT licence (the checkpoints are released with the code; no separate terms)"
OPENMMLAB_LICENCE = (
    "open-mmlab/mmgeneration, Apache 2.0 (the checkpoints are released with the code; no separate terms)"
)

MIMICRY_PROTOCOL = (
    "Mimicry's README table (CIFAR-10, 100k G steps, n_dis 5): its own FID/IS/KID code, 50k generated vs 50k real "
    "images, mean ± std over 3 evaluations; its IS runs the generator in training mode and scales images by batch "
    "min/max"
)
OPENMMLAB_PROTOCOL = "mmgeneration's model README table, measured with OpenMMLab's own evaluation pipeline"


def conversion_check(publisher, code, figures):
    """The card's sentence on how a converter was proven exact."""
    return (
        f"Converter run side by side with {publisher}'s own code ({code}) on a reduced-width random checkpoint in "
        f"its exact layout (tests/fixtures/publishers): {figures}, on TensorFlow, JAX and PyTorch "
        "(tests/test_publisher_weights.py). The released file itself was not downloaded where this was checked."
    )


MIMICRY_CONVERSION = conversion_check("Mimicry", "torch_mimicry a7fda06",
                                      "generator max |Δ| ≤ 2.5e-6 (1.3e-6 of the output range)")
MNIST_SUBSET = "MNIST, the embedded 5,000-image labelled training subset (kerasgan.data.load_mnist_subset)"
MNIST_LICENCE = "MNIST: Yann LeCun, Corinna Cortes, Christopher J.C. Burges; CC BY-SA 3.0"
CIFAR10 = "CIFAR-10 training set (50,000 images, 32×32), through tensorflow-datasets `cifar10`"
CIFAR10_LICENCE = (
    "CIFAR-10: Alex Krizhevsky, Vinod Nair, Geoffrey Hinton (2009); no licence stated by the authors, free for research"
)
CIFAR10_NOT_TRAINED = (
    "CIFAR-10 cannot be downloaded on the machines that train kerasgan's presets (no access to data "
    "hubs) and training it needs a GPU; no weights are shipped."
)
CELEBA_CROPPED = (
    "CelebA (Liu, Luo, Wang & Tang, ICCV 2015; 202,599 celebrity face images), OpenMMLab's 'CelebA-Cropped': "
    "aligned faces centre-cropped and resized to 64×64"
)
CELEBA_LICENCE = (
    "CelebA: The Chinese University of Hong Kong; available for non-commercial research purposes only (the "
    "CelebA agreement)"
)
CELEBA_HQ = (
    "CelebA-HQ (Karras et al., ICLR 2018): 30,000 CelebA faces at 1024×1024, built from CelebA by the authors' "
    "dataset_tool.py"
)
CELEBA_HQ_LICENCE = (
    CELEBA_LICENCE + "; the CelebA-HQ construction (tkarras/progressive_growing_of_gans) is CC BY-NC 4.0, NVIDIA"
)
OPENMMLAB_MS_SSIM_PROTOCOL = (
    OPENMMLAB_PROTOCOL + ": MS-SSIM between 10,000 generated image pairs (lower = more diverse) and sliced "
    "Wasserstein distance (×10³) to 16,384 real images per Laplacian-pyramid level, coarse to fine, then their "
    "average"
)
CELEBA_FID_PROTOCOL = (
    "FIDInceptionV3 (kerasgan.metrics: the 2015 TF Inception graph as ported by pytorch-fid) on 10,000 samples "
    "(`generate(n, seed=0)`, EMA generator where kept) against 10,000 training images at the preset's resolution: "
    "FID and KID (100 subsets of 1,000). The publisher reports MS-SSIM and SWD, which kerasgan does not compute: "
    "there is no published FID of this release to compare with."
)
SYNTHETIC_LICENCE = "synthetic data drawn by kerasgan.metrics.mixtures (no licence needed)"
MNIST_PROTOCOL = (
    "MNISTClassifier features (kerasgan.metrics, 99.19 % test accuracy); 5,000 samples "
    "(`generate(n, seed=0)`, EMA generator where kept) against the 9,331 MNIST test images that "
    "are not in the training subset; FID, KID (100 subsets of 1,000), precision/recall (k=3). "
    "The real training images score FID {fid:.2f}, KID {kid:.4f}, precision {precision:.2f}, "
    "recall {recall:.2f} under this protocol (the floor)."
)
# The 5,000 embedded training images measured by MNIST_PROTOCOL (tests/test_zoo.py re-measures).
MNIST_REAL_DATA = {"fid": 0.1972, "kid": -0.0002, "precision": 0.8538, "recall": 0.8598}
MNIST_PROTOCOL = MNIST_PROTOCOL.format(**MNIST_REAL_DATA)
MIXTURE_PROTOCOL = (
    "kerasgan.metrics.mixture_mode_metrics on 2,500 samples (`generate(2500, seed=0)`), as "
    "VEEGAN/PacGAN: a sample is high quality within 3σ of its nearest mode; modes covered = modes "
    "with at least one high-quality sample; reverse KL of the high-quality mode histogram to "
    "uniform; `*_mean` over seeds 0–9."
)
TRAINED_HERE = "Trained from scratch by its recipe on the 2 CPU cores of a development machine (no GPU)."
STACKED_MNIST = (
    "Stacked-MNIST (three MNIST digits as RGB channels, 1,000 modes) built on the fly from the embedded "
    "5,000-image MNIST training subset, padded to 32×32 (kerasgan.data.StackedMNIST)"
)
STACKED_MNIST_PROTOCOL = (
    "kerasgan.metrics.stacked_mnist_metrics on 26,000 samples (`generate(26000, seed=s)`, the number "
    "VEEGAN and PacGAN evaluate): each channel is read by the shipped MNISTClassifier (99.19 % test "
    "accuracy), a sample's mode is the digit triple; modes covered = modes with at least one sample "
    "(a perfect generator covers ≈1,000), KL = KL(p‖uniform) over the 1,000 modes (a perfect "
    "generator scores ≈0.02 at this sample size); first numbers for seed 0, `_mean` over seeds 0–2."
)
