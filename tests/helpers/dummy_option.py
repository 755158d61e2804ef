"""A made-up training option, declared the way a real one is, for the "one declaration" tests.

A real option is one more ``TrainConfig`` field; a test cannot edit the class, so it declares
the field on a subclass and puts that subclass wherever ``TrainConfig`` was imported.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from training_core.config import TrainConfig, option

HELP = "Blend this share of each training image with another one (a made-up option)."


@dataclass
class ConfigWithDummy(TrainConfig):
    mixup: float = option(0.0, "mixup", HELP, low=0, high=0.4, decimals=2, step=0.05)


def add_dummy_option(monkeypatch) -> type[ConfigWithDummy]:
    """Make every Digit Lab module that imported ``TrainConfig`` see the extra option."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("training_core", "desktop_app"):
            if vars(module).get("TrainConfig") is TrainConfig:
                monkeypatch.setattr(module, "TrainConfig", ConfigWithDummy)
    return ConfigWithDummy
