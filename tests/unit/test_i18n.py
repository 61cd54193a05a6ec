from backend import ROOT, create_app
from backend.i18n import format_quantity, read_languages, unit_templates
from flask_babel import force_locale


def test_languages_come_from_the_site_config():
    languages = read_languages(str(ROOT / "mkdocs.yml"))
    codes = [lang.code for lang in languages]
    assert codes[0] == "nl" and languages[0].default and languages[0].prefix == ""
    assert {"en", "ar"} <= set(codes)
    assert next(lang for lang in languages if lang.code == "ar").dir == "rtl"
    assert next(lang for lang in languages if lang.code == "en").prefix == "/en"


def test_quantities_are_worded_per_language(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db")})
    with app.test_request_context():
        with force_locale("en"):
            assert format_quantity("litre", 1) == "1 litre"
            assert format_quantity("litre", 45) == "45 litres"
        with force_locale("nl"):
            assert format_quantity("litre", 45) == "45 liter"


def test_script_gets_one_phrase_per_plural_category(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db")})
    with app.test_request_context():
        with force_locale("ar"):
            templates = unit_templates("ar")["litre"]
            assert set(templates) == {"zero", "one", "two", "few", "many", "other"}
            assert all("%(num)s" in t for t in templates.values())
        with force_locale("pl"):
            assert set(unit_templates("pl")["piece"]) == {"one", "few", "many"}
