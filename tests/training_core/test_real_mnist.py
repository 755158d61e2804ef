"""The one test on real MNIST: it runs where the data folder is, and says why it skipped."""

import pytest

from training_core.config import TrainConfig
from training_core.data import is_available, resolve_data_root
from training_core.training import train

ROOT = resolve_data_root()
pytestmark = [
    pytest.mark.mnist,
    pytest.mark.skipif(
        not is_available("mnist", ROOT),
        reason=f"real MNIST not found under {ROOT} (set DIGIT_LAB_DATA to a folder with MNIST/raw)",
    ),
]


@pytest.mark.slow
def test_softmax_reaches_90_percent_in_one_epoch_on_real_mnist():
    config = TrainConfig(model="softmax", epochs=1, batch_size=100, lr=0.1, device="cpu")
    result = train(config)
    assert result.history[0]["test_acc"] >= 0.90
