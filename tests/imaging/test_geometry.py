import pytest
from PIL import Image

from kagaz.imaging.geometry import orientation, rotate_image, rotate_points, skew_angle
from kagaz.ocr.base import OcrLine


def _line(x0, y0, x1, y1, flipped=False, text="SOME TEXT"):
    return OcrLine(text, 0.99, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), flipped)


@pytest.mark.parametrize("deg", [90, 180, 270, 7.5, -3])
def test_rotate_points_matches_pillow(deg):
    im = Image.new("L", (300, 200), 0)
    im.putpixel((40, 30), 255)
    out = rotate_image(im, deg)
    (x, y), = rotate_points([(40.5, 30.5)], im.size, deg)
    # The bright pixel lands within a pixel of the predicted point.
    px = max(
        ((out.getpixel((i, j)), (i, j)) for i in range(max(0, int(x) - 2), min(out.width, int(x) + 3))
         for j in range(max(0, int(y) - 2), min(out.height, int(y) + 3))),
    )
    assert px[0] > 0


def test_orientation_upright_and_flipped():
    upright = [_line(10, 10 + 40 * i, 300, 40 + 40 * i) for i in range(5)]
    assert orientation(upright) == 0
    flipped = [_line(10, 10 + 40 * i, 300, 40 + 40 * i, flipped=True) for i in range(5)]
    assert orientation(flipped) == 180


def test_orientation_sideways():
    tall = [_line(10 + 40 * i, 10, 40 + 40 * i, 300) for i in range(5)]
    assert orientation(tall) == 90
    tall_flipped = [_line(10 + 40 * i, 10, 40 + 40 * i, 300, flipped=True) for i in range(5)]
    assert orientation(tall_flipped) == 270


def test_skew_angle_of_tilted_lines():
    quads = []
    for i in range(4):
        y = 50 + 60 * i
        quads.append(((10, y), (410, y + 21), (409, y + 51), (9, y + 30)))  # about 3 degrees
    assert skew_angle(quads) == pytest.approx(3.0, abs=0.2)
    assert skew_angle([]) == 0.0
