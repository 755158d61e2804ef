"""Fixtures of the Labs tab's tests: a small lab in both languages (two short training runs
on the Train tab's tiny synthetic data, questions answered from them, hostile prose) and a
broken one, written into a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

HOSTILE_PROSE = (
    'Look at <b>this</b> <script>alert("x")</script> and '
    '<a href="file:///etc/passwd">a local file</a>, or [a page](https://example.org/lab).'
)

ENGLISH = f"""---
id: tiny-lab
title: A tiny lab
language: en
summary: Two short runs and what they say.
order: 1
---

An introduction. {HOSTILE_PROSE}

## Train a first model

Train the softmax model for two epochs.

```action
do: train
run: a
model: softmax
epochs: 2
batch_size: 50
lr: 0.5
offer_dataset: fashion-mnist
label: Train run a
```

```question
kind: final_accuracy
run: a
ask: What test accuracy did run a reach, in percent?
tolerance: 0.01
```

## A second, slower run

```action
do: train
run: b
model: softmax
epochs: 1
batch_size: 50
lr: 0.001
```

```question
kind: final_accuracy
run: b
ask: And run b?
tolerance: 0.01
```

```question
kind: better_run
runs: a, b
ask: Which run is better?
```

```action
do: compare
runs: a, b
```

## Image tools

```action
do: image_tools
sample: digit-3
steps: threshold method=otsu
```

```action
do: playground
run: flat
page: classify
dataset: spiral
model: linear
epochs: 20
start: no
```
"""

CHINESE = (
    ENGLISH.replace("language: en", "language: zh_CN")
    .replace("title: A tiny lab", "title: 小实验")
    .replace("## Train a first model", "## 训练第一个模型")
)

BROKEN = """---
id: broken-lab
title: Broken
language: en
---

## A step

```question
kind: no_such_question
ask: What?
```
"""


def write_labs(folder: Path, chinese: bool = True, broken: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny-lab.md").write_text(ENGLISH, encoding="utf-8")
    if chinese:
        (folder / "tiny-lab.zh_CN.md").write_text(CHINESE, encoding="utf-8")
    if broken:
        (folder / "broken-lab.md").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture
def lab_folder(tmp_path) -> Path:
    """A user labs folder with the tiny lab (English and Chinese) and a broken lab."""
    return write_labs(tmp_path / "my-labs", broken=True)


@pytest.fixture
def tiny_lab_text() -> str:
    """The English tiny lab's text, to pack or change."""
    return ENGLISH
