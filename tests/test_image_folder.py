"""Streamed, shuffled training data: image folders, .npy/.npz files, tfds and MNIST by name, and `fit` on them."""

import os

import numpy as np
import pytest
from PIL import Image

from kerasgan.data import ArrayBatches
from kerasgan.data import ImageFolder
from kerasgan.data import ShuffledBatches
from kerasgan.data import image_folder
from kerasgan.data import load_images
from kerasgan.data import open_data

STEP = 1 / 127.5


def _save(path, pixels, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(np.asarray(pixels, "uint8"), mode).save(path)


def _gray_folder(root, n, size=8):
    """`n` grayscale images whose value (20 * i) tells them apart."""
    for i in range(n):
        _save(os.path.join(root, f"{i:02d}.png"), np.full((size, size), 20 * i))
    return root


def _ids(images):
    """The image ids of `_gray_folder` images."""
    return [int(round((float(v) + 1) * 127.5 / 20)) for v in images[:, 0, 0, 0]]


def _class_folder(root):
    """Class 'a_cats' (black, 3 images, one nested) and 'b_dogs' (white, 3 images), plus clutter."""
    for i, rel in enumerate(["a_cats/0.png", "a_cats/deep/1.PNG", "a_cats/2.jpeg"]):
        _save(os.path.join(root, rel), np.zeros((10, 10, 3)) + i % 2)
    for i in range(3):
        _save(os.path.join(root, "b_dogs", f"{i}.bmp"), np.full((10, 10, 3), 255 - i % 2))
    _save(os.path.join(root, ".ipynb_checkpoints", "x.png"), np.zeros((10, 10, 3)))
    with open(os.path.join(root, "b_dogs", "notes.txt"), "w") as f:
        f.write("not an image")
    return root


def test_flat_folder(tmp_path):
    rng = np.random.default_rng(0)
    for i in range(5):
        _save(str(tmp_path / f"{i}.png"), rng.integers(0, 256, (10, 12, 3)))
    ds = image_folder(tmp_path, image_size=8, batch_size=2)
    assert isinstance(ds, ImageFolder) and isinstance(ds, ShuffledBatches)
    assert len(ds) == 2 and ds.image_shape == (8, 8, 3)
    assert ds.num_classes == 0 and ds.class_names is None and ds.labels is None
    batch = ds[1]
    assert len(batch) == 1
    (images,) = batch
    assert images.shape == (2, 8, 8, 3) and images.dtype == np.float32
    assert images.min() >= -1 and images.max() <= 1 and images.std() > 0.1


def test_class_folders(tmp_path):
    ds = ImageFolder(_class_folder(tmp_path), image_size=(6, 4), batch_size=3, drop_remainder=False)
    assert ds.class_names == ["a_cats", "b_dogs"] and ds.num_classes == 2
    assert [os.path.relpath(f, tmp_path) for f in ds.files] == [
        "a_cats/0.png", "a_cats/2.jpeg", "a_cats/deep/1.PNG", "b_dogs/0.bmp", "b_dogs/1.bmp", "b_dogs/2.bmp"]
    assert ds.image_shape == (6, 4, 3) and len(ds) == 2
    for i in range(len(ds)):
        images, labels = ds[i]
        assert images.shape == (3, 6, 4, 3) and labels.dtype == np.int32 and labels.shape == (3,)
        np.testing.assert_array_equal(labels, (images.mean(axis=(1, 2, 3)) > 0).astype("int32"))
    unlabelled = ImageFolder(tmp_path, 4, batch_size=3, keep_labels=False)
    assert unlabelled.num_classes == 0 and unlabelled.class_names is None and len(unlabelled[0]) == 1
    assert open_data(tmp_path, batch_size=3, image_size=4, labels=False).num_classes == 0


def test_centre_crop_and_resize(tmp_path):
    wide = np.zeros((8, 12, 3))
    wide[:, :2] = (255, 0, 0)  # left border: red
    wide[:, 2:10] = (0, 255, 0)
    wide[:, 10:] = (0, 0, 255)  # right border: blue
    _save(str(tmp_path / "wide" / "a.png"), wide)
    (images,) = ImageFolder(tmp_path / "wide", 8, batch_size=1)[0]  # 12×8 → the middle 8×8, no resize
    np.testing.assert_array_equal(images[0], np.broadcast_to([-1.0, 1.0, -1.0], (8, 8, 3)))
    tall = np.zeros((16, 8))
    tall[:4], tall[4:12], tall[12:] = 0, 200, 255
    _save(str(tmp_path / "tall" / "a.png"), tall)
    (images,) = ImageFolder(tmp_path / "tall", (2, 4), batch_size=1)[0]  # 8×16 → rows 6..10, then 4×2
    assert images.shape == (1, 2, 4, 1)
    np.testing.assert_allclose(images, 200 / 127.5 - 1, atol=STEP)
    gradient = np.tile(np.linspace(0, 255, 16), (16, 1))
    _save(str(tmp_path / "gradient" / "a.png"), gradient)
    (images,) = ImageFolder(tmp_path / "gradient", 4, batch_size=1)[0]  # a true resize keeps the ramp
    row = images[0, 2, :, 0]
    assert np.all(np.diff(row) > 0) and row[0] < -0.5 and row[-1] > 0.5


def test_color_modes(tmp_path):
    _save(str(tmp_path / "gray" / "a.png"), np.full((8, 8), 255))
    _save(str(tmp_path / "gray" / "b.png"), np.zeros((8, 8, 3)) + (255, 0, 0))
    _save(str(tmp_path / "rgb" / "a.png"), np.zeros((8, 8, 3)) + (255, 0, 0))
    _save(str(tmp_path / "rgb" / "b.png"), np.full((8, 8), 255))
    gray = ImageFolder(tmp_path / "gray", 8, batch_size=2, shuffle=False)  # the first file decides
    assert gray.color_mode == "grayscale" and gray.image_shape == (8, 8, 1) and gray[0][0].shape == (2, 8, 8, 1)
    rgb = ImageFolder(tmp_path / "rgb", 8, batch_size=2, shuffle=False)
    assert rgb.color_mode == "rgb" and rgb[0][0].shape == (2, 8, 8, 3)
    np.testing.assert_allclose(rgb[0][0][1], 1.0)  # the grayscale image, as RGB
    forced = ImageFolder(tmp_path / "gray", 8, batch_size=2, color_mode="rgb", shuffle=False)[0][0]
    np.testing.assert_allclose(forced[0], 1.0)
    forced = ImageFolder(tmp_path / "rgb", 8, batch_size=2, color_mode="grayscale", shuffle=False)[0][0]
    assert forced.shape == (2, 8, 8, 1) and forced[0].max() < 0  # red has luma 76


def test_epoch_order(tmp_path):
    root = _gray_folder(tmp_path, 10)
    ds = ImageFolder(root, 8, batch_size=5, seed=3)
    first = ds.order()
    assert sorted(first) == list(range(10)) and ds.epoch == 0
    assert _ids(ds[0][0]) + _ids(ds[1][0]) == list(first)
    ds.on_epoch_end()  # Keras's reset before the first epoch: no epoch was begun
    assert ds.epoch == 0
    ds.on_epoch_begin()
    ds.on_epoch_end()
    assert ds.epoch == 1
    second = ds.order()
    assert sorted(second) == list(range(10)) and list(second) != list(first)
    assert _ids(ds[0][0]) == list(second[:5])
    again = ImageFolder(root, 8, batch_size=5, seed=3)
    np.testing.assert_array_equal(again.order(0), first)
    np.testing.assert_array_equal(again.order(1), second)
    resumed = ImageFolder(root, 8, batch_size=5, seed=3, initial_epoch=1)
    assert resumed.epoch == 1 and _ids(resumed[0][0]) == list(second[:5])
    resumed.set_epoch(0)
    assert _ids(resumed[1][0]) == list(first[5:])
    assert list(ImageFolder(root, 8, batch_size=5, seed=4).order(0)) != list(first)
    assert list(ImageFolder(root, 8, batch_size=5, shuffle=False).order(7)) == list(range(10))
    again.shuffle = False  # settable: the cached order follows
    assert list(again.order(0)) == list(range(10))
    np.testing.assert_array_equal(
        np.random.default_rng([3, 5]).permutation(10), ImageFolder(root, 8, batch_size=5, seed=3).order(5))


def test_drop_remainder(tmp_path):
    root = _gray_folder(tmp_path, 10)
    assert len(ImageFolder(root, 8, batch_size=4)) == 2
    ds = ImageFolder(root, 8, batch_size=4, drop_remainder=False, shuffle=False)
    assert len(ds) == 3 and _ids(ds[2][0]) == [8, 9]
    assert len(ImageFolder(root, 8, batch_size=4, limit=8)) == 2
    with pytest.raises(ValueError, match=r"10 images, fewer than batch_size=16"):
        ImageFolder(root, 8, batch_size=16)
    with pytest.raises(IndexError, match=r"2 batches; received index 2"):
        ImageFolder(root, 8, batch_size=4)[2]


def test_folder_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        ImageFolder(tmp_path / "missing", 8)
    _save(str(tmp_path / "file.png"), np.zeros((8, 8)))
    with pytest.raises(ValueError, match="is a file, not a folder"):
        ImageFolder(tmp_path / "file.png", 8)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("hi")
    with pytest.raises(ValueError, match=r"no images in .*empty.*\.png, \.jpg, \.jpeg, \.bmp, \.gif, \.webp"):
        ImageFolder(tmp_path / "empty", 8)
    _save(str(tmp_path / "mixed" / "loose.png"), np.zeros((8, 8)))
    _save(str(tmp_path / "mixed" / "cats" / "a.png"), np.zeros((8, 8)))
    with pytest.raises(ValueError, match=r"not both; received 1 loose images and the sub-folders \['cats'\]"):
        ImageFolder(tmp_path / "mixed", 8)
    _save(str(tmp_path / "classes" / "cats" / "a.png"), np.zeros((8, 8)))
    (tmp_path / "classes" / "dogs").mkdir()
    with pytest.raises(ValueError, match=r"no images in the class folder .*dogs"):
        ImageFolder(tmp_path / "classes", 8)
    root = _gray_folder(tmp_path / "bad", 4)
    with pytest.raises(ValueError, match=r"image_size as a positive int or a \(height, width\) pair.*received 0"):
        ImageFolder(root, 0)
    for size in [(8,), "8", True, (8, 8, 1), (8.0, 8)]:
        with pytest.raises(ValueError, match="image_size"):
            ImageFolder(root, size)
    with pytest.raises(ValueError, match=r"color_mode in \('auto', 'rgb', 'grayscale'\); received 'RGB'"):
        ImageFolder(root, 8, color_mode="RGB")
    with pytest.raises(ValueError, match=r"`seed` to be an int >= 0; received seed=-1"):
        ImageFolder(root, 8, batch_size=2, seed=-1)
    with open(os.path.join(root, "01.png"), "wb") as f:
        f.write(b"not an image")
    with open(os.path.join(root, "00.png"), "rb") as f:
        head = f.read()[:40]
    with open(os.path.join(root, "02.png"), "wb") as f:
        f.write(head)  # a truncated PNG
    ds = ImageFolder(root, 8, batch_size=1, shuffle=False)  # decoding happens per batch
    assert ds[0][0].shape == (1, 8, 8, 1)
    with pytest.raises(ValueError, match=r"could not decode .*01\.png.*UnidentifiedImageError"):
        ds[1]
    with pytest.raises(ValueError, match=r"could not decode .*02\.png"):
        ds[2]


def test_npy_npz(tmp_path):
    pixels = np.arange(4 * 8 * 8).reshape(4, 8, 8).astype("uint8")
    np.save(tmp_path / "pixels.npy", pixels)
    images, labels = load_images(tmp_path / "pixels.npy")
    assert images.shape == (4, 8, 8, 1) and images.dtype == np.float32 and labels is None
    np.testing.assert_allclose(images[..., 0], pixels / 127.5 - 1, atol=1e-6)
    floats = np.linspace(-1, 1, 4 * 8 * 8 * 3).reshape(4, 8, 8, 3)
    np.savez(tmp_path / "floats.npz", images=floats, labels=np.array([0, 1, 2, 1], "int64"))
    images, labels = load_images(tmp_path / "floats.npz")
    assert images.dtype == np.float32 and labels.dtype == np.int32
    np.testing.assert_allclose(images, floats, atol=1e-6)
    np.savez(tmp_path / "keys.npz", x=floats, y=np.arange(4))
    with pytest.raises(ValueError, match=r"the key 'images'.*has the keys \['x', 'y'\]"):
        load_images(tmp_path / "keys.npz")
    np.save(tmp_path / "ints.npy", pixels.astype("int16"))
    with pytest.raises(TypeError, match="uint8 pixels or float images.*int16"):
        load_images(tmp_path / "ints.npy")
    np.savez(tmp_path / "short.npz", images=floats, labels=np.arange(3))
    with pytest.raises(ValueError, match=r"4 int class ids.*shape \(3,\)"):
        load_images(tmp_path / "short.npz")


def test_array_batches():
    x = np.linspace(-1, 1, 6 * 4 * 4).reshape(6, 4, 4, 1)
    ds = ArrayBatches(x, np.array([0, 1, 2, 0, 1, 2]), batch_size=4, seed=1)
    assert len(ds) == 1 and ds.num_classes == 3 and ds.image_shape == (4, 4, 1)
    images, labels = ds[0]
    order = ds.order()[:4]
    assert images.dtype == np.float32 and labels.dtype == np.int32
    np.testing.assert_allclose(images, x[order], atol=1e-6)
    np.testing.assert_array_equal(labels, np.array([0, 1, 2, 0, 1, 2])[order])
    assert len(ArrayBatches(x, batch_size=4)[0]) == 1
    with pytest.raises(ValueError, match="6 images and 5 labels"):
        ArrayBatches(x, np.arange(5), batch_size=2)
    with pytest.raises(TypeError, match="float images in \\[-1, 1\\]; received dtype uint8.*scale_images"):
        ArrayBatches(x.astype("uint8"), batch_size=2)
    with pytest.raises(ValueError, match=r"\(N, H, W, C\); received shape \(6, 4, 4\)"):
        ArrayBatches(x[..., 0], batch_size=2)


def test_open_data(tmp_path):
    root = _gray_folder(tmp_path / "folder", 6)
    ds = open_data(root, batch_size=2, image_size=8, limit=4, seed=5, initial_epoch=2)
    assert isinstance(ds, ImageFolder) and len(ds) == 2 and ds.epoch == 2 and ds.seed == 5
    with pytest.raises(ValueError, match="needs image_size.*received None"):
        open_data(root, batch_size=2)
    np.savez(tmp_path / "d.npz", images=np.zeros((6, 8, 8, 3), "uint8"), labels=np.arange(6) % 2)
    ds = open_data(str(tmp_path / "d.npz"), batch_size=2, image_size=(8, 8), limit=5, drop_remainder=False)
    assert isinstance(ds, ArrayBatches) and ds.num_images == 5 and len(ds) == 3 and ds.num_classes == 2
    assert len(open_data(tmp_path / "d.npz", batch_size=2, labels=False)[0]) == 1
    with pytest.raises(ValueError, match=r"holds 8×8 images but image_size=\(16, 16\).*not resized"):
        open_data(tmp_path / "d.npz", batch_size=2, image_size=16)
    with pytest.raises(ValueError, match="3 channels but color_mode='grayscale'"):
        open_data(tmp_path / "d.npz", batch_size=2, color_mode="grayscale")
    mnist = open_data("mnist", batch_size=8, image_size=32, limit=16)
    images, labels = mnist[0]
    assert images.shape == (8, 32, 32, 1) and labels.dtype == np.int32 and mnist.num_images == 16
    assert open_data("mnist", batch_size=8, limit=8).image_shape == (28, 28, 1)
    with pytest.raises(ValueError, match="28×28 digits.*received image_size=64"):
        open_data("mnist", batch_size=8, image_size=64)
    with pytest.raises(FileNotFoundError, match=r"no such file or folder; expected an image folder, a \.npy"):
        open_data(tmp_path / "nope", batch_size=2)
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(ValueError, match="not .npy or .npz"):
        open_data(tmp_path / "notes.txt", batch_size=2)


def test_open_data_tfds():
    tfds = pytest.importorskip("tensorflow_datasets")
    with tfds.testing.mock_data(num_examples=12):
        ds = open_data("tfds:mnist", batch_size=4, seed=1)
        assert isinstance(ds, ArrayBatches) and ds.num_images == 12 and ds.image_shape == (28, 28, 1)
        images, labels = ds[0]
        assert images.dtype == np.float32 and images.min() >= -1 and images.max() <= 1 and labels.dtype == np.int32
        assert open_data("tfds:mnist:test", batch_size=4, limit=8).num_images == 8


class _Recording(ImageFolder):
    """Records the epoch each batch is loaded in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loaded = []

    def load(self, indices):
        self.loaded.append(self.epoch)
        return super().load(indices)


@pytest.mark.parametrize("conditional", [False, True], ids=["dcgan", "sngan_conditional"])
def test_fit_two_epochs(tmp_path, conditional):
    from kerasgan.models import DCGAN
    from kerasgan.models import SNGAN

    if conditional:
        for label in range(2):
            for i in range(4):
                _save(str(tmp_path / f"class{label}" / f"{i}.png"), np.full((10, 10), 60 * i + 50 * label))
        gan = SNGAN(image_shape=(8, 8, 1), latent_dim=4, g_filters=4, d_filters=4, num_classes=2, n_critic=1, seed=0)
    else:
        _gray_folder(tmp_path, 8)
        gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0)
    ds = _Recording(tmp_path, 8, batch_size=gan.iteration_batch_size(4), workers=2 if conditional else 1)
    assert ds.num_classes == (2 if conditional else 0) and len(ds) == 2
    gan.compile()
    history = gan.fit(ds, epochs=2, verbose=0, shuffle=False)
    for name in ("d_loss", "g_loss"):
        assert np.all(np.isfinite(history.history[name]))
    assert int(gan.g_optimizer.iterations.numpy()) == 2 * len(ds)
    assert ds.epoch == 2  # on_epoch_end advanced it after each epoch, not at fit's reset
    assert set(ds.loaded) == {0, 1} and ds.loaded.count(1) == len(ds)


def test_a_bad_image_in_a_later_batch_is_named_before_a_step_sees_it():
    from kerasgan.data import ArrayBatches
    from kerasgan.models import DCGAN

    x = np.random.default_rng(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
    x[13, 2, 2, 0] = np.nan
    data = ArrayBatches(x, batch_size=8, shuffle=False)
    data[0]
    with pytest.raises(ValueError, match=r"ArrayBatches: image 13 \(in batch 1\) holds NaN or infinite values"):
        data[1]
    x[13, 2, 2, 0] = 200.0
    with pytest.raises(ValueError, match=r"image 13 \(in batch 1\) holds values in \[.*, 200\]; images must be in"):
        data[1]
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0)
    gan.compile()
    x[13, 2, 2, 0] = np.nan
    # TensorFlow's data pipeline re-raises the loader's error as its own type, with the message.
    with pytest.raises(Exception, match=r"image 13 \(in batch 1\) holds NaN or infinite values"):
        gan.fit(data, epochs=1, verbose=0)
    assert int(gan.g_optimizer.iterations.numpy()) <= 1  # batch 0 may have trained; batch 1 never did
    assert all(np.isfinite(w).all() for w in gan.get_weights())


def test_fit_from_initial_epoch_serves_that_epochs_order():
    from kerasgan.models import DCGAN

    x = np.random.default_rng(1).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
    data = ArrayBatches(x, batch_size=8, seed=3)
    gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, seed=0)
    gan.compile()
    gan.fit(data, epochs=3, initial_epoch=2, verbose=0)
    assert data.epoch == 3 and int(gan.g_optimizer.iterations.numpy()) == 2


def test_sixteen_bit_images_are_rescaled_and_limit_draws_from_every_class(tmp_path):
    ramp = (np.arange(64, dtype="uint16").reshape(8, 8) * 1000).astype("uint16")
    Image.fromarray(ramp).save(tmp_path / "deep.png")  # uint16 -> mode I;16
    with Image.open(tmp_path / "deep.png") as check:
        assert check.mode.startswith("I;16")
    images = ImageFolder(tmp_path, 8, batch_size=1, shuffle=False)[0][0]
    expected = np.round(ramp * (255.0 / 65535.0)) / 127.5 - 1.0
    np.testing.assert_allclose(images[0, ..., 0], expected, atol=1e-6)

    classes = tmp_path / "classes"
    for label in range(3):
        _gray_folder(str(classes / f"c{label}"), 6)
    subset = ImageFolder(classes, 8, batch_size=6, limit=6)
    assert subset.num_images == 6 and len(set(subset.labels.tolist())) == 3
    assert subset.files == ImageFolder(classes, 8, batch_size=6, limit=6).files  # the same subset every time
