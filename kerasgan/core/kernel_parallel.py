"""`keras.distribution.ModelParallel` that lays out every GAN weight by its shape."""

import math

import keras


class KernelParallel(keras.distribution.ModelParallel):
    """Model parallelism for any GAN without a hand-written `LayoutMap`: each weight of rank ≥ 2
    with at least `min_size` entries (convolution and dense kernels, embeddings, conditional-BN
    tables, spectral-norm vectors) is split over the mesh's `model_axis` on its last axis when the
    axis size divides it; everything else (biases, BN statistics, small kernels) is replicated.
    The batch is split over `batch_dim_name`. XLA partitions each step to match the layouts, so a
    step computes what one device computes (tested against one device for BigGAN; ProGAN and DCGAN by hand).

    A `layout_map` given too takes precedence for the paths it matches. Keras matches a
    `LayoutMap` by variable path, and a GAN's paths are not a stable key: the generator and the
    discriminator share layer names (`block0/conv1/kernel`), and auto-named layers (`dense_3`)
    are numbered per session. The shape rule needs neither.

    Example (JAX; 8 devices: 2-way data parallel, 4-way model parallel):

    ```python
    devices = keras.distribution.list_devices()
    mesh = keras.distribution.DeviceMesh((2, 4), ("batch", "model"), devices)
    keras.distribution.set_distribution(kerasgan.core.KernelParallel(mesh, min_size=2**16))
    gan = kerasgan.models.BigGAN(image_shape=(128, 128, 3), num_classes=1000)   # large kernels split 4 ways
    gan.compile()
    gan.fit(dataset, epochs=100)               # dataset batched at the global batch
    ```
    """

    def __init__(self, device_mesh, model_axis="model", batch_dim_name="batch", min_size=0, layout_map=None,
                 auto_shard_dataset=True):
        names = list(device_mesh.axis_names)
        for role, axis in (("model_axis", model_axis), ("batch_dim_name", batch_dim_name)):
            if axis not in names:
                raise ValueError(f"{role} must name an axis of the device mesh: expected one of {names}, "
                                 f"received {axis!r}")
        if layout_map is not None and layout_map.device_mesh is not device_mesh:
            raise ValueError("layout_map must be built on the same device mesh as KernelParallel's")
        if layout_map is None:
            layout_map = keras.distribution.LayoutMap(device_mesh)
        super().__init__(layout_map=layout_map,
                         batch_dim_name=batch_dim_name, auto_shard_dataset=auto_shard_dataset)
        self.model_axis = model_axis
        self.min_size = min_size
        self._parts = device_mesh.shape[names.index(model_axis)]

    def get_variable_layout(self, variable):
        if getattr(variable, "_layout", None) is not None or self._layout_map[variable.path] is not None:
            return super().get_variable_layout(variable)
        shape = tuple(variable.shape)
        split = len(shape) >= 2 and shape[-1] % self._parts == 0 and math.prod(shape) >= self.min_size
        axes = [None] * len(shape)
        if split:
            axes[-1] = self.model_axis
        return keras.distribution.TensorLayout(axes, self.device_mesh)
