from kagaz.errors import KagazError, all_error_classes


def test_codes_are_unique_and_upper_snake():
    codes = [cls.code for cls in all_error_classes()]
    assert len(codes) == len(set(codes)), codes
    for code in codes:
        assert code == code.upper() and " " not in code


def test_every_error_has_a_message_and_renders_its_code():
    for cls in all_error_classes():
        err = cls()
        assert err.message
        assert str(err).startswith(cls.code)
        assert isinstance(err, KagazError)
