"""SN-GAN ResNet-32 training speed: kerasgan on each backend against Mimicry's own training loop.

The setting of Mimicry's CIFAR-10 SN-GAN recipe: G 256 / D 128 filters, 32x32x3, latent 128, hinge
loss, Adam(2e-4, 0, 0.9), n_dis = 5 D updates on 64 real images each, then one G update on 64.
images/s counts the real images D consumes per second (320 per step); compilation and the first
`--warmup` steps are not timed.

- mimicry: torch-mimicry's `SNGANGenerator32` / `SNGANDiscriminator32`, driven exactly as its
  `Trainer.train` drives them (`netD.train_step` n_dis times, `netG.train_step` after the last),
  eager PyTorch, without the trainer's data loader, logger and checkpoints.
- kerasgan: `benchmarks/sngan_throughput.py --modes core` (`SNGAN(...).fit`) under each backend.

Each run is its own process, one after another, so they never share the CPU.
Mimicry's package imports torchvision, tensorboard and scikit-image at the top; only its networks
and losses are loaded here, from its source, so it needs nothing beyond torch:

    pip download --no-deps torch-mimicry==0.1.16 && tar xzf torch_mimicry-0.1.16.tar.gz
    PYTHONPATH=. python benchmarks/mimicry_side_by_side.py --mimicry-src torch_mimicry-0.1.16 --steps 3
"""

import argparse
import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import time
import types

HERE = pathlib.Path(__file__).resolve().parent
CHUNK, N_DIS, LATENT = 64, 5, 128


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mimicry-src", required=True, help="folder holding torch_mimicry/ (its sdist or repository)")
    p.add_argument("--steps", type=int, default=3, help="timed steps (each: 5 D + 1 G update)")
    p.add_argument("--warmup", type=int, default=1, help="untimed steps first (compilation)")
    p.add_argument("--small", action="store_true", help="G and D filters 32 (quick check)")
    p.add_argument("--backends", default="tensorflow,torch,jax", help="kerasgan backends to run")
    p.add_argument("--threads", type=int, default=0, help="CPU threads per op (0: each framework's default)")
    p.add_argument("--only-mimicry", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    package = pathlib.Path(args.mimicry_src) / "torch_mimicry"
    if not (package / "nets" / "sngan" / "sngan_32.py").is_file():
        p.error(f"--mimicry-src: expected a folder holding torch_mimicry/nets/sngan/sngan_32.py, "
                f"got {args.mimicry_src!r}")
    if args.steps < 1 or args.warmup < 0:
        p.error(f"need --steps >= 1 and --warmup >= 0, got {args.steps} and {args.warmup}")
    return args


def load_mimicry(src):
    """Import torch_mimicry's networks without its package __init__ (which needs torchvision & co.)."""
    root = pathlib.Path(src).resolve() / "torch_mimicry"
    package = types.ModuleType("torch_mimicry")
    package.__path__ = [str(root)]
    sys.modules["torch_mimicry"] = package
    from torch_mimicry.nets.sngan import sngan_32

    spec = importlib.util.spec_from_file_location("mimicry_metric_log", root / "training" / "metric_log.py")
    metric_log = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(metric_log)
    return sngan_32, metric_log.MetricLog


def run_mimicry(args):
    import torch

    sngan_32, MetricLog = load_mimicry(args.mimicry_src)
    torch.manual_seed(0)
    filters = (32, 32) if args.small else (256, 128)
    netG = sngan_32.SNGANGenerator32(nz=LATENT, ngf=filters[0])
    netD = sngan_32.SNGANDiscriminator32(ndf=filters[1])
    optG = torch.optim.Adam(netG.parameters(), 2e-4, betas=(0.0, 0.9))
    optD = torch.optim.Adam(netD.parameters(), 2e-4, betas=(0.0, 0.9))
    device = torch.device("cpu")
    images = torch.rand(N_DIS, CHUNK, 3, 32, 32) * 2 - 1
    labels = torch.zeros(CHUNK, dtype=torch.long)

    def step(global_step):
        log = MetricLog()
        for i in range(N_DIS):  # Trainer.train's inner loop
            real_batch = (images[i], labels)
            log = netD.train_step(real_batch=real_batch, netG=netG, optD=optD, log_data=log,
                                  global_step=global_step, device=device)
            if i == N_DIS - 1:
                log = netG.train_step(real_batch=real_batch, netD=netD, optG=optG, log_data=log,
                                      global_step=global_step, device=device)
        return log

    for s in range(args.warmup):
        step(s)
    start = time.perf_counter()
    for s in range(args.steps):
        log = step(args.warmup + s)
    seconds = time.perf_counter() - start
    errD = float(log["errD"]) if "errD" in log.keys() else float("nan")
    print(f"mimicry images/s={args.steps * N_DIS * CHUNK / seconds:.2f} seconds={seconds:.2f} errD={errD:.4f}")


def measure(cmd, env):
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    found = re.findall(r"images/s=\s*([0-9.]+)", out.stdout)
    if out.returncode or not found:
        sys.exit(f"{' '.join(cmd)} failed (exit {out.returncode}):\n{out.stdout[-2000:]}{out.stderr[-3000:]}")
    return float(found[-1])


def main(args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent), os.environ.get("PYTHONPATH", "")]))
    common = ["--steps", str(args.steps), "--warmup", str(args.warmup)] + (["--small"] if args.small else [])
    threads = ["--threads", str(args.threads)] if args.threads else []
    mimicry_cmd = [sys.executable, __file__, "--mimicry-src", args.mimicry_src, "--only-mimicry", *common, *threads]
    results = {"mimicry (torch, eager)": measure(mimicry_cmd, env)}
    print(f"mimicry: {results['mimicry (torch, eager)']:.2f} images/s", flush=True)
    for backend in args.backends.split(","):
        cmd = [sys.executable, str(HERE / "sngan_throughput.py"), "--modes", "core", *common, *threads]
        results[f"kerasgan {backend}"] = measure(cmd, dict(env, KERAS_BACKEND=backend))
        print(f"kerasgan {backend}: {results[f'kerasgan {backend}']:.2f} images/s", flush=True)
    base = results["mimicry (torch, eager)"]
    print("\n| trainer | images/s | vs Mimicry |\n|---|---:|---:|")
    for name, value in results.items():
        print(f"| {name} | {value:.2f} | {value / base:.2f}x |")


if __name__ == "__main__":
    ARGS = parse_args()
    if ARGS.only_mimicry:
        if ARGS.threads:
            import torch

            torch.set_num_threads(ARGS.threads)
        run_mimicry(ARGS)
    else:
        main(ARGS)
