"""Digit Lab's training core: data, models, training, evaluation, checkpoints, imaging.

Never imports Qt, so everything here runs and is tested headless.
"""

__version__ = "0.2.0"
