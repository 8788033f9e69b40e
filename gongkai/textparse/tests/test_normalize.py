from gongkai.textparse.normalize import squash, to_simplified


def test_squash_drops_whitespace_except_between_ascii_words():
    assert squash(" 2021 年底前\u3000完成 rules and  standards ") == "2021年底前完成rules and standards"


def test_squash_remembers_recent_texts_in_a_bounded_cache():
    squash.cache_clear()
    squash("政务 公开")
    squash("政务 公开")
    info = squash.cache_info()
    assert (info.hits, info.misses) == (1, 1) and info.maxsize is not None


def test_to_simplified_keeps_each_character_in_place():
    assert to_simplified("江門市蓬江區民政局牽頭 2021") == "江门市蓬江区民政局牵头 2021"


def test_to_simplified_remembers_recent_texts_in_a_bounded_cache():
    to_simplified.cache_clear()
    to_simplified("責任單位")
    to_simplified("責任單位")
    info = to_simplified.cache_info()
    assert (info.hits, info.misses) == (1, 1) and info.maxsize is not None
