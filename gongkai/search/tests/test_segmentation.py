from gongkai.search.segmentation import (
    index_tokens,
    normalise,
    parse_query,
    regional_variant,
    segment_for_index,
)


def test_domain_words_from_the_user_dictionary_stay_whole_and_their_parts_are_indexed_too():
    tokens = index_tokens("依申请公开的政府信息公开工作")
    assert "依申请公开" in tokens
    assert "政府信息公开" in tokens
    # search mode adds the dictionary words inside the compound, so a query for a part finds it
    assert {"申请", "公开", "政府", "信息"} <= set(tokens)


def test_normalisation_folds_traditional_and_full_width_characters():
    assert normalise("江門市蓬江區民政局") == "江门市蓬江区民政局"
    assert normalise("ＡＢＣ１２３") == "abc123"


def test_query_words_keep_their_parts_as_an_alternative():
    parsed = parse_query("政府信息公开")
    assert [t.word for t in parsed.terms] == ["政府信息公开"]
    assert set(parsed.terms[0].parts) == {"政府", "信息", "公开"}


def test_traditional_query_is_parsed_in_simplified_characters():
    assert [t.word for t in parse_query("規範性文件").terms] == ["规范性文件"]


def test_taiwan_vocabulary_gets_a_mainland_variant():
    parsed = parse_query("政府資訊公開")
    variant = regional_variant("政府資訊公開", parsed)
    assert variant is not None
    assert "政府信息公开" in [t.word for t in variant.terms]
    assert regional_variant("社会救助", parse_query("社会救助")) is None


def test_quoted_text_becomes_a_phrase_with_ascii_or_chinese_quotes():
    assert parse_query('"依申请公开" 程序').phrases == ["依申请公开"]
    assert parse_query("“社会救助”").phrases == ["社会救助"]


def test_search_syntax_characters_are_separators_not_operators():
    parsed = parse_query('低保 AND NOT (救助*) ^标题:公开 NEAR/3 "" -- \'; DROP TABLE x')
    words = [t.word for t in parsed.terms]
    for word in words:
        assert all(ch.isalnum() for ch in word), word
    assert "低保" in words and "救助" in words


def test_an_empty_or_punctuation_only_query_has_no_terms():
    assert parse_query("").is_empty
    assert parse_query("  ，。！？*()  ").is_empty


def test_segmented_text_is_space_separated_lower_case_words_without_punctuation():
    assert segment_for_index("关于COVID-19防控，") == "关于 covid 19 防控"
