"""Digit Lab's bundled files (the Draw tab's model, sample digits).

Installed as the package ``digit_lab_resources`` (see pyproject.toml); read it through
``training_core.resources``, never by path arithmetic from a module's ``__file__``.
"""
