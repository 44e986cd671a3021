"""Unit tests of grader/messages: English and Korean tables agree key for key and placeholder
for placeholder; the language comes from the locale; every known mistake has its sentences."""
import string

import pytest

from grader.messages import LANGS, MESSAGES, lang_from_environment, say
from grader.reference import load_module
from grader.paths import SOLUTIONS_DIR


def placeholders(text):
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name})


def test_both_languages_have_exactly_the_same_keys():
    assert LANGS == ('en', 'ko')
    assert set(MESSAGES['en']) == set(MESSAGES['ko'])


@pytest.mark.parametrize('key', sorted(MESSAGES['en']))
def test_both_languages_have_the_same_placeholders(key):
    assert placeholders(MESSAGES['en'][key]) == placeholders(MESSAGES['ko'][key]), key


@pytest.mark.parametrize('environ, lang', [
    ({}, 'en'), ({'LANG': 'ko_KR.UTF-8'}, 'ko'), ({'LANG': 'en_US.UTF-8'}, 'en'),
    ({'LANG': 'ko_KR.UTF-8', 'LC_ALL': 'C'}, 'en'), ({'LC_ALL': 'ko_KR', 'LANG': 'en_US'}, 'ko'),
    ({'LC_MESSAGES': 'ko', 'LANG': 'en'}, 'ko'), ({'LC_ALL': '', 'LANG': 'ko'}, 'ko')])
def test_language_from_the_locale(environ, lang):
    assert lang_from_environment(environ) == lang


def test_say_fills_in_and_falls_back_to_english_for_an_unknown_language():
    assert say('missing', 'ko', function='f') == '노트북에 `f`이(가) 정의되어 있지 않습니다'
    assert say('missing', 'fr', function='f') == '`f` is not defined in the notebook'


def known_mistakes():
    conv = load_module(SOLUTIONS_DIR / 'conv_numpy' / 'mistakes.py')
    alexnet = load_module(SOLUTIONS_DIR / 'alexnet' / 'mistakes.py')
    ids = {m for variants in conv.MISTAKES.values() for m, _ in variants}
    return sorted(ids | set(alexnet.MISTAKE_IDS))


@pytest.mark.parametrize('mistake', known_mistakes())
def test_every_known_mistake_has_a_title_and_a_hint(mistake):
    for lang in LANGS:
        assert MESSAGES[lang][f'title.{mistake}'] and MESSAGES[lang][f'diag.{mistake}']
