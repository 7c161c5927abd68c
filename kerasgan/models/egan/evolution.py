import math

from keras import ops

from kerasgan import backend
from kerasgan import losses as gan_losses
from kerasgan.losses._utils import as_float32

# E-GAN's mutations: the generator objectives each child is trained with (Wang et al., Eq. 4-6;
# EvolutionaryGAN-pytorch's GANLoss 'vanilla', 'nsgan' and 'lsgan' with which_D='S').
MUTATIONS = ("minimax", "heuristic", "least_squares")


def _least_squares(fake_logits):
    return ops.mean(ops.square(as_float32(fake_logits) - 1.0))  # E[(D(G(z)) − 1)²], no ½ (the paper)


def mutation_loss(name):
    """The `AdversarialLoss` whose generator side is the mutation `name` (its discriminator side
    is unused: the discriminator keeps the model's loss)."""
    generators = {"minimax": gan_losses.minimax_generator_loss,
                  "heuristic": gan_losses.non_saturating_generator_loss,
                  "least_squares": _least_squares}
    return gan_losses.AdversarialLoss(f"egan_{name}", gan_losses.non_saturating_discriminator_loss, generators[name])


class Evolution:
    """The generator update of E-GAN, as a part of a `GAN` subclass (`EGAN`, `MixtureEGAN`):
    one parent, a child per mutation, the fittest child survives with its optimizer state.

    For each mutation the generator and its optimizer start from the parent's values, take one
    update on that mutation's loss, and are scored on `eval_size` fresh samples:
    `F = F_q + γ·F_d`, `F_q = mean σ(D(G(z)))`, `F_d = −log ‖∇_θD L_D‖` with `L_D` the model's
    discriminator loss on the batch's real images and these samples. The child with the highest
    `F` is kept (weights, batch statistics, optimizer moments and step count), by a select over
    the candidates' values, so the step stays one compiled function on every backend."""

    loss_terms = ("fitness", "fitness_quality", "fitness_diversity", "mutation")

    def _check_evolution(self, mutations, fitness_weight, eval_size):
        unknown = [m for m in mutations if m not in MUTATIONS]
        if not mutations or unknown or len(set(mutations)) != len(mutations):
            raise ValueError(f"{type(self).__name__} expects `mutations` as distinct names from {MUTATIONS}; "
                             f"received {mutations!r}.")
        if isinstance(eval_size, bool) or not isinstance(eval_size, int) or eval_size < 1:
            raise ValueError(f"{type(self).__name__} expects `eval_size` as a positive int; received {eval_size!r}.")
        if not isinstance(fitness_weight, (int, float)) or isinstance(fitness_weight, bool) or not math.isfinite(
                fitness_weight):
            raise ValueError(f"{type(self).__name__} expects `fitness_weight` as a finite number; received "
                             f"{fitness_weight!r}.")
        if self._adversarial.relativistic:
            raise ValueError(f"{type(self).__name__}'s mutations judge the fakes alone; the discriminator's loss "
                             f"cannot be relativistic (received {self._adversarial.name!r}).")
        self.mutations = tuple(mutations)
        self.fitness_weight = float(fitness_weight)
        self.eval_size = eval_size
        self._mutation_losses = [mutation_loss(m) for m in self.mutations]

    def get_config(self):
        return {**super().get_config(), "mutations": list(self.mutations), "fitness_weight": self.fitness_weight,
                "eval_size": self.eval_size}

    def _generator_step(self, step, n, adversarial=None):
        state = self.generator_state
        parent = backend.snapshot(state)
        best = None
        for index, loss in enumerate(self._mutation_losses):
            if index:
                for variable, value in zip(state, parent, strict=True):
                    variable.assign(value)
            g_loss, terms = super()._generator_step(step, n, adversarial=loss)
            fitness, quality, diversity = self._fitness(step)
            child = backend.snapshot(state)
            if best is None:
                best = (child, fitness, quality, diversity, g_loss, terms, ops.convert_to_tensor(0.0))
                continue
            better = ops.greater(fitness, best[1])

            def pick(new, old, better=better):
                return ops.where(better, new, old)

            best = ([pick(c, b) for c, b in zip(child, best[0], strict=True)], pick(fitness, best[1]),
                    pick(quality, best[2]), pick(diversity, best[3]), pick(g_loss, best[4]),
                    {k: pick(v, best[5][k]) for k, v in terms.items()}, pick(float(index), best[6]))
        values, fitness, quality, diversity, g_loss, terms, chosen = best
        for variable, value in zip(state, values, strict=True):
            variable.assign(value)
        return g_loss, {**terms, "fitness": fitness, "fitness_quality": quality, "fitness_diversity": diversity,
                        "mutation": chosen}

    def _fitness(self, step):
        m = self.eval_size
        real = step.images[:m]
        real_labels = None if step.labels is None else step.labels[:m]
        z = self._sample_latent(m)
        labels = self._sample_labels(m, real_labels)
        with backend.no_grad():
            fakes = ops.stop_gradient(self.generate_images(z, labels, training=True))

        def d_loss():
            real_logits = self.discriminate(real, real_labels, training=True)
            fake_logits = self.discriminate(fakes, labels, training=True)
            return self._adversarial.discriminator(real_logits, fake_logits), fake_logits

        _, fake_logits, grads = backend.compute_gradients(d_loss, self.discriminator_variables)
        quality = ops.mean(ops.sigmoid(as_float32(fake_logits)))
        norm = ops.sqrt(sum(ops.sum(ops.square(as_float32(g))) for g in grads))
        diversity = -ops.log(norm)
        return quality + self.fitness_weight * diversity, quality, diversity
