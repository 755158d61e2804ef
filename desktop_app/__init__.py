"""Digit Lab's Qt front end: thin views and workers over :mod:`training_core`."""
