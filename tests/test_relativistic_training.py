"""The relativistic average losses in a GAN's training: the generator update runs the
discriminator on the real batch for them; training resumes and saves exactly on the backend under
test; HGAN, whose teacher term judges fakes alone, refuses them."""

import numpy as np
import pytest
from technique_check import check_trains_resumes_and_saves

from kerasgan.models import DCGAN
from kerasgan.models import HGAN


@pytest.mark.parametrize("loss", ["relativistic_average", "relativistic_average_hinge"])
def test_a_relativistic_gan_trains_resumes_and_saves(loss, tmp_path):
    def build(seed):
        gan = DCGAN(image_shape=(8, 8, 1), latent_dim=4, base_filters=4, adversarial_loss=loss, seed=seed)
        gan.compile()
        return gan

    x = np.random.default_rng(0).uniform(-1, 1, (32, 8, 8, 1)).astype("float32")
    whole, history = check_trains_resumes_and_saves(build, x, tmp_path)
    assert whole.adversarial_loss == loss and set(history.history) == {"d_loss", "g_loss"}


def test_hgan_refuses_a_relativistic_loss():
    with pytest.raises(ValueError, match=r"HGAN.s teacher term .* cannot be relativistic"):
        HGAN(image_shape=(8, 8, 1), base_filters=4, adversarial_loss="relativistic_average")
