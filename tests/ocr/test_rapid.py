"""The rule that re-reads wide lines the angle classifier turned and then read badly."""

from types import SimpleNamespace

import numpy as np

from kagaz.ocr.rapid import RapidOcrEngine


def _engine(reader):
    eng = RapidOcrEngine.__new__(RapidOcrEngine)  # the rule only needs the recogniser
    eng._ocr = SimpleNamespace(recognize_txt=reader)
    return eng


def test_wide_flipped_doubtful_line_is_read_again_unturned():
    calls = []

    def reader(crops):
        calls.append(len(crops))
        return SimpleNamespace(txts=("BY: RAMESH KUMAR",) * len(crops), scores=(0.97,) * len(crops))

    rec = SimpleNamespace(txts=("ЯAMƎSH noise", "Sale Deed", "narrow"), scores=(0.62, 0.99, 0.5))
    crops = [np.zeros((20, 400)), np.zeros((20, 400)), np.zeros((20, 60))]
    flips = [True, False, True]
    _engine(reader)._unflip_doubtful(rec, crops, flips)
    assert calls == [1]  # only the wide, flipped, doubtful line
    assert rec.txts == ("BY: RAMESH KUMAR", "Sale Deed", "narrow")
    assert flips == [False, False, True]


def test_a_worse_second_reading_is_ignored():
    reader = lambda crops: SimpleNamespace(txts=("x",), scores=(0.3,))  # noqa: E731
    rec = SimpleNamespace(txts=("upside down text",), scores=(0.7,))
    flips = [True]
    _engine(reader)._unflip_doubtful(rec, [np.zeros((20, 400))], flips)
    assert rec.txts == ("upside down text",) and flips == [True]
