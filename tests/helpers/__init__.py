"""Plain helpers shared by several test modules (data, drawings).

Test modules import from here, never from another test module or from a conftest.py;
fixtures live in the conftest.py files. tests/test_architecture.py checks this.
"""
