"""The group report's numbers: Cronbach's alpha, corrected item-total correlations and alpha
if deleted against a hand-computed example and a two-pass reference, and a mis-keyed
statement found from simulated answers."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pm_quiz.quiz.stats import GroupStats, Moments, analyse_items, cronbach_alpha
from pm_quiz.report.stats import collect, render_stats, stats_data

from banks import bank_dict, choice, flip_reverse, likert, load, profile

# Five respondents, three statements (scale 1-5), worked by hand:
#   item 1: 1 2 3 4 5   mean 3    SS 10   var 2.5
#   item 2: 2 2 4 4 3   mean 3    SS 4    var 1
#   item 3: 2 3 3 5 4   mean 3.4  SS 5.2  var 1.3
#   cov12 = 4/4 = 1, cov13 = 6/4 = 1.5, cov23 = 3/4 = 0.75
#   totals 5 7 10 13 12: var = 45.2/4 = 11.3 = 4.8 + 2·(1 + 1.5 + 0.75)
#   alpha = 3/2 · (1 − 4.8/11.3) = 9.75/11.3 = 0.8628...
#   item-total: item 1: (1 + 1.5)/√(2.5 · 3.8) = 0.8111; item 2: (1 + 0.75)/√(1 · 6.8) =
#   0.6711; item 3: (1.5 + 0.75)/√(1.3 · 5.5) = 0.8415
#   alpha if deleted: without 1: 2·(1 − 2.3/3.8) = 0.7895; without 2: 2·(1 − 3.8/6.8) =
#   0.8824; without 3: 2·(1 − 3.5/5.5) = 0.7273
TEXTBOOK = [(1, 2, 2), (2, 2, 3), (3, 4, 3), (4, 4, 5), (5, 3, 4)]


def moments_of(rows: Sequence[Sequence[float]]) -> Moments:
    m = Moments(len(rows[0]))
    for row in rows:
        m.add(row)
    return m


def test_the_hand_computed_example() -> None:
    alpha, items = analyse_items(["i1", "i2", "i3"], moments_of(TEXTBOOK), [1, 1, 1])
    assert alpha is not None and round(alpha, 3) == 0.863
    assert [round(i.mean or 0, 3) for i in items] == [3.0, 3.0, 3.4]
    assert [round(i.sd or 0, 3) for i in items] == [1.581, 1.0, 1.140]
    assert [round(i.item_total or 0, 3) for i in items] == [0.811, 0.671, 0.841]
    assert [round(i.alpha_if_deleted or 0, 3) for i in items] == [0.789, 0.882, 0.727]
    assert all(i.flags == () for i in items)


def test_weights_change_the_scale_of_means_not_the_correlations() -> None:
    """Items enter the statistics as the rule counts them (v = w·k); means and SDs are
    given back on the answer scale. One weight for all changes no correlation or alpha."""
    ids = ["i1", "i2", "i3"]
    alpha, plain = analyse_items(ids, moments_of(TEXTBOOK), [1, 1, 1])
    mixed = analyse_items(ids, moments_of([[2 * a, b, 3 * c] for a, b, c in TEXTBOOK]),
                          [2, 1, 3])[1]
    same_alpha, same = analyse_items(ids, moments_of([[2 * x for x in r] for r in TEXTBOOK]),
                                     [2, 2, 2])
    assert same_alpha == pytest.approx(alpha)
    for a, b, c in zip(plain, mixed, same, strict=True):
        assert a.mean == pytest.approx(b.mean) and a.sd == pytest.approx(b.sd)
        assert a.item_total == pytest.approx(c.item_total)
        assert a.alpha_if_deleted == pytest.approx(c.alpha_if_deleted)


def reference(rows: list[list[int]]) -> tuple[float, list[float], list[float]]:
    """The textbook formulas in two passes, with the standard library's statistics."""
    k = len(rows[0])
    columns = [[row[i] for row in rows] for i in range(k)]
    totals = [sum(row) for row in rows]

    def alpha(cols: list[list[int]]) -> float:
        sums = [sum(values) for values in zip(*cols, strict=True)]
        return len(cols) / (len(cols) - 1) * (
            1 - sum(statistics.variance(c) for c in cols) / statistics.variance(sums))

    item_total = [statistics.correlation(columns[i], [t - x for t, x in
                                                      zip(totals, columns[i], strict=True)])
                  for i in range(k)]
    deleted = [alpha([c for j, c in enumerate(columns) if j != i]) for i in range(k)]
    return alpha(columns), item_total, deleted


@settings(max_examples=60, deadline=None)
@given(st.integers(3, 6).flatmap(lambda k: st.lists(
    st.lists(st.integers(1, 5), min_size=k, max_size=k), min_size=4, max_size=60)))
def test_agrees_with_a_two_pass_reference(rows: list[list[int]]) -> None:
    columns = list(zip(*rows, strict=True))
    sums = [sum(row) for row in rows]
    # the reference is defined only when every item, every rest and the total vary
    assume(len(set(sums)) >= 2)
    for i in range(len(columns)):
        rest = [s - x for s, x in zip(sums, columns[i], strict=True)]
        assume(len(set(columns[i])) >= 2 and len(set(rest)) >= 2)
    alpha_ref, totals_ref, deleted_ref = reference(rows)
    alpha, items = analyse_items([str(i) for i in range(len(columns))], moments_of(rows),
                                 [1.0] * len(columns))
    assert alpha == pytest.approx(alpha_ref, abs=1e-9)
    assert [i.item_total for i in items] == pytest.approx(totals_ref, abs=1e-9)
    assert [i.alpha_if_deleted for i in items] == pytest.approx(deleted_ref, abs=1e-9)
    assert [i.mean for i in items] == pytest.approx([statistics.mean(c) for c in columns])
    assert [i.sd for i in items] == pytest.approx([statistics.stdev(c) for c in columns])


def test_degenerate_cases() -> None:
    assert cronbach_alpha([[1.0]]) is None
    assert cronbach_alpha([[0.0, 0.0], [0.0, 0.0]]) is None
    alpha, items = analyse_items(["a", "b"], moments_of([(3, 1), (3, 5)]), [1, 1])
    assert alpha is not None and items[0].flags == ("no_variance",)
    assert items[0].item_total is None and items[0].alpha_if_deleted is None


# -- a mis-keyed statement -----------------------------------------------------------------
MISKEYED = bank_dict(
    ["listening", "analysis"],
    [profile("listener", {"listening": 90, "analysis": 30}),
     profile("analyst", {"listening": 30, "analysis": 90})],
    [likert("l1", "listening"), likert("l2", "listening", reverse=True),
     likert("l3", "listening"), likert("l4", "listening", reverse=True),
     likert("a1", "analysis"), likert("a2", "analysis", reverse=True),
     likert("a3", "analysis"), likert("a4", "analysis", reverse=True),
     choice("c1", {"a": {"listening": 2}, "b": {"analysis": 2}, "c": {"analysis": 1}})],
)


def simulate(truth: dict[str, object], n: int, seed: int) -> list[dict[str, int | str]]:
    """Respondents answering the statements as the TRUE keying says: each has a level per
    dimension; a forward statement is answered near it, a reverse one near its mirror."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        level = {"listening": rng.uniform(1, 5), "analysis": rng.uniform(1, 5)}
        answers: dict[str, int | str] = {}
        for q in truth["questions"]:  # type: ignore[attr-defined]
            if q["type"] == "choice":
                answers[q["id"]] = "a" if level["listening"] > level["analysis"] else "b"
                continue
            x = level[q["dimension"]]
            if q.get("reverse"):
                x = 6 - x
            answers[q["id"]] = max(1, min(5, round(x + rng.gauss(0, 0.7))))
        out.append(answers)
    return out


def test_a_mis_keyed_statement_is_flagged_negative() -> None:
    """The bank says l3 is reversed, but people answer it as the forward statement it is."""
    people = simulate(MISKEYED, 200, seed=3)
    bank = load(flip_reverse(MISKEYED, "l3"))
    from pm_quiz.quiz.batch import Respondent

    data = stats_data(collect(bank, "en", (Respondent(str(i), 0, a)
                                          for i, a in enumerate(people))), "en")
    flags = {i["id"]: i["flags"] for d in data["dimensions"] for i in d["items"]}
    assert flags["l3"] == ["negative"]
    assert all(not f for qid, f in flags.items() if qid != "l3")
    listening = data["dimensions"][0]
    deleted = {i["id"]: i["alpha_if_deleted"] for i in listening["items"]}
    assert deleted["l3"] > listening["alpha"]  # dropping it helps
    assert data["options"] == [{"question": "c1", "answered": 200,
                                "counts": {"a": sum(p["c1"] == "a" for p in people),
                                           "b": sum(p["c1"] == "b" for p in people), "c": 0},
                                "unpicked": ["c"]}]
    text = render_stats(data, "text")
    assert "NEGATIVE: check its reverse:" in text and "nobody picked: c" in text
    markdown = render_stats(data, "md")
    assert "**NEGATIVE: check its reverse:**" in markdown and "1 statement flagged" in markdown
    page = render_stats(data, "html")
    assert '<td class="neg">NEGATIVE: check its reverse:</td>' in page
    assert page.count("<svg") == 2
    german = render_stats(stats_data(collect(bank, "de", []), "de"), "text")
    assert "Gruppenbericht" in german and "Noch keine Teilnehmenden." in german


def test_the_group_counts() -> None:
    bank = load(MISKEYED)
    group = GroupStats(bank)
    group.add({"l1": 5}, "listener", [], {"listening": 100.0, "analysis": None})
    group.add({}, None, ["too_few_answers"], {"listening": None, "analysis": None})
    group.add({"l1": 1}, "listener", ["close_call"], {"listening": 0.0, "analysis": None})
    assert (group.n, group.first, group.unclear) == (3, {"listener": 2, "analyst": 0}, 1)
    assert group.reasons == {"too_few_answers": 1, "close_call": 1}
    dist = group.distributions["listening"]
    assert dist.bins == [1] + [0] * 8 + [1] and dist.mean == 50 and dist.sd == math.sqrt(5000)
    assert group.dimensions()[0].warnings == ("few_respondents",)


def test_the_readme_documents_every_key() -> None:
    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The JSON group report"):]
    section = section[: section.index("\n## ")]
    data = stats_data(collect(load(MISKEYED), "en", []), "en")
    data["source"] = {"group": None, "answers": []}
    data["options"][0]["unpicked"] = []
    keys = set(data) | set(data["unclear"]) | set(data["profiles"][0]) | set(
        data["dimensions"][0]) | set(data["dimensions"][0]["distribution"]) | set(
        data["dimensions"][0]["items"][0]) | set(data["options"][0]) | set(data["bank"])
    missing = sorted(k for k in keys if f'"{k}"' not in section and f"`{k}`" not in section)
    assert missing == []
    for flag in ("negative", "low", "no_variance", "few_respondents", "too_few_statements"):
        assert f"`{flag}`" in section
