"""The CNN recipe the speed figures in docs/results.md were measured with
(bench/bench_training_speed.py runs ``digit-lab train --model cnn`` with its defaults).
Change these only together with
new figures: the tests check that the command line and the Train form still pick them."""

BENCHMARKED_CNN_SETTINGS = {
    "model": "cnn",
    "epochs": 1,
    "batch_size": 256,
    "optimizer": "adam",
    "lr": 0.02,
    "weight_decay": 0.0,
    "label_smoothing": 0.1,
    "schedule": "onecycle",
    "augment": "none",
    "precision": "fp32",
}
# The fast CNN's layers and size, as benchmarked: conv 5x5 / pool / BN / ReLU, conv 3x3 /
# pool / BN / ReLU, 800-128-10.
BENCHMARKED_CNN_LAYERS = [
    "Conv2d", "MaxPool2d", "BatchNorm2d", "ReLU",
    "Conv2d", "MaxPool2d", "BatchNorm2d", "ReLU",
    "Flatten", "Linear", "ReLU", "Linear",
]  # fmt: skip
BENCHMARKED_CNN_PARAMETERS = 108_922
