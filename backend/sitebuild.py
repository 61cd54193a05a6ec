"""Run MkDocs for the campaign site: `python -m backend.sitebuild build|serve ...`.

mkdocs-static-i18n accepts only two-letter language codes, but Papiamentu has
none (its code is `pap`). This wrapper widens that one check and then hands
over to MkDocs unchanged, named as MkDocs itself: Material prints its notice
about the theme's end of life only when it sees MkDocs run (it looks at
sys.argv[0]), and every build shows it.
"""
import re
import sys


def main(argv=None):
    import mkdocs.__main__
    from mkdocs.__main__ import cli
    from mkdocs_static_i18n import config

    sys.argv[0] = mkdocs.__main__.__file__
    config.RE_LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    main()
