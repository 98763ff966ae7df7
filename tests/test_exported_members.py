"""The public surface is deliberate: adding or removing a name must be a decision."""

import testdatagen


def test_all_names_are_exported_and_exist() -> None:
    assert sorted(testdatagen.__all__) == sorted(
        [
            "DatabaseError",
            "Dataset",
            "Diagnostic",
            "GenerationError",
            "InputError",
            "OutputError",
            "TdgError",
            "__version__",
            "generate",
            "load",
            "loads",
        ]
    )
    for name in testdatagen.__all__:
        assert getattr(testdatagen, name) is not None


def test_unknown_attribute_raises_attribute_error() -> None:
    try:
        testdatagen.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_load_reports_a_missing_file_as_input_error(tmp_path: object) -> None:
    try:
        testdatagen.load("/nonexistent/dir/schema.tdg")
    except testdatagen.InputError as exc:
        assert exc.exit_code == 1
        assert "no such file" in str(exc)
    else:
        raise AssertionError("expected InputError")
