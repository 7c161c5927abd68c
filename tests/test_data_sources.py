"""`fit` takes numpy arrays, tf.data, PyDataset and torch DataLoader batches, with labels."""

import keras
import numpy as np
import pytest

from kerasgan.models import SNGAN

N, BATCH = 16, 8


@pytest.fixture(scope="module")
def gan():
    gan = SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, num_classes=2, n_critic=1, seed=0)
    gan.compile()
    return gan


@pytest.fixture(scope="module")
def arrays():
    rng = np.random.default_rng(0)
    return rng.uniform(-1, 1, (N, 8, 8, 1)).astype("float32"), (np.arange(N) % 2).astype("int32")


def _fit_and_count(gan, *args, **kwargs):
    start = int(gan.g_optimizer.iterations.numpy())
    history = gan.fit(*args, epochs=1, verbose=0, **kwargs)
    assert np.isfinite(history.history["d_loss"][0])
    return int(gan.g_optimizer.iterations.numpy()) - start


def test_numpy(gan, arrays):
    assert _fit_and_count(gan, *arrays, batch_size=BATCH) == N // BATCH


def test_tf_data(gan, arrays):
    tf = pytest.importorskip("tensorflow")
    ds = tf.data.Dataset.from_tensor_slices(arrays).batch(BATCH)
    assert _fit_and_count(gan, ds, shuffle=False) == N // BATCH


class _Batches(keras.utils.PyDataset):
    def __init__(self, x, y):
        super().__init__()
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x) // BATCH

    def __getitem__(self, i):
        s = slice(i * BATCH, (i + 1) * BATCH)
        return self.x[s], self.y[s]


def test_py_dataset(gan, arrays):
    assert _fit_and_count(gan, _Batches(*arrays)) == N // BATCH


def test_torch_dataloader(gan, arrays):
    torch = pytest.importorskip("torch")
    x, y = arrays
    ds = torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y.astype("int64")))
    loader = torch.utils.data.DataLoader(ds, batch_size=BATCH)
    assert _fit_and_count(gan, loader, shuffle=False) == N // BATCH


def test_uneven_last_batch(gan, arrays):
    x, y = arrays
    assert _fit_and_count(gan, x[:13], y[:13], batch_size=BATCH) == 2
