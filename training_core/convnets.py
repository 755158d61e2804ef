"""The convolutional networks of the model registry (:mod:`training_core.models`).

Kept apart from the registry so each architecture reads on one screen. All are built from
standard ``torch.nn`` layers only, so a model's structure is its module tree (what the
export and the views inside the network walk), not code hidden in a ``forward``.
"""

from __future__ import annotations

from torch import nn

NUM_CLASSES = 10


def fast_cnn(channels: tuple[int, int] = (16, 32), hidden: int = 128) -> nn.Sequential:
    """Digit Lab's CNN: 99% on MNIST in one epoch, in seconds on two CPU cores.

    Two blocks of conv -> max-pool -> batch norm -> ReLU, then a small classifier. What
    makes it fast is where the work happens (measured on a 2-core CPU, see docs/results.md's
    Speed section): the first convolution is 5x5 without padding (28 -> 24), and each block
    pools *before* batch norm and ReLU, so those run on a quarter of the pixels; the
    element-wise passes over the full-size map cost as much as the convolutions themselves.
    Pooling first changes nothing a ReLU could see (max-pool and ReLU commute), and the
    convolutions need no bias because batch norm removes it. Batch norm is what lets
    one-cycle Adam use a learning rate of 0.01 and finish in one epoch.
    """
    c1, c2 = channels
    return nn.Sequential(
        nn.Conv2d(1, c1, 5, bias=False),  # 28x28 -> 24x24
        nn.MaxPool2d(2),  # 12x12
        nn.BatchNorm2d(c1),
        nn.ReLU(inplace=True),
        nn.Conv2d(c1, c2, 3, bias=False),  # 10x10
        nn.MaxPool2d(2),  # 5x5
        nn.BatchNorm2d(c2),
        nn.ReLU(inplace=True),
        nn.Flatten(),
        nn.Linear(c2 * 5 * 5, hidden),
        nn.ReLU(inplace=True),
        nn.Linear(hidden, NUM_CLASSES),
    )


class WideCNN(nn.Module):
    """Digit Lab's first CNN (named ``cnn`` until version 0.2): 3x3 convolutions with
    padding, 32 and 64 channels, batch norm and ReLU before each pool, and dropout.

    About three times slower per epoch than :func:`fast_cnn` for the same accuracy; kept
    because the bundled Draw model and earlier runs use it.
    """

    def __init__(self, channels: tuple[int, int] = (32, 64), hidden: int = 128):
        super().__init__()
        c1, c2 = channels
        self.features = nn.Sequential(
            nn.Conv2d(1, c1, 3, padding=1, bias=False),
            nn.BatchNorm2d(c1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),  # 14x14
            nn.Conv2d(c1, c2, 3, padding=1, bias=False),
            nn.BatchNorm2d(c2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),  # 7x7
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(0.25),
            nn.Linear(c2 * 7 * 7, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(0.25),
            nn.Linear(hidden, NUM_CLASSES),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


class LeNet5(nn.Module):
    """LeNet-5 in the shape of LeCun et al. (1998): C1 6@5x5 on a 32x32 input (MNIST padded
    by 2), S2, C3 16@5x5, S4, C5 120, F6 84, 10 outputs.

    ``classic`` keeps the paper's tanh and average pooling (without its sparse C3 wiring
    and RBF output, which no one reproduces today); otherwise ReLU and max pooling, the
    modern reading, which trains faster to the same accuracy.
    """

    def __init__(self, classic: bool = False):
        super().__init__()
        act = nn.Tanh if classic else nn.ReLU
        pool = nn.AvgPool2d if classic else nn.MaxPool2d
        self.features = nn.Sequential(
            nn.ZeroPad2d(2),  # 28x28 -> 32x32, the paper's input size
            nn.Conv2d(1, 6, 5),  # C1: 28x28
            act(),
            pool(2),  # S2: 14x14
            nn.Conv2d(6, 16, 5),  # C3: 10x10
            act(),
            pool(2),  # S4: 5x5
            nn.Conv2d(16, 120, 5),  # C5: 1x1
            act(),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(120, 84),
            act(),
            nn.Linear(84, NUM_CLASSES),  # F6, output
        )

    def forward(self, x):
        return self.classifier(self.features(x))
