"""CESAGAN and the Zelda level tools: encoding, property vectors, playability, level statistics,
GVGAI text files, pictures, bootstrapping and condition-vector errors."""

import os

import keras
import numpy as np
import pytest

from kerasgan import levels as L
from kerasgan.models import CESAGAN
from kerasgan.models.cesagan import train_with_bootstrapping

ZELDA = L.load_zelda_levels()


def _edit(level, *changes):
    level = level.copy()
    for (r, c), tile in changes:
        level[r, c] = tile
    return level


def test_embedded_levels_encode_decode_and_count():
    assert ZELDA.shape == (5, 9, 13)
    x = L.encode_levels(ZELDA)
    assert x.shape == (5, 16, 16, 8) and np.all(x.sum(axis=-1) == 1)
    assert np.all(x[:, 9:, :, L.TILES.index("w")] == 1) and np.all(x[:, :, 13:, L.TILES.index("w")] == 1)
    np.testing.assert_array_equal(L.decode_levels(x), ZELDA)
    counts = L.tile_counts(ZELDA)
    assert counts.sum(axis=1).tolist() == [117] * 5 and counts[:, 2:5].tolist() == [[1, 1, 1]] * 5
    np.testing.assert_allclose(L.level_conditions(ZELDA), np.log1p(counts))
    assert L.format_level(ZELDA[0]).splitlines()[1] == "wA.......w..w"


def test_playability_rules():
    level = ZELDA[0]  # avatar (1, 1), key (3, 10), door (5, 10)
    assert all(L.is_playable(lvl) for lvl in ZELDA)
    assert not L.is_playable(_edit(level, ((0, 5), ".")))  # a hole in the border wall
    assert not L.is_playable(_edit(level, ((3, 10), ".")))  # no key
    assert not L.is_playable(_edit(level, ((2, 2), "A")))  # two avatars
    assert not L.is_playable(_edit(level, ((1, 2), "g")))  # two doors
    # Walls around the door: key reachable, door not.
    walled = _edit(level, ((4, 10), "w"), ((5, 9), "w"), ((5, 11), "w"), ((6, 10), "w"))
    assert not L.is_playable(walled)
    # Monsters do not block the way.
    assert L.is_playable(_edit(level, ((4, 10), "1"), ((5, 9), "2"), ((5, 11), "3"), ((6, 10), "1")))


def test_level_statistics():
    unplayable = _edit(ZELDA[0], ((3, 10), "."))
    new = _edit(ZELDA[0], ((7, 3), "1"))
    generated = np.stack([ZELDA[0], ZELDA[0], new, new, unplayable])
    stats = L.level_statistics(generated, ZELDA)
    assert stats == {"num_levels": 5, "playable_percent": 80.0, "duplicate_percent": 40.0,
                     "training_duplicate_percent": 40.0, "unique_playable": 1, "unique_playable_percent": 20.0}


def test_gvgai_text_round_trip_and_picture(tmp_path):
    paths = L.write_gvgai_levels(ZELDA[:2], tmp_path / "out", prefix="lvl")
    assert [os.path.basename(p) for p in paths] == ["lvl0.txt", "lvl1.txt"]
    assert not [p for p in os.listdir(tmp_path / "out") if "partial" in p]
    for path, level in zip(paths, ZELDA[:2], strict=True):
        with open(path) as f:
            np.testing.assert_array_equal(L.parse_level(f.read()), level)
    with open(os.path.join(os.path.dirname(L.__file__), "..", "data", "zelda", "zelda_lvl0.txt")) as f:
        assert L.format_level(ZELDA[0]) == f.read()
    from PIL import Image

    picture = Image.open(L.render_levels(ZELDA, str(tmp_path / "levels.png"), columns=5, cell=4, gap=2))
    assert picture.size == (5 * (13 * 4 + 2) + 2, 9 * 4 + 4)
    with pytest.raises(ValueError, match=r"unknown tiles \['x'\]"):
        L.parse_level("wxw\nwww\n")
    with pytest.raises(ValueError, match=r"shape \(N, 9, 13\).*received an array of shape \(2, 3\)"):
        L.write_gvgai_levels(np.full((2, 3), "w"), tmp_path)


@pytest.fixture(scope="module")
def gan():
    gan = CESAGAN(latent_dim=8, filters=8, embedding_dim=4, seed=0)
    gan.compile()
    return gan


def test_generation_conditions_come_from_the_training_levels(gan):
    with pytest.raises(ValueError, match=r"none are set: call `set_training_levels\(levels\)` or pass `labels`"):
        CESAGAN(latent_dim=8, filters=8, embedding_dim=4).generate(2)
    gan.set_training_levels(ZELDA[:2])
    assert int(gan.condition_count.numpy()) == 2
    u = L.level_conditions(ZELDA)
    # The same seed and the same (drawn) conditions give the same levels; other conditions change them.
    rng = np.random.default_rng(0)
    rng.standard_normal((6, gan.latent_dim))  # generate draws z first, then the conditions
    drawn = gan.sample_conditions(rng, 6)
    assert {tuple(row) for row in drawn} <= {tuple(row) for row in u[:2]}
    np.testing.assert_array_equal(gan.generate(6, seed=0), gan.generate(6, seed=0, labels=drawn))
    other = np.repeat(u[4:5] + 2.0, 6, axis=0)
    assert not np.allclose(gan.generate(6, seed=0), gan.generate(6, seed=0, labels=other))
    levels = gan.generate_levels(6, seed=0)
    assert levels.shape == (6, 9, 13) and np.isin(levels, L.TILES).all()
    with pytest.raises(ValueError, match=r"condition vectors of shape \(3, 8\); received shape \(3, 5\)"):
        gan.generate(3, labels=np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"at most condition_capacity=2 training levels; received 5"):
        CESAGAN(latent_dim=8, filters=8, embedding_dim=4, condition_capacity=2).set_training_levels(ZELDA)


def test_fit_checks_condition_vectors(gan):
    x = L.encode_levels(ZELDA)
    with pytest.raises(ValueError, match=r"tuple \(images, conditions\) with float conditions of shape \(batch, 8\)"):
        gan.fit(x, batch_size=5, epochs=1, verbose=0)
    with pytest.raises(ValueError, match=r"float condition vectors of shape \(batch, 8\); received dtype int32"):
        gan.fit(x, L.tile_counts(ZELDA), batch_size=5, epochs=1, verbose=0)
    with pytest.raises(ValueError, match=r"`g_batch_size` must be None; received 4"):
        CESAGAN(latent_dim=8, filters=8, embedding_dim=4, g_batch_size=4)


def test_bootstrapping_adds_only_new_playable_unique_levels(gan, monkeypatch):
    new = _edit(ZELDA[0], ((7, 3), "1"))
    unplayable = _edit(ZELDA[1], ((0, 0), "."))
    batches = iter([np.stack([new, new, ZELDA[2], unplayable]), np.stack([new, ZELDA[3], ZELDA[3], ZELDA[3]])])
    monkeypatch.setattr(gan, "generate_levels", lambda n, seed=None, **kw: next(batches))
    training, history = train_with_bootstrapping(gan, ZELDA, rounds=2, steps_per_round=1, batch_size=4,
                                                 samples_per_round=4)
    assert len(training) == 6 and (training[5] == new).all()
    assert [h["added"] for h in history] == [1, 0] and [h["training_levels"] for h in history] == [6, 6]
    assert [h["playable_percent"] for h in history] == [75.0, 100.0]
    assert int(gan.condition_count.numpy()) == 6  # generation now conditions on the grown set
    batches = iter([np.stack([new] * 4)])
    training, history = train_with_bootstrapping(gan, ZELDA, rounds=1, steps_per_round=1, batch_size=4,
                                                 samples_per_round=4, bootstrap=False)
    assert len(training) == 5 and history[0]["added"] == 0
    with pytest.raises(ValueError, match=r"expects a compiled CESAGAN"):
        train_with_bootstrapping(CESAGAN(latent_dim=8, filters=8, embedding_dim=4), ZELDA, 1, 1)


def test_conditions_feed_both_networks(gan):
    z = np.random.default_rng(0).standard_normal((2, 8)).astype("float32")
    x = L.encode_levels(ZELDA[:2])
    u = L.level_conditions(ZELDA[:2])
    d_a = keras.ops.convert_to_numpy(gan.discriminator([x, u]))
    d_b = keras.ops.convert_to_numpy(gan.discriminator([x, u + 1.0]))
    assert not np.allclose(d_a, d_b)
    g = keras.ops.convert_to_numpy(gan.generator([z, u]))
    assert g.shape == (2, 16, 16, 8)
    np.testing.assert_allclose(g.sum(axis=-1), 1.0, rtol=1e-5)
