from khabar.text.ar.dateline import dateline_end


def test_a_place_and_an_outlet_in_brackets_before_a_dash_are_a_dateline():
    text = "القاهرة، مصر (وكالة) -- أعلنت الحكومة خفض أسعار الوقود."
    assert text[dateline_end(text):] == "أعلنت الحكومة خفض أسعار الوقود."


def test_a_first_sentence_with_brackets_and_no_dash_after_them_has_none():
    assert dateline_end("أعلن الوزير (في مؤتمر صحفي) أن الموازنة أقرت.") == 0
    assert dateline_end("أعلنت الحكومة خفض الأسعار. وقال الوزير (وكالة) - إن ذلك مؤقت.") == 0
