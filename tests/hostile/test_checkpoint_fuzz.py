"""Fuzzing checkpoints (issue 11, item 5): 200 byte mutations and 200 payload-structure
mutations of a real tiny checkpoint. A case either loads a checkpoint that builds and
predicts finite numbers (holding exactly the original weights), or is refused with one
CheckpointError line: never another exception.
"""

from __future__ import annotations

import copy
import math

import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.checkpoint_files import read_payload, works
from training_core.checkpoint_checks import HASH_KEY
from training_core.checkpoints import CheckpointError, load_checkpoint

# -- fuzz ----------------------------------------------------------------------------------


def _load_or_refuse(path, weights: dict | None = None) -> None:
    """The contract: a CheckpointError, or a checkpoint that builds and predicts finitely;
    with ``weights``, one that loads holds exactly those (the hash refuses any other)."""
    try:
        checkpoint = load_checkpoint(path)
    except CheckpointError as exc:
        assert "\n" not in str(exc)
        return
    works(checkpoint)
    if weights is not None:
        assert checkpoint.state_dict.keys() == weights.keys()
        assert all(torch.equal(checkpoint.state_dict[k], v) for k, v in weights.items())


_EDITS = st.lists(
    st.tuples(
        st.one_of(st.integers(0, 1_999), st.integers(0, 10**9)),  # favour the pickle's bytes
        st.integers(0, 255),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200)
@given(edits=_EDITS, cut=st.one_of(st.none(), st.integers(0, 10**9)))
def test_fuzz_bytes_of_a_checkpoint(edits, cut, base_file, tmp_path):
    data = bytearray(base_file.read_bytes())
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path / "fuzzed.pt"
    path.write_bytes(bytes(data))
    _load_or_refuse(path, weights=read_payload(base_file)["state_dict"])


_ODD_SCALARS = [None, True, -1, 0, 2**40, 1.5, math.nan, math.inf, "", "x", "x" * 500]
_ODD_CONTAINERS = [[], {}, [1, "a"], {"k": 1}, (1, 2)]
_ODD_TENSORS = [torch.tensor(math.nan), torch.zeros(3), torch.zeros(10, 784)]
_ODD_VALUES = _ODD_SCALARS + _ODD_CONTAINERS + _ODD_TENSORS


def _paths(node, prefix=()) -> list[tuple]:
    """Every key/index path into the payload's dicts and lists (not into tensors)."""
    found = []
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return found
    for key, value in items:
        found.append((*prefix, key))
        found += _paths(value, (*prefix, key))
    return found


def _apply(payload: dict, path: tuple, op: str, pick: int) -> None:
    parent = payload
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    value = parent[key]
    if op == "delete":
        del parent[key]
    elif op == "replace":
        parent[key] = copy.deepcopy(_ODD_VALUES[pick % len(_ODD_VALUES)])
    elif op == "edit" and isinstance(value, torch.Tensor) and value.numel():
        edited = value.clone().reshape(-1)
        if edited.is_floating_point():
            edited[pick % edited.numel()] = [math.nan, math.inf, 0.0, 1e3, -7.0][pick % 5]
        parent[key] = edited.reshape(value.shape) if pick % 3 else edited
    elif op == "edit" and isinstance(value, str):
        parent[key] = [value * 2, value.upper(), "", 7][pick % 4]
    elif op == "edit" and isinstance(value, bool | int | float):
        parent[key] = [value * 2, -value, str(value), value * 1e300][pick % 4]
    elif op == "edit" and isinstance(value, list) and value:
        parent[key] = value[: pick % len(value)]
    elif op == "edit":
        parent[key] = type(value)() if isinstance(value, dict | list) else None


_STRUCTURE_EDITS = st.lists(
    st.tuples(
        st.integers(0, 10**6), st.sampled_from(["delete", "replace", "edit"]), st.integers(0, 99)
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=200)
@given(edits=_STRUCTURE_EDITS)
def test_fuzz_payload_structure_of_a_checkpoint(edits, base_file, tmp_path):
    payload = read_payload(base_file)
    for where, op, pick in edits:
        paths = _paths(payload)
        if not paths:
            break
        _apply(payload, paths[where % len(paths)], op, pick)
    kept_hash = payload.get(HASH_KEY) == read_payload(base_file).get(HASH_KEY)
    path = tmp_path / "fuzzed.pt"
    torch.save(payload, path)
    _load_or_refuse(path, weights=read_payload(base_file)["state_dict"] if kept_hash else None)
