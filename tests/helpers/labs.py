"""Lab files for the labs' tests: one using every directive, and a way to write them."""

from __future__ import annotations

from pathlib import Path

# Every action kind and every question kind, with HTML and a script in the prose and in a
# question (they must stay text everywhere), and a non-directive code block.
EVERY_DIRECTIVE = """---
id: every-directive
title: Every <b>directive</b>
lesson: test
order: 7
language: en
summary: A lab that uses each directive once.
check_epochs: 1
check_train_subset: 200
check_test_subset: 100
---

Intro with <script>alert("intro")</script> in it.

## Train two runs

Some **Markdown** and <img src=x onerror=alert(1)>.

```python
print("a code block is prose")
```

```action
do: train
run: a
model: softmax
epochs: 1
batch_size: 50
lr: 0.1
offer_dataset: fashion-mnist
label: Train run a
```

```action
do: train
run: b
model: softmax
epochs: 1
batch_size: 50
lr: 0.001
start: no
```

```question
kind: most_confused_pair
run: a
ask: Which pair <script>alert("ask")</script>?
correct: Yes {expected} ({count}).
wrong: No: {expected} ({count}), not {answer}.
```

```question
kind: worst_class
run: a
ask: Worst digit?
```

```question
kind: best_class
run: a
ask: Best digit?
```

```question
kind: final_accuracy
run: a
tolerance: 0.05
ask: Final accuracy?
```

```question
kind: better_run
runs: a, b
by: accuracy
ask: Which run is better?
```

## The rest

```action
do: compare
runs: a, b
```

```question
kind: loss_went
run: b
ask: Where did the loss go?
```

```action
do: playground
run: spiral
page: classify
dataset: spiral
model: mlp
activation: tanh
units: 16
hidden_layers: 2
optimizer: adam
lr: 0.02
epochs: 20
seed: 3
```

```action
do: playground
page: softmax
loss: softmax_first
start: no
```

```action
do: image_tools
sample: digit-3
steps: grayscale; threshold method=manual value=0.4 invert=yes; fill_holes
```

```action
do: open_tab
tab: draw
label: Draw a digit
```
"""


def write_lab(folder: Path, text: str, name: str | None = None) -> Path:
    """Write ``text`` as a lab file (named after its id unless ``name`` is given)."""
    folder.mkdir(parents=True, exist_ok=True)
    if name is None:
        lab_id = next(line for line in text.splitlines() if line.startswith("id:"))
        language = next(
            (
                line.split(":")[1].strip()
                for line in text.splitlines()
                if line.startswith("language:")
            ),
            "en",
        )
        stem = lab_id.split(":")[1].strip()
        name = f"{stem}.md" if language == "en" else f"{stem}.{language}.md"
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal_lab(lab_id: str = "tiny", body: str = "", header: str = "") -> str:
    """A small valid lab; ``body`` goes into its one step, ``header`` into its front matter."""
    return f"---\nid: {lab_id}\ntitle: Tiny\nlanguage: en\n{header}---\n\n## Step\n\nText.\n{body}"
