"""FIDInceptionV3 (pytorch-fid's FID Inception in Keras) and KerasInceptionV3Features.

The real weights cannot be downloaded here: the download / cache / hash path is tested with a
random-weights state dict in pytorch-fid's exact layout, written with `torch.save` and served over
http://127.0.0.1. The 299x299 forward pass is slow on CPU, so forwards use 1-2 images and one
module-scoped model.
"""

import hashlib
import os
import socket

import keras
import numpy as np
import pytest
from local_http import serve

from kerasgan.metrics import fid_inception_v3 as fid
from kerasgan.metrics.fid_inception_v3 import FIDInceptionV3
from kerasgan.metrics.fid_inception_v3 import convert_pytorch_fid_weights
from kerasgan.metrics.fid_inception_v3 import read_pytorch_state_dict
from kerasgan.metrics.keras_inception_v3 import KerasInceptionV3Features

FNAME = "pt_inception-2015-12-05-6726825d.pth"


# --------------------------------------------------------------------------------------------
# The architecture, written out independently of the model code from pytorch-fid's
# FIDInceptionV3 (torchvision Inception3 + FIDInceptionA/C/E_1/E_2, num_classes=1008,
# aux_logits=False): (module path, in, out, kh, kw) of every BasicConv2d.


def _pytorch_fid_convs():
    convs = [("Conv2d_1a_3x3", 3, 32, 3, 3), ("Conv2d_2a_3x3", 32, 32, 3, 3),
             ("Conv2d_2b_3x3", 32, 64, 3, 3), ("Conv2d_3b_1x1", 64, 80, 1, 1),
             ("Conv2d_4a_3x3", 80, 192, 3, 3)]
    for name, cin, pool in (("Mixed_5b", 192, 32), ("Mixed_5c", 256, 64), ("Mixed_5d", 288, 64)):
        convs += [(f"{name}.branch1x1", cin, 64, 1, 1), (f"{name}.branch5x5_1", cin, 48, 1, 1),
                  (f"{name}.branch5x5_2", 48, 64, 5, 5), (f"{name}.branch3x3dbl_1", cin, 64, 1, 1),
                  (f"{name}.branch3x3dbl_2", 64, 96, 3, 3), (f"{name}.branch3x3dbl_3", 96, 96, 3, 3),
                  (f"{name}.branch_pool", cin, pool, 1, 1)]
    convs += [("Mixed_6a.branch3x3", 288, 384, 3, 3), ("Mixed_6a.branch3x3dbl_1", 288, 64, 1, 1),
              ("Mixed_6a.branch3x3dbl_2", 64, 96, 3, 3), ("Mixed_6a.branch3x3dbl_3", 96, 96, 3, 3)]
    for name, c7 in (("Mixed_6b", 128), ("Mixed_6c", 160), ("Mixed_6d", 160), ("Mixed_6e", 192)):
        convs += [(f"{name}.branch1x1", 768, 192, 1, 1), (f"{name}.branch7x7_1", 768, c7, 1, 1),
                  (f"{name}.branch7x7_2", c7, c7, 1, 7), (f"{name}.branch7x7_3", c7, 192, 7, 1),
                  (f"{name}.branch7x7dbl_1", 768, c7, 1, 1), (f"{name}.branch7x7dbl_2", c7, c7, 7, 1),
                  (f"{name}.branch7x7dbl_3", c7, c7, 1, 7), (f"{name}.branch7x7dbl_4", c7, c7, 7, 1),
                  (f"{name}.branch7x7dbl_5", c7, 192, 1, 7), (f"{name}.branch_pool", 768, 192, 1, 1)]
    convs += [("Mixed_7a.branch3x3_1", 768, 192, 1, 1), ("Mixed_7a.branch3x3_2", 192, 320, 3, 3),
              ("Mixed_7a.branch7x7x3_1", 768, 192, 1, 1), ("Mixed_7a.branch7x7x3_2", 192, 192, 1, 7),
              ("Mixed_7a.branch7x7x3_3", 192, 192, 7, 1), ("Mixed_7a.branch7x7x3_4", 192, 192, 3, 3)]
    for name, cin in (("Mixed_7b", 1280), ("Mixed_7c", 2048)):
        convs += [(f"{name}.branch1x1", cin, 320, 1, 1), (f"{name}.branch3x3_1", cin, 384, 1, 1),
                  (f"{name}.branch3x3_2a", 384, 384, 1, 3), (f"{name}.branch3x3_2b", 384, 384, 3, 1),
                  (f"{name}.branch3x3dbl_1", cin, 448, 1, 1), (f"{name}.branch3x3dbl_2", 448, 384, 3, 3),
                  (f"{name}.branch3x3dbl_3a", 384, 384, 1, 3), (f"{name}.branch3x3dbl_3b", 384, 384, 3, 1),
                  (f"{name}.branch_pool", cin, 192, 1, 1)]
    return convs


def _expected_state_dict_shapes():
    shapes = {}
    for name, cin, cout, kh, kw in _pytorch_fid_convs():
        shapes[f"{name}.conv.weight"] = (cout, cin, kh, kw)
        for s in ("weight", "bias", "running_mean", "running_var"):
            shapes[f"{name}.bn.{s}"] = (cout,)
    shapes["fc.weight"], shapes["fc.bias"] = (1008, 2048), (1008,)
    return shapes


@pytest.fixture(scope="module")
def model():
    return FIDInceptionV3()


def test_state_dict_layout_matches_pytorch_fid(model):
    shapes = model.pytorch_state_dict_shapes()
    assert shapes == _expected_state_dict_shapes()
    assert len(_pytorch_fid_convs()) == 94 and len(shapes) == 94 * 5 + 2
    # A few known keys of pytorch-fid's pt_inception-2015-12-05 state dict, hard-coded.
    assert shapes["Conv2d_1a_3x3.conv.weight"] == (32, 3, 3, 3)
    assert shapes["Conv2d_1a_3x3.bn.running_var"] == (32,)
    assert shapes["Mixed_6b.branch7x7_2.conv.weight"] == (128, 128, 1, 7)
    assert shapes["Mixed_7c.branch_pool.conv.weight"] == (192, 2048, 1, 1)
    assert shapes["fc.weight"] == (1008, 2048) and shapes["fc.bias"] == (1008,)


def test_parameter_count(model):
    convs = _pytorch_fid_convs()
    conv = sum(cin * cout * kh * kw for _, cin, cout, kh, kw in convs)
    bn_affine = sum(2 * cout for _, _, cout, _, _ in convs)  # PyTorch parameters: weight, bias
    bn_stats = sum(2 * cout for _, _, cout, _, _ in convs)  # buffers: running mean, variance
    fc = 2048 * 1008 + 1008
    # = torchvision's inception_v3 (27,161,264) - its aux head (3,326,696) + 8 more classes
    # (16,392): 23,850,960 PyTorch parameters.
    assert conv + bn_affine + fc == 23_850_960
    assert model.count_params() == conv + bn_affine + bn_stats + fc == 23_885_392
    assert len(model.trainable_weights) == 0  # frozen: a fixed metric network


def test_output_shapes_and_dtypes(model):
    images = np.random.default_rng(0).uniform(-1, 1, (2, 40, 24, 3)).astype("float32")
    images[0, 0, 0, 0] = 1 + 5e-4  # within the range tolerance: accepted (clipped)
    feats, logits = model.features_and_logits(images, batch_size=2)
    assert feats.shape == (2, 2048) and logits.shape == (2, 1008)
    assert feats.dtype == logits.dtype == np.float32 and np.isfinite(feats).all()
    kernel = keras.ops.convert_to_numpy(model.get_layer("fc").kernel)
    bias = keras.ops.convert_to_numpy(model.get_layer("fc").bias)
    np.testing.assert_allclose(feats @ kernel + bias, logits, rtol=1e-4, atol=1e-4)
    # Symbolic shapes: any spatial size is resized to 299x299 inside the model.
    assert model.get_layer("resize_299").output.shape == (None, 299, 299, 3)
    assert model.get_layer("Mixed_7c").output.shape == (None, 8, 8, 2048)


def test_grayscale_is_repeated_to_rgb():
    gray = np.random.default_rng(1).uniform(-1, 1, (2, 5, 6, 1)).astype("float32")
    gray[0, 0, 0, 0] = -1 - 5e-4  # within the tolerance: clipped
    rgb = fid._prepare_batch(fid._check_images(gray, "t"))
    assert rgb.dtype == np.float32 and rgb[0, 0, 0, 0] == -1
    np.testing.assert_array_equal(rgb, np.repeat(np.clip(gray, -1, 1), 3, axis=-1))
    assert fid._prepare_batch(fid._check_images(gray.astype("float64"), "t")).dtype == np.float32


def test_config_round_trip(model):
    assert FIDInceptionV3.from_config(model.get_config()).count_params() == model.count_params()
    assert FIDInceptionV3.NAME == "fid_inception_v3_pt_2015_12_05"
    assert FIDInceptionV3.COMPARABLE_WITH_PUBLISHED_FID is True


# --------------------------------------------------------------------------------------------
# Conventions: resize and pooling.


@pytest.mark.parametrize("in_hw, out_hw", [((5, 7), (11, 13)), ((40, 30), (13, 17)),
                                           ((32, 32), (299, 299)), ((400, 350), (299, 299))])
def test_resize_matches_torch_bilinear_align_corners_false(in_hw, out_hw):
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(2).uniform(-1, 1, (2, *in_hw, 3)).astype("float32")
    ours = keras.ops.convert_to_numpy(
        keras.ops.image.resize(x, out_hw, interpolation="bilinear", antialias=False)
    )
    ref = torch.nn.functional.interpolate(
        torch.from_numpy(x.transpose(0, 3, 1, 2)), size=out_hw, mode="bilinear", align_corners=False
    ).numpy().transpose(0, 2, 3, 1)
    np.testing.assert_allclose(ours, ref, atol=2e-6)


def test_model_resize_layer_is_pytorch_fid_resize(model):
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(3).uniform(-1, 1, (1, 28, 28, 3)).astype("float32")
    ours = keras.ops.convert_to_numpy(model.get_layer("resize_299")(x))
    # pytorch-fid: F.interpolate on [0, 1] images, then 2x - 1; the same thing up to rounding.
    ref = torch.nn.functional.interpolate(
        torch.from_numpy((x.transpose(0, 3, 1, 2) + 1) / 2), size=(299, 299), mode="bilinear",
        align_corners=False,
    ).numpy().transpose(0, 2, 3, 1) * 2 - 1
    np.testing.assert_allclose(ours, ref, atol=1e-5)
    same = np.random.default_rng(4).uniform(-1, 1, (1, 299, 299, 3)).astype("float32")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(model.get_layer("resize_299")(same)),
                               same, atol=1e-6)


def _np_pool_3x3_same(x, kind):
    """NHWC 3x3 stride-1 pool padded by 1; avg excludes padding (count_include_pad=False)."""
    n, h, w, c = x.shape
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x.astype("float64"), ((0, 0), (1, 1), (1, 1), (0, 0)), constant_values=fill)
    windows = np.stack([xp[:, i:i + h, j:j + w] for i in range(3) for j in range(3)])
    if kind == "max":
        return windows.max(0)
    ones = np.pad(np.ones((1, h, w, 1)), ((0, 0), (1, 1), (1, 1), (0, 0)))
    counts = np.stack([ones[:, i:i + h, j:j + w] for i in range(3) for j in range(3)]).sum(0)
    return windows.sum(0) / counts


def test_pools_exclude_padding_like_tensorflow():
    x = np.random.default_rng(5).normal(size=(2, 6, 5, 4)).astype("float32")
    avg = keras.layers.AveragePooling2D(3, strides=1, padding="same")(x)
    mx = keras.layers.MaxPooling2D(3, strides=1, padding="same")(x)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(avg), _np_pool_3x3_same(x, "avg"), atol=1e-6)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(mx), _np_pool_3x3_same(x, "max"), atol=1e-6)
    torch = pytest.importorskip("torch")  # the reference's own definition
    ref = torch.nn.functional.avg_pool2d(torch.from_numpy(x.transpose(0, 3, 1, 2)), 3, 1, 1,
                                         count_include_pad=False).numpy().transpose(0, 2, 3, 1)
    np.testing.assert_allclose(_np_pool_3x3_same(x, "avg"), ref, atol=1e-6)


# --------------------------------------------------------------------------------------------
# Weights: a random state dict in pytorch-fid's layout, written by torch.save, served locally.


def _random_state_dict(seed=0):
    rng = np.random.default_rng(seed)
    sd = {}
    for key, shape in _expected_state_dict_shapes().items():
        if key.endswith("conv.weight"):
            fan_in = int(np.prod(shape[1:]))
            sd[key] = rng.normal(0, np.sqrt(2.0 / fan_in), shape)
        elif key.endswith(("bn.weight", "running_var")):
            sd[key] = rng.uniform(0.5, 1.5, shape)
        elif key == "fc.weight":
            sd[key] = rng.normal(0, 0.02, shape)
        else:
            sd[key] = rng.normal(0, 0.1, shape)
    return {k: v.astype("float32") for k, v in sd.items()}


def _sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    """The served files: good/<FNAME> (legacy torch.save format, as torch < 1.6 wrote pytorch-fid's
    file, with num_batches_tracked like a real BatchNorm) and bad/<FNAME> (a few bytes changed)."""
    torch = pytest.importorskip("torch")
    root = tmp_path_factory.mktemp("served")
    sd = _random_state_dict()
    tensors = {k: torch.from_numpy(v) for k, v in sd.items()}
    for key in [k for k in sd if k.endswith("bn.weight")]:
        tensors[key[: -len("weight")] + "num_batches_tracked"] = torch.tensor(0)
    (root / "good").mkdir()
    (root / "bad").mkdir()
    good = root / "good" / FNAME
    torch.save(tensors, good, _use_new_zipfile_serialization=False)
    data = bytearray(good.read_bytes())
    data[len(data) // 2: len(data) // 2 + 8] = bytes(8)
    (root / "bad" / FNAME).write_bytes(bytes(data))

    class W:
        pass

    w = W()
    w.root, w.path, w.state_dict, w.sha256 = root, good, sd, _sha256(good)
    return w


@pytest.fixture(autouse=True)
def _no_proxy_no_env(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(fid.WEIGHTS_ENV_VAR, raising=False)


def _scramble(model):
    for layer in (model.get_layer("Conv2d_1a_3x3_conv"), model.get_layer("fc")):
        layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])


def _assert_loaded(model, sd):
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(model.get_layer("Conv2d_1a_3x3_conv").kernel),
        sd["Conv2d_1a_3x3.conv.weight"].transpose(2, 3, 1, 0))
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(model.get_layer("Mixed_7c_branch3x3dbl_3a_bn").moving_variance),
        sd["Mixed_7c.branch3x3dbl_3a.bn.running_var"])
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(model.get_layer("fc").kernel),
                                  sd["fc.weight"].T)


def test_reader_matches_torch_save(weights):
    read = read_pytorch_state_dict(weights.path)
    assert set(read) == set(weights.state_dict) | {k for k in read if k.endswith("num_batches_tracked")}
    for key, value in weights.state_dict.items():
        np.testing.assert_array_equal(read[key], value)


@pytest.mark.parametrize("zip_format", [True, False])
def test_reader_handles_both_formats_views_and_dtypes(tmp_path, zip_format):
    torch = pytest.importorskip("torch")
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    sd = {"t": base.t(), "view": base[1:3, 2:], "f64": torch.ones(3, dtype=torch.float64) / 3,
          "i64": torch.tensor(7), "empty": torch.zeros(0, 5)}
    path = tmp_path / "sd.pth"
    torch.save(sd, path, _use_new_zipfile_serialization=zip_format)
    read = read_pytorch_state_dict(path)
    for key, value in sd.items():
        np.testing.assert_array_equal(read[key], value.numpy())
        assert read[key].dtype == value.numpy().dtype and read[key].shape == tuple(value.shape)


def test_reader_runs_no_code_and_rejects_non_state_dicts(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "x.pth"
    torch.save({"device": torch.device("cpu")}, path)
    with pytest.raises(ValueError, match=r"Cannot read .*Refusing to load torch.device"):
        read_pytorch_state_dict(path)
    path.write_bytes(b"not a pytorch file")
    with pytest.raises(ValueError, match="Cannot read .* as a PyTorch state dict"):
        read_pytorch_state_dict(path)


def test_download_caches_then_loads_offline(model, weights, tmp_path):
    _scramble(model)
    with serve(weights.root / "good") as server:
        model.load_pretrained(origin=server.url(FNAME), file_hash=weights.sha256, cache_dir=tmp_path)
        assert server.requests == [f"/{FNAME}"]
    cached = tmp_path / "kerasgan" / FNAME
    assert sorted(os.listdir(tmp_path / "kerasgan")) == [FNAME] and _sha256(cached) == weights.sha256
    _assert_loaded(model, weights.state_dict)
    # Server gone: the cached, hash-checked file is used.
    _scramble(model)
    model.load_pretrained(origin=server.url(FNAME), file_hash=weights.sha256, cache_dir=tmp_path)
    _assert_loaded(model, weights.state_dict)


def test_default_check_is_the_published_sha256_prefix(model, weights, tmp_path):
    with serve(weights.root / "good") as server:
        # The random file's sha256 does not start with pytorch-fid's 6726825d: rejected, removed.
        with pytest.raises(ValueError, match=rf"has sha256 {weights.sha256}, expected one starting "
                                             r"with 6726825d.*nothing was cached"):
            model.load_pretrained(origin=server.url(FNAME), cache_dir=tmp_path)
        assert os.listdir(tmp_path / "kerasgan") == []
        # A prefix of at least 8 hex digits works like torch.hub's check_hash.
        model.load_pretrained(origin=server.url(FNAME), file_hash=weights.sha256[:8], cache_dir=tmp_path)
    _assert_loaded(model, weights.state_dict)


def test_corrupted_download_is_rejected_and_not_cached(model, weights, tmp_path):
    with serve(weights.root / "bad") as server:
        with pytest.raises(ValueError, match=rf"downloaded from .* has sha256 [0-9a-f]{{64}}, expected "
                                             rf"{weights.sha256}: .*nothing was cached"):
            model.load_pretrained(origin=server.url(FNAME), file_hash=weights.sha256, cache_dir=tmp_path)
    assert os.listdir(tmp_path / "kerasgan") == []


def test_corrupted_cached_file_is_downloaded_again(model, weights, tmp_path):
    (tmp_path / "kerasgan").mkdir()
    (tmp_path / "kerasgan" / FNAME).write_bytes((weights.root / "bad" / FNAME).read_bytes())
    with serve(weights.root / "good") as server:
        model.load_pretrained(origin=server.url(FNAME), file_hash=weights.sha256, cache_dir=tmp_path)
        assert server.requests == [f"/{FNAME}"]
    assert _sha256(tmp_path / "kerasgan" / FNAME) == weights.sha256


def test_no_network_error_says_what_to_place_where(model, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{FNAME}"
    target = os.path.join(str(tmp_path), "kerasgan", FNAME)
    with pytest.raises(OSError, match="Could not download") as info:
        model.load_pretrained(origin=url, cache_dir=tmp_path)
    msg = str(info.value)
    assert f"download {url}" in msg and f"place it at {target}" in msg
    assert "KERASGAN_FID_WEIGHTS=" in msg and "weights_path=" in msg


def test_no_network_error_for_the_default_url(model, tmp_path, monkeypatch):
    def offline(*args, **kwargs):
        raise Exception("URL fetch failure on ...: None -- [Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(keras.utils, "get_file", offline)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(OSError) as info:
        model.load_pretrained()
    msg = str(info.value)
    assert fid.WEIGHTS_URL == (
        "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/" + FNAME
    )
    assert f"download {fid.WEIGHTS_URL}" in msg
    assert f"place it at {os.path.join(str(tmp_path), 'kerasgan', FNAME)}" in msg


def test_local_file_from_env_var_or_argument(model, weights, tmp_path, monkeypatch):
    _scramble(model)
    monkeypatch.setenv(fid.WEIGHTS_ENV_VAR, str(weights.path))
    model.load_pretrained(file_hash=weights.sha256, cache_dir=tmp_path)  # no server: env var wins
    _assert_loaded(model, weights.state_dict)
    assert not (tmp_path / "kerasgan").exists()
    monkeypatch.setenv(fid.WEIGHTS_ENV_VAR, str(tmp_path / "missing.pth"))
    with pytest.raises(FileNotFoundError, match=r"missing.pth \(from \$KERASGAN_FID_WEIGHTS\) does not exist"):
        model.load_pretrained()
    # A user's own file that fails the check is reported and left where it is.
    bad = weights.root / "bad" / FNAME
    with pytest.raises(ValueError, match=r"\(from weights_path\) has sha256 .*expected one starting with 6726825d"):
        model.load_pretrained(weights_path=bad)
    assert bad.exists()


def test_pretrained_classmethod(weights):
    loaded = FIDInceptionV3.pretrained(weights_path=weights.path, file_hash=weights.sha256)
    _assert_loaded(loaded, weights.state_dict)
    assert loaded.trainable is False


def test_converted_keras_weights(model, weights, tmp_path):
    out = tmp_path / "fid_inception_v3.weights.h5"
    sha = convert_pytorch_fid_weights(weights.path, out)
    assert sha == _sha256(out) and sorted(os.listdir(tmp_path)) == [out.name]  # no temp files left
    _scramble(model)
    model.load_pretrained(weights_path=out, file_hash=sha)
    _assert_loaded(model, weights.state_dict)
    with pytest.raises(ValueError, match=r"must end with '.weights.h5'"):
        convert_pytorch_fid_weights(weights.path, tmp_path / "x.h5")


def test_bad_state_dict_is_rejected_and_model_unchanged(model, weights):
    before = keras.ops.convert_to_numpy(model.get_layer("fc").bias).copy()
    sd = dict(weights.state_dict)
    del sd["Mixed_5b.branch1x1.bn.running_mean"]
    sd["fc.bias"] = np.zeros(1000, "float32")
    sd["AuxLogits.fc.weight"] = np.zeros((1008, 768), "float32")
    with pytest.raises(ValueError, match=r"1 missing \['Mixed_5b.branch1x1.bn.running_mean'\], "
                                         r"1 unexpected \['AuxLogits.fc.weight'\], 1 of wrong shape "
                                         r"\['fc.bias: expected \(1008,\), received \(1000,\)'\]"):
        model.load_pytorch_state_dict(sd)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(model.get_layer("fc").bias), before)


def test_file_hash_argument_is_checked(model):
    with pytest.raises(ValueError, match=r"sha256 in hex \(64 digits\) or a prefix of at least 8"):
        model.load_pretrained(file_hash="6726")


# --------------------------------------------------------------------------------------------
# Loaded weights reproduce pytorch-fid's blocks, computed independently in NumPy (NCHW, PyTorch
# layout and weights): stem conv, an InceptionA (avg pool without padding), an InceptionC
# (1x7 / 7x1 kernels), the last InceptionE (max pool), the pool and the fc.


def _np_conv(x, w, stride=1, pad=(0, 0)):
    x = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    o, _, kh, kw = w.shape
    oh, ow = (x.shape[2] - kh) // stride + 1, (x.shape[3] - kw) // stride + 1
    out = np.zeros((x.shape[0], o, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = x[:, :, i:i + stride * (oh - 1) + 1:stride, j:j + stride * (ow - 1) + 1:stride]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j], optimize=True)
    return out


def _np_basic(x, sd, name, stride=1, pad=(0, 0)):
    y = _np_conv(x, sd[f"{name}.conv.weight"].astype("float64"), stride, pad)
    g, b, m, v = (sd[f"{name}.bn.{k}"][None, :, None, None].astype("float64")
                  for k in ("weight", "bias", "running_mean", "running_var"))
    return np.maximum((y - m) / np.sqrt(v + 1e-3) * g + b, 0)


def _np_pool(x, kind):
    return _np_pool_3x3_same(x.transpose(0, 2, 3, 1), kind).transpose(0, 3, 1, 2)


def _np_inception_a(x, sd, n):
    b1 = _np_basic(x, sd, f"{n}.branch1x1")
    b5 = _np_basic(_np_basic(x, sd, f"{n}.branch5x5_1"), sd, f"{n}.branch5x5_2", pad=(2, 2))
    b3 = _np_basic(x, sd, f"{n}.branch3x3dbl_1")
    b3 = _np_basic(_np_basic(b3, sd, f"{n}.branch3x3dbl_2", pad=(1, 1)), sd, f"{n}.branch3x3dbl_3", pad=(1, 1))
    bp = _np_basic(_np_pool(x, "avg"), sd, f"{n}.branch_pool")
    return np.concatenate([b1, b5, b3, bp], 1)


def _np_inception_c(x, sd, n):
    b1 = _np_basic(x, sd, f"{n}.branch1x1")
    b7 = _np_basic(x, sd, f"{n}.branch7x7_1")
    b7 = _np_basic(_np_basic(b7, sd, f"{n}.branch7x7_2", pad=(0, 3)), sd, f"{n}.branch7x7_3", pad=(3, 0))
    bd = _np_basic(x, sd, f"{n}.branch7x7dbl_1")
    for i, pad in ((2, (3, 0)), (3, (0, 3)), (4, (3, 0)), (5, (0, 3))):
        bd = _np_basic(bd, sd, f"{n}.branch7x7dbl_{i}", pad=pad)
    bp = _np_basic(_np_pool(x, "avg"), sd, f"{n}.branch_pool")
    return np.concatenate([b1, b7, bd, bp], 1)


def _np_inception_e2(x, sd, n):
    b1 = _np_basic(x, sd, f"{n}.branch1x1")
    b3 = _np_basic(x, sd, f"{n}.branch3x3_1")
    b3 = np.concatenate([_np_basic(b3, sd, f"{n}.branch3x3_2a", pad=(0, 1)),
                         _np_basic(b3, sd, f"{n}.branch3x3_2b", pad=(1, 0))], 1)
    bd = _np_basic(_np_basic(x, sd, f"{n}.branch3x3dbl_1"), sd, f"{n}.branch3x3dbl_2", pad=(1, 1))
    bd = np.concatenate([_np_basic(bd, sd, f"{n}.branch3x3dbl_3a", pad=(0, 1)),
                         _np_basic(bd, sd, f"{n}.branch3x3dbl_3b", pad=(1, 0))], 1)
    bp = _np_basic(_np_pool(x, "max"), sd, f"{n}.branch_pool")  # FIDInceptionE_2: max pool
    return np.concatenate([b1, b3, bd, bp], 1)


def test_loaded_blocks_match_pytorch_fid_definition(model, weights):
    sd = weights.state_dict
    model.load_pytorch_state_dict(sd)
    names = ["resize_299", "Conv2d_1a_3x3_relu", "Mixed_5c", "Mixed_5d", "Mixed_6d", "Mixed_6e",
             "Mixed_7b", "Mixed_7c"]
    probe = keras.Model(model.input, [model.get_layer(n).output for n in names] + [model.output])
    image = np.random.default_rng(6).uniform(-1, 1, (1, 299, 299, 3)).astype("float32")
    *acts, out = probe.predict_on_batch(image)
    acts = {n: np.asarray(a, "float64").transpose(0, 3, 1, 2) for n, a in zip(names, acts, strict=True)}

    def check(ours, ref):
        np.testing.assert_allclose(ours, ref, rtol=1e-3, atol=1e-3 * np.abs(ref).max())

    np.testing.assert_allclose(acts["resize_299"], image.transpose(0, 3, 1, 2), atol=1e-6)
    check(acts["Conv2d_1a_3x3_relu"], _np_basic(acts["resize_299"], sd, "Conv2d_1a_3x3", stride=2))
    check(acts["Mixed_5d"], _np_inception_a(acts["Mixed_5c"], sd, "Mixed_5d"))
    check(acts["Mixed_6e"], _np_inception_c(acts["Mixed_6d"], sd, "Mixed_6e"))
    check(acts["Mixed_7c"], _np_inception_e2(acts["Mixed_7b"], sd, "Mixed_7c"))
    pooled = acts["Mixed_7c"].mean(axis=(2, 3))
    check(out["features"], pooled)
    check(out["logits"], pooled @ sd["fc.weight"].T.astype("float64") + sd["fc.bias"])
    # IS-style logits without the fc bias (the original IS code, torch-fidelity's logits_unbiased).
    unbiased = model.logits(image, include_bias=False)
    check(unbiased, pooled @ sd["fc.weight"].T.astype("float64"))


# --------------------------------------------------------------------------------------------
# Bad input: a clear error naming what was expected and what was received, before any forward.


@pytest.mark.parametrize("images, error, pattern", [
    (np.zeros((2, 32, 32, 3), "uint8"), TypeError,
     r"floating-point images scaled to \[-1, 1\]; received dtype uint8.*scale_images"),
    (np.zeros((2, 32, 32), "float32"), ValueError,
     r"\(batch, height, width, channels\).*received shape \(2, 32, 32\).*x\[\.\.\., None\]"),
    (np.zeros((2, 32, 32, 4), "float32"), ValueError, r"channels 1 or 3.*received shape \(2, 32, 32, 4\)"),
    (np.zeros((2, 3, 32, 32), "float32"), ValueError, r"received shape \(2, 3, 32, 32\).*Channels-first"),
    (np.zeros((0, 32, 32, 3), "float32"), ValueError, r"no empty axis; received shape \(0, 32, 32, 3\)"),
    (np.full((2, 8, 8, 3), 255.0, "float32"), ValueError,
     r"scaled to \[-1, 1\] \(tolerance 0.001\); received values in \[255, 255\].*x / 127.5 - 1"),
    (np.full((2, 8, 8, 3), -1.01, "float32"), ValueError, r"received values in \[-1.01, -1.01\]\.$"),
    (np.full((2, 8, 8, 3), np.nan, "float32"), ValueError, r"finite pixel values; received NaN or inf"),
    (np.array([[[[0.0, np.inf, 0.0]]]], "float32"), ValueError, r"finite pixel values"),
])
def test_bad_images(model, images, error, pattern):
    with pytest.raises(error, match=pattern):
        model.features(images)
    with pytest.raises(error, match="FIDInceptionV3 expects"):
        model.logits(images)


@pytest.mark.parametrize("batch_size", [0, 2.5, True])
def test_bad_batch_size(model, batch_size):
    with pytest.raises(ValueError, match=rf"`batch_size` to be an int >= 1; received {batch_size!r}"):
        model.features(np.zeros((1, 8, 8, 3), "float32"), batch_size=batch_size)


# --------------------------------------------------------------------------------------------
# The alternative backbone.


def test_keras_inception_v3_features():
    net = KerasInceptionV3Features(weights=None)
    assert net.COMPARABLE_WITH_PUBLISHED_FID is False and "not_comparable" in net.NAME
    assert "NOT comparable" in KerasInceptionV3Features.__doc__
    images = np.random.default_rng(7).uniform(-1, 1, (2, 20, 30, 1)).astype("float32")
    feats = net.features(images)
    assert feats.shape == (2, 2048) and feats.dtype == np.float32 and np.isfinite(feats).all()
    with pytest.raises(TypeError, match=r"KerasInceptionV3Features expects floating-point images"):
        net.features(np.zeros((1, 8, 8, 3), "uint8"))


def test_batches_are_padded_to_one_size_and_trimmed():
    inputs = keras.Input((None, None, 3))
    tiny = keras.Model(inputs, {"features": keras.layers.GlobalAveragePooling2D()(inputs)})
    seen = []
    predict = tiny.predict_on_batch
    tiny.predict_on_batch = lambda batch: seen.append(batch.shape) or predict(batch)
    images = np.random.default_rng(8).uniform(-1, 1, (5, 4, 6, 3)).astype("float32")
    out = fid._predict_batches(tiny, images, 2, "t")["features"]
    assert seen == [(2, 4, 6, 3)] * 3 and out.shape == (5, 3)
    np.testing.assert_allclose(out, images.mean(axis=(1, 2)), rtol=1e-6, atol=1e-6)
