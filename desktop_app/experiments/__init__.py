"""The Experiments tab: sweeps of training runs (``digit-lab sweep``) defined, run and
compared in the window."""
