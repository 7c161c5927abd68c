"""IVGAN on Stacked-MNIST: kerasgan against the authors' own code, mode coverage vs iterations.

Both codes train on the same data (`kerasgan.data.StackedMNIST` triples of the embedded 5,000-digit
MNIST subset, 32×32, batch 64, the stream seeded by `--seed`), at the same widths (ngf = ndf = 32,
nef = 16), with the same instance-noise schedule (0.03 → 0.01 → 0.005 at 1/3 and 2/3 of
`--iterations`), and both are scored by the same judge: `kerasgan.metrics.stacked_mnist_metrics`
with the shipped MNIST classifier on `--samples` samples (generated in inference mode) every
`--eval-every` iterations. One JSON line per evaluation goes to stdout (and `--out`).

- `--code reference`: zhangliangyu32/IVGAN's `IVLSGAN_stackMNIST` (its final LSGAN model), its
  classes from `model_GAN.py` / `model_ae.py` (`CostumeAffine`, `Discriminator`, `Encoder`) cut to
  32×32 the way kerasgan's networks are (the first 4×4 stage at 4·ngf maps, one stride-2 stage
  fewer in D and E), its `weights_init`, and the loop of its `interpolation.py`: D and G from one
  forward pass per iteration, 10 encoder steps on L1 reconstructions + α·γ·L_IV reusing the
  iteration's block k and noise, Adam(1e-4, 0.5) for G and D, Adam(5e-3, 0.5, weight decay 5e-4)
  for E, γ = 0.5, η = 0.25, α = 1, least squares with targets 1 / −1 / 0. One change is forced:
  the script back-propagates the G loss after `optimizerD.step()` has changed D's weights in place,
  which PyTorch ≥ 1.5 refuses; here G's gradient is taken before D's step (same graph, D's weights
  before the update).
- `--code reference --model baseline`: the same loop with γ = η = 0 and no encoder (the repository's
  `LSGAN_baseline_stackMNIST` as written indexes the fake logits with `[0]`, scoring D on one fake
  image per batch, and trains without instance noise; `--model baseline-as-written` reproduces that).
- `--code kerasgan`: `kerasgan.models.IVGAN` (or, for `--model baseline`, the DCGAN baseline of
  `dcgan_stacked_mnist`) built from the `ivgan_stacked_mnist` preset, with the encoder settings of
  the reference above (`--encoder-steps`, lr 5e-3, α = 1, λ_E = 1), trained by `fit`.

The authors' code is not vendored; point `--reference-src` at a checkout of the repository:

    PYTHONPATH=. python benchmarks/ivgan_reference_side_by_side.py --reference-src IVGAN \\
        --code reference --model ivgan --seed 0 --iterations 3000 --eval-every 500
"""

import argparse
import importlib.util
import json
import pathlib
import sys
import time

import numpy as np

NZ, NGF, NDF, NEF, BLOCKS, BATCH = 100, 32, 32, 16, 4, 64
GAMMA, ETA, ALPHA = 0.5, 0.25, 1.0
LABELS = dict(real=1.0, fake=-1.0, generator=0.0)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reference-src", help="checkout of zhangliangyu32/IVGAN (needed for --code reference)")
    p.add_argument("--code", choices=("reference", "kerasgan"), help="which code trains (one run per process)")
    p.add_argument("--model", choices=("ivgan", "baseline", "baseline-as-written"), default="ivgan")
    p.add_argument("--seed", type=int, default=0, help="weights, noise and data stream")
    p.add_argument("--iterations", type=int, default=3000)
    p.add_argument("--eval-every", type=int, default=500)
    p.add_argument("--samples", type=int, default=26_000, help="generated samples per evaluation")
    p.add_argument("--encoder-steps", type=int, default=10, help="E updates per iteration (the reference: 10)")
    p.add_argument("--threads", type=int, default=1, help="CPU threads (torch / TF intra-op)")
    p.add_argument("--out", help="also append the JSON lines to this file")
    p.add_argument("--summarize", metavar="JSONL", nargs="+",
                   help="print the table of the runs in these files (no training)")
    p.add_argument("--record", metavar="PRESET", help="with --summarize: store the table in this preset folder's card")
    args = p.parse_args(argv)
    if args.summarize:
        for path in args.summarize:
            if not pathlib.Path(path).is_file():
                p.error(f"--summarize: expected JSON-lines files written by --out, got {path!r}, which is not a file")
        return args
    if args.record:
        p.error("--record needs --summarize")
    if args.code is None:
        p.error("give --code reference or --code kerasgan (or --summarize FILE)")
    if args.iterations < 1 or args.eval_every < 1 or args.iterations % args.eval_every or args.eval_every % 100:
        p.error(f"need --iterations a multiple of --eval-every, itself a multiple of 100; got {args.iterations} "
                f"and {args.eval_every}")
    if args.code == "kerasgan" and args.model == "baseline-as-written":
        p.error("--model baseline-as-written is the reference's script; use --code reference")
    if args.code == "reference":
        folder = pathlib.Path(args.reference_src or "") / "IVLSGAN_stackMNIST"
        if not (folder / "model_GAN.py").is_file() or not (folder / "model_ae.py").is_file():
            p.error(f"--reference-src: expected a folder holding IVLSGAN_stackMNIST/model_GAN.py and model_ae.py, "
                    f"got {args.reference_src!r}")
    return args


NOISE = (0.03, 0.01, 0.005)


def noise_boundaries(iterations):
    """`NOISE` over thirds of the run (the reference's epochs 0 / 50 / 100 of 150), in iterations."""
    return [iterations // 3, 2 * iterations // 3]


def stacked_data(seed):
    from kerasgan.data import StackedMNIST
    from kerasgan.data import load_mnist_subset

    x, y = load_mnist_subset()
    return StackedMNIST(x, y, batch_size=BATCH, num_examples=100 * BATCH, pad_to=32, seed=seed)


def scorer(samples):
    from kerasgan.metrics import MNISTClassifier
    from kerasgan.metrics import stacked_mnist_metrics

    classify = MNISTClassifier.pretrained().predict_digits

    def score(generate):
        return stacked_mnist_metrics(generate(samples), classify)

    return score


def load_reference(src):
    modules = {}
    for name in ("model_GAN", "model_ae"):
        spec = importlib.util.spec_from_file_location(f"ivgan_ref_{name}", pathlib.Path(src) / "IVLSGAN_stackMNIST" /
                                                      f"{name}.py")
        modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(modules[name])
    return modules["model_GAN"], modules["model_ae"]


def reference_networks(src, with_head):
    """The reference's classes at 32×32: one stride-2 stage fewer, as kerasgan's networks are."""
    from torch import nn

    model_gan, model_ae = load_reference(src)
    netG = model_gan.Generator(1, NZ, NGF, 3)
    netG.main = nn.Sequential(
        model_gan.CostumeAffine(NZ),
        nn.ConvTranspose2d(NZ, NGF * 4, 4, 1, 0, bias=False), nn.BatchNorm2d(NGF * 4), nn.ReLU(True),
        nn.ConvTranspose2d(NGF * 4, NGF * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(NGF * 2), nn.ReLU(True),
        nn.ConvTranspose2d(NGF * 2, NGF, 4, 2, 1, bias=False), nn.BatchNorm2d(NGF), nn.ReLU(True),
        nn.ConvTranspose2d(NGF, 3, 4, 2, 1, bias=False), nn.Tanh(),
    )
    netD = model_gan.Discriminator(1, NDF, 3, BLOCKS)
    netD.main = netD.main[:8]  # drop the 4·ndf → 8·ndf stage: 32 → 16 → 8 → 4
    netD.linear1 = nn.Conv2d(NDF * 4, 1, 4, 1, 0, bias=False)
    netD.linear2 = nn.Linear(NDF * 4 * 4 * 4, BLOCKS)
    if not with_head:
        netD.linear2 = None
        netD.forward = lambda x, d=netD: (d.linear1(d.main(x)).view(-1), None)
    netE = model_ae.Encoder(1, NZ, NEF, 3)
    netE.model = nn.Sequential(*netE.model[:8], nn.Conv2d(NEF * 4, NZ, 4, 1, 0, bias=False),
                               nn.BatchNorm2d(NZ, affine=False))
    for net in (netG, netD, netE):
        net.apply(reference_init)
    return netG, netD, netE


def reference_init(m):
    """`weights_init` of the reference's interpolation.py (Linear keeps PyTorch's default)."""
    name = m.__class__.__name__
    if "Conv" in name:
        m.weight.data.normal_(0.0, 0.02)
    elif "BatchNorm" in name and m.weight is not None:
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)
    elif "Affine" in name:
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)


def run_reference(args, report):
    import bisect

    import torch
    from torch import nn

    torch.manual_seed(args.seed)
    ivgan = args.model == "ivgan"
    netG, netD, netE = reference_networks(args.reference_src, with_head=ivgan)
    optD = torch.optim.Adam(netD.parameters(), lr=1e-4, betas=(0.5, 0.999))
    optG = torch.optim.Adam(netG.parameters(), lr=1e-4, betas=(0.5, 0.999))
    optE = torch.optim.Adam(netE.parameters(), lr=5e-3, betas=(0.5, 0.999), weight_decay=5e-4)
    ce, l1 = nn.CrossEntropyLoss(), nn.L1Loss()
    width = NZ // BLOCKS

    def intervene(codes, noise, k):
        mask = torch.zeros((1, NZ, 1, 1))
        mask[:, k * width:(k + 1) * width] = 1
        return codes * (1 - mask) + noise * mask

    def generate(n):
        netG.eval()
        with torch.no_grad():
            out = torch.cat([netG(torch.randn(min(500, n - i), NZ, 1, 1)) for i in range(0, n, 500)])
        netG.train()
        return out.permute(0, 2, 3, 1).numpy()

    data = stacked_data(args.seed)
    boundaries = noise_boundaries(args.iterations)
    iteration, logs = 0, {}
    while iteration < args.iterations:
        for index in range(len(data)):
            real = torch.from_numpy(np.ascontiguousarray(data[index][0].transpose(0, 3, 1, 2)))
            sigma = NOISE[bisect.bisect_left(boundaries, iteration)]  # as keras's PiecewiseConstantDecay
            noise = torch.randn(BATCH, NZ, 1, 1)
            out_real = netD(real + sigma * torch.randn_like(real))[0]
            out_fake = netD(netG(noise) + sigma * torch.randn_like(real))[0]
            if args.model == "baseline-as-written":
                errD = torch.mean((out_real - LABELS["real"]) ** 2) + (out_fake[0] - LABELS["fake"]) ** 2
            else:
                errD = torch.mean((out_real - LABELS["real"]) ** 2) + torch.mean((out_fake - LABELS["fake"]) ** 2)
            errG = torch.mean((out_fake - LABELS["generator"]) ** 2)
            if ivgan:
                latent_real = netE(real)
                k = int(torch.randint(BLOCKS, (1,)).item())
                latent = intervene(latent_real, noise, k)
                fake = netG(latent)
                iv = GAMMA * ce(netD(fake)[1], torch.full((BATCH,), k, dtype=torch.int64))
                errD = errD + iv
                errG = errG - iv + ETA * l1(real, netG(latent_real)) + ETA * l1(latent, netE(fake))
            optD.zero_grad()
            errD.backward(retain_graph=True)
            grads = torch.autograd.grad(errG, list(netG.parameters()), allow_unused=True)
            optD.step()
            optG.zero_grad()
            for p, g in zip(netG.parameters(), grads, strict=True):
                p.grad = g
            optG.step()
            if ivgan:
                netE.train()
                for _ in range(args.encoder_steps):
                    latent = intervene(netE(real), noise, k)
                    fake = netG(latent)
                    iv_e = GAMMA * ce(netD(fake)[1], torch.full((BATCH,), k, dtype=torch.int64))
                    recon = l1(real, netG(netE(real))) + l1(latent, netE(fake.detach()))
                    optE.zero_grad()
                    (recon + ALPHA * iv_e).backward()
                    optE.step()
                netE.eval()
                logs = dict(iv=round(float(iv), 4), iv_e=round(float(iv_e), 4), recon=round(float(recon), 4))
            logs.update(d_loss=round(float(errD), 4), g_loss=round(float(errG), 4))
            iteration += 1
            if iteration % args.eval_every == 0:
                report(iteration, generate, logs)
            if iteration == args.iterations:
                return
        data.on_epoch_end()


def recipe_optimizers(name):
    """The `optimizers()` of `recipes/<name>.py` (repository tooling, not installed), so a baseline trains by its
    recipe."""
    recipes = str(pathlib.Path(__file__).resolve().parent.parent / "recipes")
    if recipes not in sys.path:
        sys.path.insert(0, recipes)
    return importlib.import_module(name).optimizers()


def run_kerasgan(args, report):
    import keras

    from kerasgan.zoo import get_preset

    keras.utils.set_random_seed(args.seed)
    name = "ivgan_stacked_mnist" if args.model == "ivgan" else "dcgan_stacked_mnist"
    overrides = dict(seed=args.seed, instance_noise=keras.optimizers.schedules.PiecewiseConstantDecay(
        noise_boundaries(args.iterations), list(NOISE)))
    if args.model == "ivgan":
        overrides.update(encoder_steps=args.encoder_steps, encoder_learning_rate=5e-3, encoder_iv_weight=ALPHA,
                         encoder_recon_weight=1.0)
    gan = get_preset(name).build(**overrides)
    gan.compile(*(() if args.model == "ivgan" else recipe_optimizers("dcgan_stacked_mnist")))
    data = stacked_data(args.seed)
    chunks = args.eval_every // len(data)
    for epoch in range(0, args.iterations // len(data), chunks):
        history = gan.fit(data, epochs=epoch + chunks, initial_epoch=epoch, verbose=0)
        logs = {key: round(float(v[-1]), 4) for key, v in history.history.items()}

        def generate(n, seed=epoch + chunks):
            return keras.ops.convert_to_numpy(gan.generate(n, seed=seed))

        report((epoch + chunks) * len(data), generate, logs)


def summarize(records):
    """`(header, rows)`: per code (with its Keras backend where recorded), model and encoder steps, modes covered
    (of 1,000) and KL to uniform at each evaluated iteration: the mean over the seeds run, with the seeds' range
    when there are several."""
    groups = {}
    for r in records:
        code = f"{r['code']} ({r['backend']})" if "backend" in r else r["code"]
        groups.setdefault((code, r["model"], r["encoder_steps"] if r["model"] == "ivgan" else 0), []).append(r)
    iterations = sorted({r["iteration"] for r in records})
    header = ["code", "model", "seeds"] + [f"{i:,} its: modes / KL" for i in iterations] + ["s / iteration"]
    rows = []
    for (code, model, steps), runs in sorted(groups.items(), key=lambda kv: (kv[0][1] != "ivgan", kv[0])):
        seeds = sorted({r["seed"] for r in runs})
        name = f"IVGAN, {steps} E steps" if model == "ivgan" else {"baseline": "DCGAN baseline (γ = η = 0)"}.get(
            model, "LSGAN baseline as written")
        row = [code, name, ",".join(map(str, seeds))]
        for i in iterations:
            at = [r for r in runs if r["iteration"] == i]
            if not at:
                row.append("—")
                continue
            modes = [r["modes"] for r in at]
            spread = f" [{min(modes)}–{max(modes)}]" if len(at) > 1 else ""
            row.append(f"{np.mean(modes):.0f}{spread} / {np.mean([r['kl'] for r in at]):.2f}"
                       + (f" (n={len(at)})" if len(at) != len(seeds) else ""))
        last = {}
        for r in runs:
            if r["iteration"] > last.get(r["seed"], {"iteration": 0})["iteration"]:
                last[r["seed"]] = r
        row.append(f"{np.mean([r['train_seconds'] / r['iteration'] for r in last.values()]):.2f}")
        rows.append(row)
    return header, rows


def record_in_card(preset_name, header, rows, protocol):
    from kerasgan.core import preset_folder
    from kerasgan.zoo.registry import baseline_metrics
    from kerasgan.zoo.registry import get_preset

    preset = get_preset(preset_name)
    preset_folder.update_metadata(preset.folder, {"reference_comparison": dict(
        protocol=protocol, header=header, rows=rows)}, baseline_metrics(preset))


PROTOCOL = (
    "`benchmarks/ivgan_reference_side_by_side.py`: the authors' IVLSGAN_stackMNIST (zhangliangyu32/IVGAN, PyTorch, "
    "its networks cut to 32×32 as ours are) and kerasgan (on the Keras backend named in the code column) trained on "
    "the same Stacked-MNIST stream, widths (ngf = ndf = 32, nef = 16), batch 64, instance noise (0.03 → 0.01 → "
    "0.005 over thirds of 3,000 iterations), encoder settings (lr 5e-3, α = 1, L1 reconstructions) and seeds, one "
    "CPU thread per run; each cell: modes covered of 1,000 / KL to uniform (nats) from 26,000 samples read by the "
    "shipped MNIST classifier, the mean over the seeds run with their range in brackets, — where a run stopped "
    "earlier or was not evaluated there; s / iteration: training time per iteration on one thread while two to "
    "four runs shared the 2 cores (a cost record, not a speed benchmark). The DCGAN baseline is each code's loop "
    "with γ = η = 0 and no encoder."
)


def limit_threads(threads, code):
    """Each run on its own `threads` cores, so two runs can share the machine without contention."""
    import keras

    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    if code == "reference" or keras.backend.backend() == "torch":
        import torch

        torch.set_num_threads(threads)


def main(argv=None):
    args = parse_args(argv)
    if args.summarize:
        records = [json.loads(line) for path in args.summarize
                   for line in pathlib.Path(path).read_text().splitlines() if line.strip()]
        header, rows = summarize(records)
        print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
        print("\n".join("| " + " | ".join(row) + " |" for row in rows))
        if args.record:
            record_in_card(args.record, header, rows, PROTOCOL)
        return 0
    limit_threads(args.threads, args.code)
    score = scorer(args.samples)
    start = time.perf_counter()
    label = dict(code=args.code, model=args.model, seed=args.seed, encoder_steps=args.encoder_steps)
    if args.code == "kerasgan":
        import keras

        label["backend"] = keras.backend.backend()

    evaluating = [0.0]

    def report(iteration, generate, logs):
        train_seconds = time.perf_counter() - start - evaluating[0]
        eval_start = time.perf_counter()
        metrics = score(generate)
        evaluating[0] += time.perf_counter() - eval_start
        line = json.dumps({**label, "iteration": iteration, "modes": metrics["modes_covered"],
                           "kl": round(metrics["kl_to_uniform"], 4), "train_seconds": round(train_seconds, 1),
                           "logs": logs})
        print(line, flush=True)
        if args.out:
            with open(args.out, "a") as f:
                f.write(line + "\n")

    (run_reference if args.code == "reference" else run_kerasgan)(args, report)


if __name__ == "__main__":
    sys.exit(main())
