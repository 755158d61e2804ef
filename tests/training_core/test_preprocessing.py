import numpy as np
import pytest
from scipy import ndimage

from training_core.preprocessing import NothingDrawn, ink_image, prepare_digit, to_gray_unit


def _seven(size=200, thickness=14, offset=(0, 0), scale=1.0):
    """A '7' drawn as dark ink on white paper, on a canvas of any size."""
    from skimage.draw import line

    img = np.full((size, size), 255, np.uint8)
    s = size * 0.6 * scale
    top, left = size * 0.2 + offset[0], size * 0.2 + offset[1]
    segments = [((top, left), (top, left + s)), ((top, left + s), (top + s, left + s * 0.3))]
    for (r0, c0), (r1, c1) in segments:
        rr, cc = line(int(r0), int(c0), int(r1), int(c1))
        img[np.clip(rr, 0, size - 1), np.clip(cc, 0, size - 1)] = 0
    return ndimage.grey_erosion(img, size=(thickness, thickness))


def test_output_is_mnist_shaped_with_ink_bright_and_centred():
    digit = prepare_digit(_seven())
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert digit.max() == pytest.approx(1.0, abs=0.01) and digit.min() >= 0
    cy, cx = ndimage.center_of_mass(digit)
    assert abs(cy - 14) < 0.6 and abs(cx - 14) < 0.6
    rows, cols = np.nonzero(digit > 0.05)
    assert max(np.ptp(rows), np.ptp(cols)) <= 22  # fitted into 20x20 (plus interpolation rim)


def test_polarity_is_read_from_the_border():
    dark_on_light = _seven()
    light_on_dark = 255 - dark_on_light
    assert np.allclose(prepare_digit(dark_on_light), prepare_digit(light_on_dark), atol=1e-5)


def test_size_and_position_do_not_matter():
    reference = prepare_digit(_seven())
    moved = prepare_digit(_seven(size=400, offset=(60, -50), scale=0.5, thickness=14))
    assert np.abs(moved - reference).mean() < 0.06


@pytest.mark.parametrize("channels", [None, 3, 4])
def test_gray_rgb_and_rgba_give_the_same_digit(channels):
    gray = _seven()
    image = gray if channels is None else np.repeat(gray[..., None], channels, axis=2)
    if channels == 4:
        image[..., 3] = 255
    assert np.allclose(prepare_digit(image), prepare_digit(gray), atol=1e-5)


def test_transparent_canvas_counts_as_white_paper():
    rgba = np.zeros((100, 100, 4), np.uint8)  # fully transparent everywhere
    rgba[30:70, 48:52] = (0, 0, 0, 255)  # a black '1'
    digit = prepare_digit(rgba)
    assert digit[14, 14] > 0.5 and digit[14, 3] == 0


@pytest.mark.parametrize(
    "image",
    [
        np.full((280, 280), 255, np.uint8),
        np.zeros((50, 80), np.uint8),
        np.full((64, 64, 4), 0, np.uint8),
        np.random.default_rng(0).integers(250, 256, (90, 90)),
    ],
)
def test_an_empty_canvas_is_nothing_drawn(image):
    with pytest.raises(NothingDrawn, match="nothing drawn"):
        prepare_digit(image.astype(np.uint8))


def test_dtypes_are_scaled_by_their_range():
    assert to_gray_unit(np.array([[65535]], np.uint16))[0, 0] == pytest.approx(1.0)
    assert to_gray_unit(np.array([[0.5]], np.float64))[0, 0] == pytest.approx(0.5)
    assert to_gray_unit(np.array([[True]]))[0, 0] == 1.0


def test_grey_paper_is_lifted_to_black():
    img = np.full((60, 60), 200, np.uint8)
    img[20:40, 28:32] = 20
    ink = ink_image(img)
    assert ink[0, 0] == 0 and ink[30, 30] == pytest.approx((235 - 55) / 200)


def test_bad_shapes_are_value_errors():
    with pytest.raises(ValueError, match=r"gray or 3-D colour image, got shape \(2, 2, 2, 2\)"):
        prepare_digit(np.zeros((2, 2, 2, 2)))
