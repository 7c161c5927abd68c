"""Every model of `gan_cases.CASES` trains under Keras's mixed-precision policies.

Each case is built and trained for one epoch (two GAN steps, Keras's global seed 0) under
`mixed_float16` and `mixed_bfloat16`, and compared with the same epoch in float32
(`trained_case`): the losses stay finite and close, the networks compute in the policy's 16-bit
type while their outputs (images, logits) and every variable stay float32, every network's
weights move, and under `mixed_float16` each network has its own dynamic loss scale. The scales
start at 2^8 here (Keras's 2^15 overflows on the first steps of some cases, which then skip
updates, by design): every step applies, so the comparison with float32 is step for step.

On TensorFlow the cases other than `COMPILED_ON_TENSORFLOW` train eagerly (`run_eagerly`): the
same Python and the same ops, five times cheaper than tracing a graph for two steps (BigGAN
4.4 s against 24 s). The compiled case keeps the graph's loss-scale branches covered; every case's
compiled float32 step, double backward pass included, is trained by `trained_case`. JAX always
compiles (its eager mode compiles op by op); torch runs eagerly anyway.
"""

import keras
import numpy as np
import pytest
from gan_cases import CASES
from gan_cases import fit_batch_size
from gan_cases import invariant_paths
from gan_cases import trained_case

POLICIES = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}
# Two steps of 16-bit arithmetic against float32: bfloat16 keeps 8 significant bits (~0.4 %), and
# the differences of the first step feed the second (BigGAN's hinge sums move most).
TOLERANCE = {"mixed_float16": 0.05, "mixed_bfloat16": 0.15}
COMPILED_ON_TENSORFLOW = ("dcgan",)


def _train_under(policy, name, loss_scale=2.0**8):
    previous = keras.mixed_precision.dtype_policy()
    keras.mixed_precision.set_global_policy(policy)
    try:
        keras.utils.set_random_seed(0)
        gan, data = CASES[name]()
        if keras.backend.backend() == "tensorflow" and name not in COMPILED_ON_TENSORFLOW:
            gan.run_eagerly = True
        for opt in gan.optimizer.inner_optimizers:
            if isinstance(opt, keras.optimizers.LossScaleOptimizer):
                opt.dynamic_scale.assign(loss_scale)
        before = {v.path: np.array(v.numpy()) for v in gan.variables}
        history = gan.fit(*data, batch_size=fit_batch_size(gan), epochs=1, verbose=0, shuffle=False)
    finally:
        keras.mixed_precision.set_global_policy(previous)
    return gan, before, history


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("name", sorted(CASES))
def test_case_trains_under_mixed_precision(name, policy):
    reference_gan, _, _, reference = trained_case(name)
    gan, before, history = _train_under(policy, name)

    assert set(history.history) == set(reference.history)
    for key, values in history.history.items():
        expected = reference.history[key][-1]
        assert np.isfinite(values[-1]), (key, values)
        assert abs(values[-1] - expected) <= TOLERANCE[policy] * max(1.0, abs(expected)), (key, values, expected)

    for network_name, network in gan.networks.items():
        assert network.dtype_policy.name == policy, network_name
        assert {str(t.dtype) for t in keras.tree.flatten(network.outputs)} == {"float32"}, network_name
    assert {str(v.dtype) for v in gan.trainable_variables if "float" in str(v.dtype)} == {"float32"}
    assert any(POLICIES[policy] in str(layer.compute_dtype) for layer in gan.generator.layers)

    trainable = [v for net in gan.networks.values() for v in net.trainable_variables]
    unchanged = {v.path for v in trainable if np.array_equal(before[v.path], v.numpy())}
    assert unchanged == invariant_paths(name, gan), unchanged

    scaled = [isinstance(opt, keras.optimizers.LossScaleOptimizer) for opt in gan.optimizer.inner_optimizers]
    assert scaled == [policy == "mixed_float16"] * len(scaled)
    # No step was skipped: every optimizer applied as many updates as in float32.
    for opt, reference_opt in zip(gan.optimizer.inner_optimizers, reference_gan.optimizer.inner_optimizers,
                                  strict=True):
        assert int(opt.iterations.numpy()) == int(reference_opt.iterations.numpy()), opt.name


def test_an_overflowing_loss_scale_skips_the_update_and_halves():
    gan, before, history = _train_under("mixed_float16", "dcgan", loss_scale=2.0**40)
    assert all(np.isfinite(v[-1]) for v in history.history.values()), history.history
    assert all(np.array_equal(before[v.path], v.numpy()) for v in gan.trainable_variables)
    for opt in (gan.g_optimizer, gan.d_optimizer):
        assert int(opt.iterations.numpy()) == 0
        assert float(opt.dynamic_scale.numpy()) == 2.0**38  # halved at each of the 2 steps


def test_a_built_unscaled_optimizer_is_refused_under_float16():
    keras.utils.set_random_seed(0)
    gan, _ = CASES["dcgan"]()
    previous = keras.mixed_precision.dtype_policy()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(0)
        half, _ = CASES["dcgan"]()
        with pytest.raises(ValueError, match="built without loss scaling.*fresh optimizers"):
            half.compile(optimizer=gan.optimizer)
    finally:
        keras.mixed_precision.set_global_policy(previous)
