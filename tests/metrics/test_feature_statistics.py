"""FeatureStatistics: streaming moments, merging, atomic save/load, bad inputs."""

import hashlib
import os

import numpy as np
import pytest
from keras import ops

from kerasgan.metrics import FeatureStatistics

SHA = hashlib.sha256(b"extractor weights").hexdigest()
OTHER_SHA = hashlib.sha256(b"other weights").hexdigest()


def _features(seed=0, n=1000, d=12, offset=0.0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + offset + rng.normal(size=d)


@pytest.mark.parametrize("offset", [0.0, 1e4])  # a large mean must not cancel the covariance
def test_streaming_in_chunks_equals_numpy_cov(offset):
    x = _features(offset=offset)
    stats = FeatureStatistics()
    for chunk in np.split(x, [1, 7, 7, 300, 512, 999]):  # uneven, one empty, one single row
        stats.update(chunk)
    assert stats.count == 1000 and stats.dim == 12
    np.testing.assert_allclose(stats.mean, x.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(stats.covariance, np.cov(x, rowvar=False), rtol=1e-9, atol=1e-12)
    assert stats.covariance.dtype == np.float64
    np.testing.assert_array_equal(stats.covariance, stats.covariance.T)


def test_backend_tensors_and_float32():
    x = _features(1, n=256, d=6).astype("float32")
    stats = FeatureStatistics()
    for chunk in np.split(x, 4):
        stats.update(ops.convert_to_tensor(chunk))
    x64 = x.astype(np.float64)
    np.testing.assert_allclose(stats.mean, x64.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(stats.covariance, np.cov(x64, rowvar=False), rtol=1e-10)


def test_merge_equals_all_data():
    x = _features(2)
    a = FeatureStatistics().update(x[:123])
    b = FeatureStatistics().update(x[123:])
    merged = FeatureStatistics().merge(a).merge(b)
    a.merge(b)
    for stats in (a, merged):
        assert stats.count == 1000
        np.testing.assert_allclose(stats.mean, x.mean(axis=0), rtol=1e-12)
        np.testing.assert_allclose(stats.covariance, np.cov(x, rowvar=False), rtol=1e-10)
    with pytest.raises(ValueError, match="dimension 5 into statistics of dimension 12"):
        a.merge(FeatureStatistics().update(np.ones((3, 5))))
    with pytest.raises(TypeError, match="FeatureStatistics.*ndarray"):
        a.merge(x)


def test_from_moments():
    x = _features(3, n=50, d=4)
    stats = FeatureStatistics.from_moments(x.mean(0), np.cov(x, rowvar=False), 50)
    stats.update(x)  # not frozen: the same data again
    np.testing.assert_allclose(stats.mean, x.mean(0), rtol=1e-12)
    np.testing.assert_allclose(
        stats.covariance, np.cov(np.concatenate([x, x]), rowvar=False), rtol=1e-10
    )
    with pytest.raises(ValueError, match="at least 2"):
        FeatureStatistics.from_moments(np.zeros(4), np.eye(4), 1)
    with pytest.raises(ValueError, match=r"\(4, 4\).*\(3, 3\)"):
        FeatureStatistics.from_moments(np.zeros(4), np.eye(3), 10)


def test_save_load_round_trip(tmp_path):
    x = _features(4, n=300, d=7)
    stats = FeatureStatistics().update(x)
    path = tmp_path / "cifar10_train.npz"
    stats.save(path, "inception_v3_fid", SHA.upper())  # hex case does not matter
    loaded = FeatureStatistics.load(path, extractor="inception_v3_fid", extractor_sha256=SHA)
    assert loaded.count == 300 and loaded.dim == 7
    np.testing.assert_array_equal(loaded.mean, stats.mean)
    np.testing.assert_array_equal(loaded.covariance, stats.covariance)
    assert loaded.extractor == "inception_v3_fid" and loaded.extractor_sha256 == SHA
    with np.load(path) as data:
        assert int(data["format_version"]) == 1
        assert str(data["extractor"]) == "inception_v3_fid"
    # Loaded statistics keep accumulating exactly like the saved object.
    more = _features(5, n=100, d=7)
    loaded.update(more)
    both = np.concatenate([x, more])
    np.testing.assert_allclose(loaded.covariance, np.cov(both, rowvar=False), rtol=1e-10)
    assert loaded.count == 400
    # A path without the .npz suffix is written exactly where asked.
    plain = tmp_path / "stats"
    stats.save(str(plain), "inception_v3_fid", SHA)
    assert plain.exists() and FeatureStatistics.load(plain).count == 300


def test_save_is_atomic(tmp_path, monkeypatch):
    stats = FeatureStatistics().update(_features(6, n=20, d=3))
    path = tmp_path / "stats.npz"

    def failing_savez(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(np, "savez", failing_savez)
    with pytest.raises(OSError, match="simulated"):
        stats.save(path, "extractor", SHA)
    assert os.listdir(tmp_path) == []  # no file and no temporary file left behind

    monkeypatch.undo()
    stats.save(path, "extractor", SHA)
    before = path.read_bytes()
    other = FeatureStatistics().update(_features(7, n=20, d=3))
    monkeypatch.setattr(np, "savez", failing_savez)
    with pytest.raises(OSError, match="simulated"):
        other.save(path, "extractor", SHA)
    assert path.read_bytes() == before  # the existing file is unchanged
    assert os.listdir(tmp_path) == ["stats.npz"]


def test_load_checks_the_extractor(tmp_path):
    path = tmp_path / "stats.npz"
    FeatureStatistics().update(_features(8, n=10, d=3)).save(path, "inception_v3_fid", SHA)
    with pytest.raises(ValueError, match="'inception_v3_fid'.*expected extractor 'clip'"):
        FeatureStatistics.load(path, extractor="clip")
    with pytest.raises(ValueError, match=f"sha256 {SHA}; expected sha256 {OTHER_SHA}"):
        FeatureStatistics.load(path, extractor_sha256=OTHER_SHA)
    loaded = FeatureStatistics.load(path)
    with pytest.raises(ValueError, match="extractor 'inception_v3_fid'.*'clip'"):
        loaded.save(tmp_path / "again.npz", "clip", SHA)


def test_load_rejects_other_files(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, mu=np.zeros(3), sigma=np.eye(3))  # a pytorch-fid style file
    with pytest.raises(ValueError, match=r"missing \['format_version', 'count', 'mean'"):
        FeatureStatistics.load(path)
    stats = FeatureStatistics().update(_features(9, n=10, d=3))
    stats.save(path, "extractor", SHA)
    with np.load(path) as data:
        contents = dict(data)
    contents["format_version"] = np.int64(99)
    np.savez(path, **contents)
    with pytest.raises(ValueError, match="format_version 99"):
        FeatureStatistics.load(path)


def test_save_arguments(tmp_path):
    stats = FeatureStatistics().update(np.ones((1, 3)))
    with pytest.raises(ValueError, match="needs at least 2 samples"):
        stats.save(tmp_path / "s.npz", "extractor", SHA)
    stats.update(np.zeros((1, 3)))
    with pytest.raises(ValueError, match="SHA-256.*'abc'"):
        stats.save(tmp_path / "s.npz", "extractor", "abc")
    with pytest.raises(ValueError, match="non-empty string"):
        stats.save(tmp_path / "s.npz", "", SHA)
    assert os.listdir(tmp_path) == []


def test_bad_inputs():
    stats = FeatureStatistics()
    with pytest.raises(ValueError, match="at least 1 sample"):
        _ = stats.mean
    stats.update(np.ones((1, 4)))
    with pytest.raises(ValueError, match="needs at least 2 samples.*received 1"):
        _ = stats.covariance
    with pytest.raises(ValueError, match=r"4 columns.*\(5, 3\)"):
        stats.update(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"2-D.*\(4,\)"):
        stats.update(np.ones(4))
    with pytest.raises(ValueError, match=r"2-D.*\(2, 2, 4\)"):
        stats.update(np.ones((2, 2, 4)))
    bad = np.ones((6, 4))
    bad[4, 1] = np.nan
    bad[5, 0] = np.inf
    with pytest.raises(
        ValueError, match="finite.*2 NaN or infinite value.*2 of 6 rows.*first bad row: 4"
    ):
        stats.update(bad)
    with pytest.raises(TypeError, match="real numbers"):
        stats.update(np.array([["a", "b", "c", "d"]]))
    assert stats.count == 1  # failed updates change nothing
    with pytest.raises(ValueError, match="positive int"):
        FeatureStatistics(dim=0)
