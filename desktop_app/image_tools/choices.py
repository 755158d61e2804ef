"""What the Image tools tab offers to start from: ready-made chains (the lesson's, the Draw
tab's photo clean-up) and skimage's sample images, their titles marked for translation
(context ``ImageToolsPanel``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from training_core import imaging
from training_core.imaging import Step

PRESETS = {  # titles are translation keys (context ImageToolsPanel)
    QT_TRANSLATE_NOOP("ImageToolsPanel", "Lesson: grayscale, CLAHE, Canny, fill holes"): [
        Step("grayscale"),
        imaging.default_step("clahe"),
        Step("canny", {"sigma": 2.0, "low_threshold": None, "high_threshold": None}),
        Step("fill_holes"),
    ],
    QT_TRANSLATE_NOOP("ImageToolsPanel", "Contrast stretch 2-98%"): [
        imaging.default_step("stretch")
    ],
    QT_TRANSLATE_NOOP("ImageToolsPanel", "Histogram equalization"): [
        imaging.default_step("equalize")
    ],
    QT_TRANSLATE_NOOP("ImageToolsPanel", "Adaptive equalization (CLAHE)"): [
        imaging.default_step("clahe")
    ],
    QT_TRANSLATE_NOOP("ImageToolsPanel", "Otsu threshold"): [imaging.default_step("threshold")],
    # The Draw tab's and digit-lab predict's clean-up of a photo of paper (issue 16).
    QT_TRANSLATE_NOOP("ImageToolsPanel", "Clean up a photo of digits"): [
        imaging.default_step("clean_photo")
    ],
}


# skimage's sample images, by the names imaging.sample_names() gives (marked for translation).
SAMPLE_TITLES = {
    name: name
    for name in (
        QT_TRANSLATE_NOOP("ImageToolsPanel", "astronaut"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "brick"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "camera"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "cell"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "chelsea"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "clock"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "coffee"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "coins"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "colorwheel"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "grass"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "gravel"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "hubble_deep_field"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "immunohistochemistry"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "logo"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "microaneurysms"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "moon"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "page"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "retina"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "rocket"),
        QT_TRANSLATE_NOOP("ImageToolsPanel", "text"),
    )
}
