"""SN-GAN ResNet-32 training throughput: kerasgan's core (`gan.fit`) against a bare loop.

Both modes train the same networks (SNGANResNetGenerator / SNGANResNetDiscriminator, 32x32x3,
latent 128) with hinge loss, Adam(2e-4, 0, 0.9) and, per step, n_dis = 5 discriminator updates on
a fresh chunk of 64 real images each plus one generator update, on the KERAS_BACKEND backend.
images/s counts the real images D consumes: 5 x 64 = 320 per step.

- core: `SNGAN(...).fit(x, batch_size=320)` (the core splits each batch into n_critic chunks),
  timed by a callback from the first batch's start to the last batch's end (fit setup excluded).
- bare: the same step in the backend's own framework, without kerasgan's GAN class, GANOptimizer or
  backend modules. TF: tf.function + GradientTape; JAX: jax.jit over stateless_call /
  stateless_apply; torch: eager autograd. Synchronised once at the end of a timed block.

    KERAS_BACKEND=jax PYTHONPATH=. python benchmarks/sngan_throughput.py --small --threads 1
"""

import argparse
import os
import platform
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=int, default=10, help="timed GAN steps (each: 5 D + 1 G update)")
    p.add_argument("--warmup", type=int, default=2, help="untimed steps first (compilation)")
    p.add_argument("--g-batch", type=int, default=64, help="generator batch (reference recipe: 128)")
    p.add_argument("--small", action="store_true", help="G and D filters 32 (quick check)")
    p.add_argument(
        "--jit",
        choices=["auto", "true", "false"],
        default="auto",
        help="core's compile(jit_compile=...); bare TF/JAX use the same (bare torch: eager)",
    )
    p.add_argument("--repeats", type=int, default=1, help="timed blocks per mode, interleaved; best shown")
    p.add_argument("--modes", default="core,bare", help="comma-separated subset of core,bare")
    p.add_argument(
        "--threads",
        type=int,
        default=0,
        help="CPU threads per op via OMP/TF env vars (JAX: only 1); 1 is steadier when shared",
    )
    args = p.parse_args()
    args.modes = args.modes.split(",")
    if args.steps < 1 or args.warmup < 0 or args.repeats < 1 or not set(args.modes) <= {"core", "bare"}:
        p.error("need --steps >= 1, --warmup >= 0, --repeats >= 1 and --modes from core,bare")
    args.g_filters, args.d_filters = (32, 32) if args.small else (256, 128)
    return args


ARGS = parse_args()
if ARGS.threads:  # before the frameworks start their thread pools
    n = str(ARGS.threads)
    os.environ.update(OMP_NUM_THREADS=n, MKL_NUM_THREADS=n, TF_NUM_INTRAOP_THREADS=n, TF_NUM_INTEROP_THREADS=n)
    if n == "1":
        os.environ["XLA_FLAGS"] = os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false"

import keras  # noqa: E402
import numpy as np  # noqa: E402

import kerasgan  # noqa: E402
from kerasgan.models import SNGAN  # noqa: E402
from kerasgan.models import SNGANResNetDiscriminator  # noqa: E402
from kerasgan.models import SNGANResNetGenerator  # noqa: E402

BACKEND = keras.backend.backend()
LATENT, SHAPE, CHUNK, N_CRITIC = 128, (32, 32, 3), 64, 5
PER_STEP = CHUNK * N_CRITIC


def device_and_framework():
    if BACKEND == "tensorflow":
        import tensorflow as tf

        gpus = [g.name for g in tf.config.list_physical_devices("GPU")]
        return ("GPU: " + ", ".join(gpus)) if gpus else "CPU", f"tensorflow {tf.__version__}"
    if BACKEND == "jax":
        import jax

        dev = jax.devices()[0]
        return ("CPU" if dev.platform == "cpu" else f"GPU: {dev.device_kind}"), f"jax {jax.__version__}"
    import torch

    return (
        f"GPU: {torch.cuda.get_device_name()}" if torch.cuda.is_available() else "CPU"
    ), f"torch {torch.__version__}"


class BatchTimer(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.start = self.end = None

    def on_train_batch_begin(self, batch, logs=None):
        self.start = self.start or time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        float(logs["d_loss"])  # the step is done (Keras has pulled the logs to the host already)
        self.end = time.perf_counter()


def prepare_core(warm, timed, args):
    """Compile and warm up `gan.fit`; return a function timing one `fit` over `timed`."""
    gan = SNGAN(g_filters=args.g_filters, d_filters=args.d_filters, g_batch_size=args.g_batch, seed=0)
    gan.compile(jit_compile=args.jit)
    if bool(gan.jit_compile) != args.jit:
        print(f"warning: the core resolved jit_compile={gan.jit_compile}; the bare loop uses {args.jit}")
    timer = BatchTimer()
    fit = dict(batch_size=gan.iteration_batch_size(CHUNK), epochs=1, shuffle=False, verbose=0, callbacks=[timer])
    if len(warm):
        gan.fit(warm, **fit)

    def timed_run():
        gan.fit(timed, **fit)
        return timer.end - timer.start

    return timed_run


def bare_tensorflow(G, D, g_opt, d_opt, g_batch, jit):
    import tensorflow as tf

    @tf.function(jit_compile=jit)
    def step(images):
        for i in range(N_CRITIC):
            fake = G(tf.random.normal((CHUNK, LATENT)), training=True)
            with tf.GradientTape() as tape:
                real_logits = D(images[i * CHUNK : (i + 1) * CHUNK], training=True)
                fake_logits = D(fake, training=True)
                d_loss = tf.reduce_mean(tf.nn.relu(1.0 - real_logits)) + tf.reduce_mean(tf.nn.relu(1.0 + fake_logits))
            d_opt.apply(tape.gradient(d_loss, D.trainable_variables), D.trainable_variables)
        with tf.GradientTape() as tape:
            g_loss = -tf.reduce_mean(D(G(tf.random.normal((g_batch, LATENT)), training=True), training=True))
        g_opt.apply(tape.gradient(g_loss, G.trainable_variables), G.trainable_variables)
        return d_loss

    return lambda batch: step(tf.constant(batch)), float


def bare_jax(G, D, g_opt, d_opt, g_batch, jit):
    import jax
    import jax.numpy as jnp

    def d_loss_fn(d_tv, d_ntv, real, fake):
        real_logits, d_ntv = D.stateless_call(d_tv, d_ntv, real, training=True)
        fake_logits, d_ntv = D.stateless_call(d_tv, d_ntv, fake, training=True)
        return jnp.mean(jax.nn.relu(1.0 - real_logits)) + jnp.mean(jax.nn.relu(1.0 + fake_logits)), d_ntv

    def g_loss_fn(g_tv, g_ntv, d_tv, d_ntv, z):
        fake, g_ntv = G.stateless_call(g_tv, g_ntv, z, training=True)
        fake_logits, d_ntv = D.stateless_call(d_tv, d_ntv, fake, training=True)
        return -jnp.mean(fake_logits), (g_ntv, d_ntv)

    def step(state, images):
        g_tv, g_ntv, g_ov, d_tv, d_ntv, d_ov, key = state
        for i in range(N_CRITIC):
            key, k = jax.random.split(key)
            fake, g_ntv = G.stateless_call(g_tv, g_ntv, jax.random.normal(k, (CHUNK, LATENT)), training=True)
            real = images[i * CHUNK : (i + 1) * CHUNK]
            (d_loss, d_ntv), grads = jax.value_and_grad(d_loss_fn, has_aux=True)(
                d_tv, d_ntv, real, jax.lax.stop_gradient(fake)
            )
            d_tv, d_ov = d_opt.stateless_apply(d_ov, grads, d_tv)
        key, k = jax.random.split(key)
        (_, (g_ntv, d_ntv)), grads = jax.value_and_grad(g_loss_fn, has_aux=True)(
            g_tv, g_ntv, d_tv, d_ntv, jax.random.normal(k, (g_batch, LATENT))
        )
        g_tv, g_ov = g_opt.stateless_apply(g_ov, grads, g_tv)
        return (g_tv, g_ntv, g_ov, d_tv, d_ntv, d_ov, key), d_loss

    step = jax.jit(step, donate_argnums=0) if jit else step
    groups = (
        G.trainable_variables,
        G.non_trainable_variables,
        g_opt.variables,
        D.trainable_variables,
        D.non_trainable_variables,
        d_opt.variables,
    )
    state = [tuple([v.value for v in group] for group in groups) + (jax.random.key(0),)]

    def run(batch):
        state[0], d_loss = step(state[0], batch)
        return d_loss

    return run, lambda d_loss: float(jax.block_until_ready(d_loss))


def bare_torch(G, D, g_opt, d_opt, g_batch, jit):
    import torch

    device = keras.ops.convert_to_tensor(np.zeros(1, "float32")).device
    d_vars, g_vars = D.trainable_variables, G.trainable_variables
    d_params, g_params = [v.value for v in d_vars], [v.value for v in g_vars]

    def run(batch):
        images = torch.from_numpy(batch).to(device)
        for i in range(N_CRITIC):
            with torch.no_grad():
                fake = G(torch.randn(CHUNK, LATENT, device=device), training=True)
            real_logits = D(images[i * CHUNK : (i + 1) * CHUNK], training=True)
            fake_logits = D(fake, training=True)
            d_loss = torch.relu(1.0 - real_logits).mean() + torch.relu(1.0 + fake_logits).mean()
            grads = torch.autograd.grad(d_loss, d_params)
            with torch.no_grad():
                d_opt.apply(grads, d_vars)
        g_loss = -D(G(torch.randn(g_batch, LATENT, device=device), training=True), training=True).mean()
        grads = torch.autograd.grad(g_loss, g_params)
        with torch.no_grad():
            g_opt.apply(grads, g_vars)
        return d_loss.detach()

    def sync(d_loss):
        if torch.cuda.is_available():
            torch.cuda.synchronize()  # d_loss.item() alone would not wait for the G update
        return float(d_loss)

    return run, sync


def prepare_bare(warm, timed, args):
    """Build the same networks and optimizers, warm up the bare step; return a timing function."""
    G = SNGANResNetGenerator(LATENT, SHAPE, args.g_filters)
    D = SNGANResNetDiscriminator(SHAPE, args.d_filters)
    g_opt, d_opt = (keras.optimizers.Adam(2e-4, beta_1=0.0, beta_2=0.9) for _ in range(2))
    g_opt.build(G.trainable_variables)
    d_opt.build(D.trainable_variables)
    make = {"tensorflow": bare_tensorflow, "jax": bare_jax, "torch": bare_torch}[BACKEND]
    run, sync = make(G, D, g_opt, d_opt, args.g_batch, args.jit)
    chunks = lambda x: [x[i : i + PER_STEP] for i in range(0, len(x), PER_STEP)]  # noqa: E731
    for batch in chunks(warm):
        sync(run(batch))

    def timed_run():
        start = time.perf_counter()
        for batch in chunks(timed):
            d_loss = run(batch)
        if not np.isfinite(sync(d_loss)):
            print("warning: the bare loop's d_loss is not finite")
        return time.perf_counter() - start

    return timed_run


def main(args):
    device, framework = device_and_framework()
    print(
        f"backend={BACKEND} device={device} | keras {keras.__version__}, {framework}, numpy {np.__version__}, "
        f"python {platform.python_version()}, kerasgan {kerasgan.__version__}, cpus={os.cpu_count()}, "
        f"threads={args.threads or 'default'}"
    )
    print(
        f"SN-GAN ResNet-32: G filters {args.g_filters}, D filters {args.d_filters}, D batch {CHUNK} x n_dis "
        f"{N_CRITIC}, G batch {args.g_batch}; warmup {args.warmup}, timed steps {args.steps} x {args.repeats}"
    )
    if args.jit == "auto":  # what Keras resolves "auto" to: JAX jit, TF XLA only with a GPU, torch eager
        args.jit = BACKEND == "jax" or (BACKEND == "tensorflow" and device != "CPU")
    else:
        args.jit = args.jit == "true"
    rng = np.random.default_rng(0)
    warm = rng.uniform(-1, 1, (args.warmup * PER_STEP, *SHAPE)).astype("float32")
    timed = rng.uniform(-1, 1, (args.steps * PER_STEP, *SHAPE)).astype("float32")
    prepare = {"core": prepare_core, "bare": prepare_bare}
    runners = {mode: prepare[mode](warm, timed, args) for mode in args.modes}
    times = {mode: [] for mode in args.modes}
    for r in range(args.repeats):  # interleaved, alternating order, to share out machine noise
        for mode in args.modes if r % 2 == 0 else args.modes[::-1]:
            times[mode].append(runners[mode]())
    best = {mode: min(t) for mode, t in times.items()}
    for mode, seconds in best.items():
        line = (
            f"{BACKEND:<10} {mode:<4} jit={str(args.jit):<5} steps={args.steps} best_s={seconds:8.3f} "
            f"images/s={args.steps * PER_STEP / seconds:8.1f}"
        )
        if mode == "core" and "bare" in best:
            line += f"  overhead={100.0 * (seconds / best['bare'] - 1.0):+.1f}% vs bare"
        if args.repeats > 1:
            line += "  (all s: " + ", ".join(f"{t:.2f}" for t in times[mode]) + ")"
        print(line, flush=True)


if __name__ == "__main__":
    main(ARGS)
