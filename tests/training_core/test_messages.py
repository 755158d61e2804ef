"""The core's messages form a catalog the app can translate (issue 17).

The catalog is collected from the ``msg(...)`` calls by reading the source, so these tests
read it the same way: every call names a literal kind and template, a kind means one
template everywhere, and the fields of a template are exactly the params the call gives.
The last tests go through real error paths to show the conversion is real: a user's bad
file or option ends in an exception that carries a translatable message.
"""

from __future__ import annotations

import ast
import io
import pickle
import re
import string
import zipfile
from pathlib import Path

import pytest

import training_core
from training_core.messages import Message, message_of, msg

CORE = Path(training_core.__file__).parent
KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def _msg_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg":
                calls.append((f"{path.name}:{node.lineno}", node))
    return calls


CALLS = _msg_calls()


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _fields(template: str) -> set[str]:
    names = set()
    for _, field, spec, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(re.split(r"[.\[]", field)[0])
        if spec:
            names |= _fields(spec)  # a nested field such as {value:.{digits}f}
    return names


def test_the_core_has_a_catalog_to_check():
    assert len(CALLS) > 150  # the conversion of issue 17 covered the core's messages


def test_every_kind_and_template_is_a_literal():
    bad = [
        where
        for where, call in CALLS
        if len(call.args) != 2 or _literal(call.args[0]) is None or _literal(call.args[1]) is None
    ]
    assert bad == []


def test_kinds_are_dotted_names_area_first():
    bad = [
        (where, _literal(c.args[0])) for where, c in CALLS if not KIND.match(_literal(c.args[0]))
    ]
    assert bad == []


def test_each_kind_has_exactly_one_template():
    templates: dict[str, set[str]] = {}
    for _, call in CALLS:
        templates.setdefault(_literal(call.args[0]), set()).add(_literal(call.args[1]))
    assert {kind: found for kind, found in templates.items() if len(found) > 1} == {}


def test_template_fields_match_the_params_given():
    bad = []
    for where, call in CALLS:
        if any(keyword.arg is None for keyword in call.keywords):  # **params: not checkable
            bad.append((where, "uses **params"))
            continue
        given = {keyword.arg for keyword in call.keywords}
        wanted = _fields(_literal(call.args[1]))
        if given != wanted:
            bad.append((where, sorted(wanted), sorted(given)))
    assert bad == []


class _UserError(ValueError):
    pass


def test_a_message_is_the_english_text_and_survives_pickling():
    inner = msg("test.inner", "{count:,} images", count=12345)
    outer = msg("test.outer", "{path}: {reason}", path=Path("a/b.pt"), reason=inner)
    assert outer == "a/b.pt: 12,345 images"
    copy = pickle.loads(pickle.dumps(outer))
    assert isinstance(copy, Message) and copy == outer
    assert copy.kind == "test.outer" and copy.template == "{path}: {reason}"
    assert copy.params["reason"].kind == "test.inner"
    with pytest.raises(_UserError) as caught:
        raise _UserError(outer)
    assert str(caught.value) == "a/b.pt: 12,345 images"
    assert message_of(caught.value) is outer
    assert message_of(pickle.loads(pickle.dumps(caught.value))).kind == "test.outer"
    assert message_of(ValueError("plain English")) is None


# Real error paths: a user's bad file or option ends in a translatable message.


def test_a_bad_checkpoint_file_gives_a_message(tmp_path):
    from training_core.checkpoints import CheckpointError, load_checkpoint

    path = tmp_path / "model.pt"
    path.write_bytes(b"this is not a checkpoint")
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(path)
    found = message_of(caught.value)
    assert found is not None and found.kind == "checkpoint.not_pytorch"
    assert str(caught.value) == "model.pt: not a PyTorch checkpoint file"


def test_a_bad_checkpoint_field_keeps_its_inner_message(tmp_path):
    import torch

    from tests.helpers.checkpoint_files import read_payload, write_base
    from training_core.checkpoints import CheckpointError, load_checkpoint

    write_base(tmp_path / "base.pt")
    payload = read_payload(tmp_path / "base.pt")
    payload["class_names"] = ["x"] * 3
    torch.save(payload, tmp_path / "edited.pt")
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(tmp_path / "edited.pt")
    found = message_of(caught.value)
    assert found.kind == "checkpoint.invalid"
    assert found.params["reason"].kind == "checkpoint.class_names_count"


def test_an_out_of_range_option_gives_a_message():
    from training_core.config import ConfigError, TrainConfig

    with pytest.raises(ConfigError) as caught:
        TrainConfig(epochs=-3).validate()
    assert message_of(caught.value) is not None


def test_a_corrupt_idx_file_gives_a_message(tmp_path):
    from training_core import idx

    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(b"\x00\x00\x08\x03" + b"\x00\x00\x00\x05" * 3 + b"\x00" * 7)
    with pytest.raises(idx.IdxError) as caught:
        idx.read_idx(path, 3)
    assert message_of(caught.value) is not None


def test_a_hostile_zip_gives_a_message(tmp_path):
    from training_core.safe_files import SafeFileError
    from training_core.safe_zip import check_zip

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("../../escape.txt", "out")
    path = tmp_path / "evil.zip"
    path.write_bytes(data.getvalue())
    with pytest.raises(SafeFileError) as caught:
        check_zip(path, max_members=8, max_total_bytes=1000, max_ratio=100)
    assert message_of(caught.value).kind == "zip.parent_dir"
    assert str(caught.value) == "evil.zip: ../../escape.txt: a '..' in a member name"


def test_an_unreadable_image_gives_a_message(tmp_path):
    from training_core.image_io import ImageReadError, read_image

    path = tmp_path / "digit.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(ImageReadError) as caught:
        read_image(path)
    assert message_of(caught.value) is not None


def test_a_damaged_run_folder_names_each_problem_as_a_message(tmp_path):
    from training_core.run_record import read_run

    (tmp_path / "config.json").write_text("{not json")
    (tmp_path / "status.json").write_bytes(b"\x00binary")
    record = read_run(tmp_path)
    reason = record.reason
    assert (
        reason
        == "config.json is not valid JSON; status.json: line 1: a NUL byte (binary data, not text)"
    )
    assert reason.kind == "run.problems"
    assert reason.params["first"].kind == "run.not_json"
    assert reason.params["rest"].kind == "text.nul_byte"  # the reader's own message, renamed
    assert reason.params["rest"].params["file"] == "status.json"


def test_a_bad_playground_csv_row_gives_a_message(tmp_path):
    from training_core.playground_data import PlaygroundDataError, load_points_csv

    path = tmp_path / "points.csv"
    path.write_text("x,y,label\n0,0,a\n1,one,b\n")
    with pytest.raises(PlaygroundDataError) as caught:
        load_points_csv(path)
    found = message_of(caught.value)
    assert str(caught.value) == "points.csv, line 3: 'one' is not a number"
    assert found.kind == "points.not_a_number" and found.params["where"].kind == "points.where"


def test_the_common_system_errors_become_messages_with_the_same_english():
    import errno

    from training_core.fileio import describe_os_error, system_text

    missing = OSError(errno.ENOENT, "No such file or directory")
    assert describe_os_error(missing) == "No such file or directory"
    assert describe_os_error(missing).kind == "os.no_such_file"
    assert (
        describe_os_error(OSError(errno.ENOSPC, "No space left on device")).kind == "os.disk_full"
    )
    assert system_text("Something unusual") == "Something unusual"
    assert not isinstance(system_text("Something unusual"), Message)
    assert system_text(None) is None
