"""A faithful copy of the PyTorch examples' MNIST pipeline (github.com/pytorch/examples,
mnist/main.py), the baseline of ``bench_training_speed.py``'s time-to-99% ratio.

Same network (two 3x3 convs of 32 and 64 channels, max-pool, dropout 0.25 / 0.5, a
9216-128-10 classifier, log-softmax + NLL loss), same data path (torchvision's MNIST with
``ToTensor`` + ``Normalize((0.1307,), (0.3081,))`` per sample, a ``DataLoader`` of batch 64
with no workers, and, as in that script on a CPU, no shuffling), same optimizer (Adadelta,
lr 1.0, ``StepLR`` gamma 0.7 per epoch), seed 1, a ``loss.item()`` every 10 batches (the
script's log interval; here not printed) and a test pass with batch 1000 after each epoch.
Written here from the published script, not imported, so the benchmark runs offline.
"""

from __future__ import annotations

import time

import torch
import torch.nn.functional as F
from torch import nn
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

LOG_INTERVAL = 10


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return F.log_softmax(self.fc2(x), dim=1)


def _train_epoch(model, loader, optimizer) -> None:
    model.train()
    for batch_idx, (data, target) in enumerate(loader):
        optimizer.zero_grad()
        loss = F.nll_loss(model(data), target)
        loss.backward()
        optimizer.step()
        if batch_idx % LOG_INTERVAL == 0:
            loss.item()  # the script prints it: a sync, kept


@torch.no_grad()
def _test(model, loader) -> float:
    model.eval()
    correct = 0
    for data, target in loader:
        correct += model(data).argmax(dim=1).eq(target).sum().item()
    return correct / len(loader.dataset)


def time_to_accuracy(root: str, target: float, max_epochs: int, report=print):
    """Train until the test accuracy reaches ``target`` or ``max_epochs`` pass.

    Returns (seconds from the first batch to the epoch's test accuracy, or None if not
    reached; seconds per epoch, training and test; the last accuracy; epochs run).
    """
    torch.manual_seed(1)
    transform = transforms.Compose(
        [transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))]
    )
    train_set = datasets.MNIST(root, train=True, download=False, transform=transform)
    test_set = datasets.MNIST(root, train=False, download=False, transform=transform)
    train_loader = DataLoader(train_set, batch_size=64)
    test_loader = DataLoader(test_set, batch_size=1000)
    model = Net()
    optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
    scheduler = StepLR(optimizer, step_size=1, gamma=0.7)
    start = time.perf_counter()
    accuracy, epoch = 0.0, 0
    for epoch in range(1, max_epochs + 1):
        _train_epoch(model, train_loader, optimizer)
        accuracy = _test(model, test_loader)
        scheduler.step()
        elapsed = time.perf_counter() - start
        report(f"    examples/mnist epoch {epoch}: test {accuracy:.4f} after {elapsed:.1f} s")
        if accuracy >= target:
            return elapsed, elapsed / epoch, accuracy, epoch
    elapsed = time.perf_counter() - start
    return None, elapsed / max(epoch, 1), accuracy, epoch
