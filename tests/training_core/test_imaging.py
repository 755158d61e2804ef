"""The imaging core against scikit-image's own results, over dtypes and shapes."""

from __future__ import annotations

import socket
import warnings

import numpy as np
import pytest
from scipy import ndimage as ndi
from skimage import color, exposure, feature, filters, util

from training_core import imaging as im
from training_core.image_io import read_image, save_png

DTYPES = ("uint8", "uint16", "float64")
SHAPES = ("gray", "rgb", "rgba")


def make_image(dtype: str, shape: str, size=(40, 56), seed=0) -> np.ndarray:
    """A smooth gradient with a bright disc and noise: bimodal enough for Otsu and Canny."""
    rng = np.random.default_rng(seed)
    h, w = size
    yy, xx = np.mgrid[0:h, 0:w]
    base = 0.2 + 0.3 * xx / w
    base[(yy - h / 2) ** 2 + (xx - w / 2) ** 2 < (min(h, w) / 4) ** 2] += 0.4
    base = np.clip(base + rng.normal(0, 0.03, size), 0, 1)
    if shape == "gray":
        img = base
    else:
        img = np.stack([base, base**1.5, 1 - base], axis=2)
        if shape == "rgba":
            alpha = np.linspace(0.3, 1.0, w)[None, :].repeat(h, axis=0)
            img = np.concatenate([img, alpha[..., None]], axis=2)
    return {"uint8": util.img_as_ubyte, "uint16": util.img_as_uint}.get(dtype, util.img_as_float)(
        img
    )


def color_part(img):
    return img[..., :3] if img.ndim == 3 and img.shape[2] == 4 else img


def skimage_gray(img):
    if img.ndim == 2:
        return util.img_as_float(img)
    if img.shape[2] == 4:
        img = color.rgba2rgb(img)
    return color.rgb2gray(img)


all_images = pytest.mark.parametrize("dtype", DTYPES), pytest.mark.parametrize("shape", SHAPES)


def with_all_images(fn):
    for mark in all_images:
        fn = mark(fn)
    return fn


def assert_alpha_kept(img, out):
    if img.ndim == 3 and img.shape[2] == 4:
        assert out.shape == img.shape
        expected = im._as_dtype(img[..., 3], out.dtype)
        np.testing.assert_array_equal(out[..., 3], expected)


@with_all_images
def test_contrast_stretch_matches_rescale_intensity(dtype, shape):
    img = make_image(dtype, shape)
    out = im.contrast_stretch(img, 2, 98)
    part = color_part(img)
    p2, p98 = np.percentile(part, (2, 98))
    expected = exposure.rescale_intensity(part, in_range=(p2, p98))
    assert out.dtype == img.dtype
    np.testing.assert_array_equal(color_part(out), expected)
    assert_alpha_kept(img, out)


@with_all_images
def test_equalize_histogram_matches_skimage(dtype, shape):
    img = make_image(dtype, shape)
    out = im.equalize_histogram(img)
    assert out.dtype == np.float64 and 0 <= out.min() and out.max() <= 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "might be a color image": pooled on purpose
        expected = exposure.equalize_hist(color_part(img))
    np.testing.assert_allclose(color_part(out), expected)
    assert_alpha_kept(img, out)


@with_all_images
def test_clahe_matches_skimage(dtype, shape):
    img = make_image(dtype, shape)
    out = im.equalize_adaptive(img, clip_limit=0.05, kernel_size=16)
    expected = exposure.equalize_adapthist(color_part(img), kernel_size=16, clip_limit=0.05)
    assert out.dtype == np.float64
    np.testing.assert_allclose(color_part(out), expected)
    assert_alpha_kept(img, out)


def test_clahe_auto_kernel_is_skimage_default():
    img = make_image("uint8", "gray")
    np.testing.assert_allclose(
        im.equalize_adaptive(img, 0.03, None), exposure.equalize_adapthist(img, clip_limit=0.03)
    )
    with pytest.raises(ValueError, match="clip limit"):
        im.equalize_adaptive(img, clip_limit=0)


@with_all_images
def test_grayscale_matches_rgb2gray(dtype, shape):
    img = make_image(dtype, shape)
    out = im.to_grayscale(img)
    assert out.shape == img.shape[:2] and out.dtype == np.float64
    np.testing.assert_allclose(out, skimage_gray(img))


@with_all_images
def test_threshold_otsu_and_manual(dtype, shape):
    img = make_image(dtype, shape)
    gray = skimage_gray(img)
    otsu = im.threshold(img, method="otsu")
    np.testing.assert_array_equal(otsu, gray > filters.threshold_otsu(gray))
    manual = im.threshold(img, method="manual", value=0.4)
    np.testing.assert_array_equal(manual, gray > 0.4)
    np.testing.assert_array_equal(im.threshold(img, "manual", 0.4, invert=True), ~manual)
    assert otsu.dtype == np.bool_ and 0 < otsu.mean() < 1


@with_all_images
def test_canny_and_fill_holes_match_skimage(dtype, shape):
    img = make_image(dtype, shape)
    edges = im.canny_edges(img, sigma=1.5, low_threshold=0.05, high_threshold=0.15)
    expected = feature.canny(skimage_gray(img), sigma=1.5, low_threshold=0.05, high_threshold=0.15)
    np.testing.assert_array_equal(edges, expected)
    assert edges.any()
    np.testing.assert_array_equal(im.fill_holes(edges), ndi.binary_fill_holes(expected))


def test_fill_holes_fills_a_ring_and_refuses_non_masks():
    ring = np.zeros((9, 9), bool)
    ring[2:7, 2:7] = True
    ring[3:6, 3:6] = False
    filled = im.fill_holes(ring)
    assert filled[4, 4] and filled[3:6, 3:6].all() and not filled[0, 0]
    with pytest.raises(ValueError, match="needs a mask"):
        im.fill_holes(ring.astype(np.uint8))


def test_canny_refuses_low_above_high():
    with pytest.raises(ValueError, match="low threshold"):
        im.canny_edges(make_image("uint8", "gray"), low_threshold=0.5, high_threshold=0.1)


@pytest.mark.parametrize("dtype", DTYPES)
def test_channels_and_bgr(dtype):
    img = make_image(dtype, "rgba")
    for index, name in enumerate("RGB"):
        np.testing.assert_array_equal(im.select_channel(img, name), img[..., index])
    bgr = im.rgb_to_bgr(img)
    np.testing.assert_array_equal(bgr[..., :3], img[..., 2::-1])
    np.testing.assert_array_equal(bgr[..., 3], img[..., 3])
    with pytest.raises(ValueError, match="grayscale"):
        im.select_channel(make_image(dtype, "gray"), "R")


@with_all_images
@pytest.mark.parametrize("target", ["uint8", "uint16", "float64"])
def test_convert_dtype_uses_img_as(dtype, shape, target):
    img = make_image(dtype, shape)
    fn = {"uint8": util.img_as_ubyte, "uint16": util.img_as_uint, "float64": util.img_as_float}
    out = im.convert_dtype(img, target)
    assert out.dtype == np.dtype(target)
    np.testing.assert_array_equal(out, fn[target](img))


def test_operations_do_not_modify_their_input():
    img = make_image("uint8", "rgb")
    before = img.copy()
    for name in im.OPERATIONS:
        if name != "fill_holes":
            im.apply_step(img, im.default_step(name))
    np.testing.assert_array_equal(img, before)


def test_chain_equals_calling_skimage_in_order():
    img = make_image("uint16", "rgb")
    steps = [
        im.Step("grayscale", {}),
        im.Step("clahe", {"clip_limit": 0.02, "kernel_size": None}),
        im.Step("canny", {"sigma": 2.0}),
        im.Step("fill_holes"),
    ]
    run = im.run_chain(img, steps)
    gray = color.rgb2gray(img)
    expected = ndi.binary_fill_holes(
        feature.canny(exposure.equalize_adapthist(gray, clip_limit=0.02), sigma=2.0)
    )
    np.testing.assert_array_equal(run.result, expected)
    assert len(run.seconds) == 4 and all(s >= 0 for s in run.seconds)
    np.testing.assert_array_equal(im.apply_chain(img, steps), expected)


def test_empty_chain_returns_a_copy_and_cancel_stops_between_steps():
    img = make_image("uint8", "gray")
    out = im.apply_chain(img, [])
    assert out is not img and np.array_equal(out, img)
    with pytest.raises(im.ChainCancelled):
        im.run_chain(img, [im.default_step("grayscale")], should_stop=lambda: True)


def test_steps_are_frozen_hashable_and_validated():
    a = im.Step("stretch", {"low": 1.0, "high": 99.0})
    b = im.Step("stretch", {"high": 99.0, "low": 1.0})
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.op_name = "clahe"
    assert a.with_params(low=5.0).kwargs == {"low": 5.0, "high": 99.0}
    assert a.kwargs == {"low": 1.0, "high": 99.0}  # with_params made a new step
    with pytest.raises(ValueError, match="unknown operation"):
        im.apply_chain(make_image("uint8", "gray"), [im.Step("blur")])
    with pytest.raises(ValueError, match="unknown parameter"):
        im.apply_chain(make_image("uint8", "gray"), [im.Step("stretch", {"lo": 1})])
    with pytest.raises(ValueError, match="Contrast stretch: percentiles"):
        im.apply_chain(make_image("uint8", "gray"), [a.with_params(low=99.0, high=1.0)])


def test_describe_is_short_and_readable():
    assert im.describe(im.default_step("canny")) == "Canny edges (sigma 1, low auto, high auto)"
    manual = im.Step("threshold", {"method": "manual", "value": 0.25, "invert": True})
    assert im.describe(manual) == "Threshold (method manual, value 0.25, invert)"
    assert im.describe(im.Step("grayscale")) == "Grayscale"


@with_all_images
def test_histogram_and_cdf(dtype, shape):
    img = make_image(dtype, shape)
    hist = im.histogram_and_cdf(img, bins=64)
    floats = util.img_as_float(color_part(img))
    expected, _ = np.histogram(floats, bins=64, range=(0, 1))
    np.testing.assert_array_equal(hist.counts, expected)
    assert hist.counts.sum() == color_part(img).size
    assert hist.cdf[-1] == pytest.approx(1.0) and np.all(np.diff(hist.cdf) >= 0)
    assert hist.centers[0] == pytest.approx(0.5 / 64)


def test_histogram_cdf_matches_cumulative_distribution():
    img = np.linspace(0, 1, 1000).reshape(20, 50) ** 2
    hist = im.histogram_and_cdf(img, bins=32)
    cdf, _ = exposure.cumulative_distribution(img, nbins=32)
    np.testing.assert_allclose(hist.cdf, cdf)
    u8 = make_image("uint8", "gray")
    np.testing.assert_array_equal(
        im.histogram_and_cdf(u8).counts, np.bincount(u8.ravel(), minlength=256)
    )


def test_display_and_overlay():
    assert im.to_display(np.array([[0.0, 0.5, 2.0]])).tolist() == [[0, 128, 255]]
    assert im.to_display(np.array([[0, 65535]], np.uint16)).tolist() == [[0, 255]]
    assert im.to_display(np.array([[True, False]])).tolist() == [[255, 0]]
    img = np.full((4, 4), 100, np.uint8)
    mask = np.zeros((4, 4), bool)
    mask[0, 0] = True
    out = im.overlay_mask(img, mask, color=(255, 0, 0), opacity=0.5)
    assert out.shape == (4, 4, 3) and out.dtype == np.uint8
    assert out[0, 0].tolist() == [178, 50, 50] and out[1, 1].tolist() == [100, 100, 100]


@pytest.mark.parametrize(
    "bad,needle",
    [
        (np.zeros((0, 3)), "non-empty"),
        (np.zeros((4, 4, 2)), r"unsupported image shape \(4, 4, 2\)"),
        (np.zeros((2, 2, 2, 2)), r"unsupported image shape \(2, 2, 2, 2\)"),
    ],
)
def test_bad_shapes_are_refused(bad, needle):
    with pytest.raises(ValueError, match=needle):
        im.apply_chain(bad, [im.default_step("grayscale")])


def test_samples_load_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a sample tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    names = im.sample_names()
    assert {"camera", "coins", "moon", "astronaut", "chelsea"} <= set(names)
    for name in names:
        img = im.load_sample(name)
        assert img.ndim in (2, 3) and img.size > 0, name
    with pytest.raises(ValueError, match="no offline sample"):
        im.load_sample("eagle")  # a downloaded-on-demand image is not offered


@pytest.mark.parametrize(
    "array",
    [
        np.arange(12, dtype=np.uint8).reshape(3, 4),
        np.arange(12, dtype=np.uint16).reshape(3, 4) * 5000,
        np.arange(36, dtype=np.uint8).reshape(3, 4, 3),
        np.arange(48, dtype=np.uint8).reshape(3, 4, 4),
    ],
)
def test_save_png_round_trips(tmp_path, array):
    path = tmp_path / "out.png"
    save_png(path, array)
    np.testing.assert_array_equal(read_image(path), array)
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]  # no temp file left


def test_save_png_converts_masks_and_floats_and_refuses_bad(tmp_path):
    save_png(tmp_path / "m.png", np.array([[True, False]]))
    assert read_image(tmp_path / "m.png").tolist() == [[255, 0]]
    save_png(tmp_path / "f.png", np.array([[0.0, 1.0]]))
    assert read_image(tmp_path / "f.png").tolist() == [[0, 255]]
    with pytest.raises(ValueError, match=r"must lie in \[0, 1\]"):
        save_png(tmp_path / "bad.png", np.array([[2.0]]))
    assert not (tmp_path / "bad.png").exists()
