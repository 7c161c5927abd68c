from kerasgan.layers.bias import Bias
from kerasgan.layers.conditional_batch_normalization import ConditionalBatchNormalization
from kerasgan.layers.equalized_conv2d import EqualizedConv2D
from kerasgan.layers.equalized_dense import EqualizedDense
from kerasgan.layers.global_sum_pooling2d import GlobalSumPooling2D
from kerasgan.layers.latent_affine import LatentAffine
from kerasgan.layers.level_of_detail_blend import LevelOfDetailBlend
from kerasgan.layers.linear_conditional_batch_normalization import LinearConditionalBatchNormalization
from kerasgan.layers.linear_maxout import LinearMaxout
from kerasgan.layers.masked_conv2d import MaskedConv2D
from kerasgan.layers.minibatch_stddev import MinibatchStdDev
from kerasgan.layers.optimized_residual_block_down import OptimizedResidualBlockDown
from kerasgan.layers.pixel_normalization import PixelNormalization
from kerasgan.layers.reference_batch import ReferenceBatch
from kerasgan.layers.residual_block_down import ResidualBlockDown
from kerasgan.layers.residual_block_up import ResidualBlockUp
from kerasgan.layers.self_attention import SelfAttention
from kerasgan.layers.sn_conv2d import SNConv2D
from kerasgan.layers.sn_conv2d_transpose import SNConv2DTranspose
from kerasgan.layers.sn_dense import SNDense
from kerasgan.layers.sn_embedding import SNEmbedding
from kerasgan.layers.virtual_batch_normalization import VirtualBatchNormalization
from kerasgan.layers.weight_normalized_dense import WeightNormalizedDense

__all__ = [
    "Bias",
    "ConditionalBatchNormalization",
    "EqualizedConv2D",
    "EqualizedDense",
    "GlobalSumPooling2D",
    "LatentAffine",
    "LevelOfDetailBlend",
    "LinearConditionalBatchNormalization",
    "LinearMaxout",
    "MaskedConv2D",
    "MinibatchStdDev",
    "OptimizedResidualBlockDown",
    "PixelNormalization",
    "ReferenceBatch",
    "ResidualBlockDown",
    "ResidualBlockUp",
    "SNConv2D",
    "SNConv2DTranspose",
    "SNDense",
    "SNEmbedding",
    "SelfAttention",
    "VirtualBatchNormalization",
    "WeightNormalizedDense",
]
