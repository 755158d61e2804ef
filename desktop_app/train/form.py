"""The training settings form: one field per ``TrainConfig`` field, the lesson's defaults."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
)

from training_core.config import (
    OPTIMIZERS,
    PRECISIONS,
    SCHEDULES,
    TrainConfig,
    available_devices,
    default_config,
)
from training_core.data import AUGMENTATIONS, DATASETS
from training_core.models import INITS, MODEL_DESCRIPTIONS, MODELS

_TIPS = {
    "epochs": "How many passes over the whole training set.",
    "batch_size": "Images per gradient step. Smaller batches: noisier, more steps per epoch.",
    "optimizer": "sgd: plain gradient steps; momentum: SGD that keeps a running direction; "
    "adam: per-weight step sizes.",
    "lr": "Learning rate: the size of each step. Too large and the loss explodes.",
    "momentum": "Used by the momentum optimizer: how much of the previous step carries on.",
    "weight_decay": "Pulls weights towards zero each step (L2 regularisation).",
    "schedule": "none: constant learning rate; onecycle: warm up, then decay to almost zero.",
    "init": "How weights are drawn before training (default = PyTorch's choice).",
    "seed": "Same seed + same settings = the same run, number for number.",
    "augment": "Random jitter of training images. light: small shifts and rotations (best "
    "on MNIST's test set); draw: also scale and pen width (helps with hand-drawn digits).",
    "precision": "fp32: plain float32. bf16: mixed precision (matrix maths in bfloat16), "
    "much faster on GPUs and on CPUs with bf16 instructions.",
    "device": "Only the devices this machine has are offered; auto picks the GPU if present.",
}


def _combo(items, parent) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItems(list(items))
    return combo


class TrainForm(QGroupBox):
    """Edits a ``TrainConfig``; picking a model loads that model's lesson settings."""

    changed = Signal()

    def __init__(self, parent=None, device: str = "auto"):
        super().__init__("Settings", parent)
        form = QFormLayout(self)
        self.model = _combo(MODELS, self)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.dataset = _combo(DATASETS, self)
        self.epochs = QSpinBox(self)
        self.epochs.setRange(1, 1000)
        self.batch_size = QSpinBox(self)
        self.batch_size.setRange(1, 65536)
        self.optimizer = _combo(OPTIMIZERS, self)
        self.lr = QDoubleSpinBox(self)
        self.lr.setDecimals(5)
        self.lr.setRange(1e-5, 10.0)
        self.lr.setSingleStep(0.01)
        self.momentum = QDoubleSpinBox(self)
        self.momentum.setDecimals(3)
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setSingleStep(0.05)
        self.weight_decay = QDoubleSpinBox(self)
        self.weight_decay.setDecimals(6)
        self.weight_decay.setRange(0.0, 1.0)
        self.weight_decay.setSingleStep(1e-4)
        self.schedule = _combo(SCHEDULES, self)
        self.init = _combo(INITS, self)
        self.augment = _combo(AUGMENTATIONS, self)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.device = _combo(available_devices(), self)
        self.precision = _combo(PRECISIONS, self)

        rows = [
            ("Model:", self.model, None),
            ("", self.description, None),
            ("Dataset:", self.dataset, None),
            ("Epochs:", self.epochs, "epochs"),
            ("Batch size:", self.batch_size, "batch_size"),
            ("Optimizer:", self.optimizer, "optimizer"),
            ("Learning rate:", self.lr, "lr"),
            ("Momentum:", self.momentum, "momentum"),
            ("Weight decay:", self.weight_decay, "weight_decay"),
            ("LR schedule:", self.schedule, "schedule"),
            ("Init:", self.init, "init"),
            ("Augmentation:", self.augment, "augment"),
            ("Seed:", self.seed, "seed"),
            ("Device:", self.device, "device"),
            ("Precision:", self.precision, "precision"),
        ]
        for label, widget, tip in rows:
            if tip:
                widget.setToolTip(_TIPS[tip])
            form.addRow(label, widget)

        self.set_config(default_config(self.model.currentText(), device=device))
        self.model.currentTextChanged.connect(self._model_changed)
        self.optimizer.currentTextChanged.connect(self._update_enabled)
        for widget in (
            self.dataset,
            self.optimizer,
            self.schedule,
            self.init,
            self.device,
            self.precision,
            self.augment,
        ):
            widget.currentTextChanged.connect(self.changed)
        for widget in (self.epochs, self.batch_size, self.seed):
            widget.valueChanged.connect(self.changed)
        for widget in (self.lr, self.momentum, self.weight_decay):
            widget.valueChanged.connect(self.changed)

    def _model_changed(self, model: str) -> None:
        """A new model brings its lesson settings; dataset, seed and device stay."""
        current = self.config()
        self.set_config(
            default_config(model, dataset=current.dataset, seed=current.seed, device=current.device)
        )
        self.changed.emit()

    def _update_enabled(self) -> None:
        self.momentum.setEnabled(self.optimizer.currentText() == "momentum")
        self.description.setText(MODEL_DESCRIPTIONS.get(self.model.currentText(), ""))

    def config(self) -> TrainConfig:
        return TrainConfig(
            model=self.model.currentText(),
            dataset=self.dataset.currentText(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            optimizer=self.optimizer.currentText(),
            lr=self.lr.value(),
            momentum=self.momentum.value(),
            weight_decay=self.weight_decay.value(),
            schedule=self.schedule.currentText(),
            init=self.init.currentText(),
            device=self.device.currentText(),
            seed=self.seed.value(),
            augment=self.augment.currentText(),
            precision=self.precision.currentText(),
        )

    def set_config(self, config: TrainConfig) -> None:
        """Show ``config``; a device this machine lacks falls back to ``auto``."""
        self.model.blockSignals(True)
        self.model.setCurrentText(config.model)
        self.model.blockSignals(False)
        self.dataset.setCurrentText(config.dataset)
        self.epochs.setValue(int(config.epochs))
        self.batch_size.setValue(int(config.batch_size))
        self.optimizer.setCurrentText(config.optimizer)
        self.lr.setValue(float(config.lr))
        self.momentum.setValue(float(config.momentum))
        self.weight_decay.setValue(float(config.weight_decay))
        self.schedule.setCurrentText(config.schedule)
        self.init.setCurrentText(config.init)
        device = config.device if self.device.findText(config.device) >= 0 else "auto"
        self.device.setCurrentText(device)
        self.seed.setValue(int(config.seed))
        self.augment.setCurrentText(config.augment)
        self.precision.setCurrentText(config.precision)
        self._update_enabled()
