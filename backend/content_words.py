"""How `make check-content` compares a translated text with the Dutch: its words, and its figures."""
import re
import unicodedata


def words(text):
    return len(str(text).split())


# Thousands separators (1.100, 1,100, 1 100) make one number; other digit runs stand alone.
NUMBER = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+")


def numbers(text):
    """The figures in a text, spelled the same way whatever the script's digits and separators."""
    return {"".join(str(unicodedata.digit(c)) for c in n if c.isdigit()) for n in NUMBER.findall(str(text))}


def number_problem(where, text, source_text, fix):
    mine, dutch = numbers(text), numbers(source_text)
    if mine == dutch:
        return None
    return (f"{where}: the numbers differ from the Dutch (missing: {', '.join(sorted(dutch - mine)) or '-'}; "
            f"not in the Dutch: {', '.join(sorted(mine - dutch)) or '-'}); {fix}")
