"""The default bank: balanced keying, distinct profile shapes, scenarios spread evenly, fidelity
to the article, and that every profile can win."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from pm_quiz.bank.loader import load_bank
from pm_quiz.bank.locate import default_bank_path
from pm_quiz.bank.model import Bank
from pm_quiz.quiz.analysis import find_witness
from pm_quiz.quiz.scoring import score
from pm_quiz.quiz.simulate import simulate

ARTICLE_PROFILES = {"bridge_builder", "pragmatist", "tinkerer", "organiser", "career_changer",
                    "headwind_innovator"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(default_bank_path())


def test_loads_cleanly_in_german_and_english(bank: Bank) -> None:
    assert bank.languages == ("de", "en")
    assert not bank.warnings


def test_content_counts(bank: Bank) -> None:
    likert = [q for q in bank.questions if q.type == "likert"]
    choice = [q for q in bank.questions if q.type == "choice"]
    assert len(bank.dimensions) == 9
    assert len(bank.profiles) == 6
    assert len(likert) >= 36 and len(choice) >= 8


@pytest.mark.parametrize("dimension", ["listening", "bridge_building", "persistence", "analysis",
                                       "organisation", "tech_understanding", "curiosity",
                                       "clarity", "pragmatism"])
def test_every_dimension_has_balanced_keying(bank: Bank, dimension: str) -> None:
    keyed = Counter(q.reverse for q in bank.questions
                    if q.type == "likert" and q.dimension == dimension)
    assert keyed[False] >= 2 and keyed[True] == keyed[False], keyed


def test_every_profile_targets_every_dimension_with_one_weight_scheme(bank: Bank) -> None:
    dimensions = {d.id for d in bank.dimensions}
    for profile in bank.profiles:
        assert set(profile.targets) == dimensions, profile.id
        assert {profile.weight(d) for d in dimensions} == {1.0}, profile.id
        values = sorted(profile.targets.values())
        assert values[-1] - values[0] >= 50, f"{profile.id}: too flat a shape to be matched"


def _correlation(x: list[float], y: list[float]) -> float:
    mx, my = sum(x) / len(x), sum(y) / len(y)
    cov = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    vx = sum((a - mx) ** 2 for a in x)
    vy = sum((b - my) ** 2 for b in y)
    return cov / (vx * vy) ** 0.5


def test_profiles_differ_in_shape(bank: Bank) -> None:
    dimensions = [d.id for d in bank.dimensions]
    shapes = {p.id: [p.targets[d] for d in dimensions] for p in bank.profiles}
    for (a, x), (b, y) in combinations(shapes.items(), 2):
        assert _correlation(x, y) < 0.5, (a, b)


def test_scenario_options_show_one_skill_each_spread_over_dimensions_and_positions(
        bank: Bank) -> None:
    per_dimension: Counter[str] = Counter()
    positions: dict[str, set[int]] = {d.id: set() for d in bank.dimensions}
    for question in bank.questions:
        if question.type != "choice":
            continue
        shown = [next(iter(o.scores)) for o in question.options]
        for option in question.options:
            assert list(option.scores.values()) == [2], (question.id, option.id)
        assert len(set(shown)) == len(shown), f"{question.id}: two options show the same skill"
        for position, dimension in enumerate(shown):
            per_dimension[dimension] += 1
            positions[dimension].add(position)
    assert max(per_dimension.values()) - min(per_dimension.values()) <= 1, per_dimension
    assert set(per_dimension) == set(positions)
    for dimension, seen in positions.items():
        assert len(seen) >= 3, f"{dimension}'s option sits in too few positions: {seen}"


def test_profiles_are_the_articles_kinds_of_people(bank: Bank) -> None:
    assert {p.id for p in bank.profiles} >= ARTICLE_PROFILES
    for profile in bank.profiles:
        assert profile.description.get("de") and profile.description.get("en")


def test_every_text_is_in_both_languages(bank: Bank) -> None:
    texts = [bank.title, bank.intro]
    texts += [q.text for q in bank.questions]
    texts += [o.text for q in bank.questions for o in q.options]
    texts += [d.name for d in bank.dimensions] + [p.name for p in bank.profiles]
    for text in texts:
        assert set(text.by_lang) == {"de", "en"}
        assert text.get("de") != "" and text.get("en") != ""


def test_context_names_industries_and_salary_figures(bank: Bank) -> None:
    assert bank.context is not None
    for lang, words in {"de": ["Branchen wie Logistik", "Energie", "3.000", "4.000", "5.500",
                               "Berlin", "München", "Glanzkarrieren",
                               "Pragmatiker und Brückenbauer mit Ambition", "Schlagworte"],
                        "en": ["industries such as logistics", "energy", "3,000", "4,000",
                               "5,500", "Berlin", "Munich", "careers",
                               "pragmatists and bridge builders with ambition", "buzzwords"],
                        }.items():
        text = " ".join(p.get(lang) for p in bank.context.points).lower()
        for word in words:
            assert word.lower() in text, (lang, word)


def test_source_is_described_as_the_article_is(bank: Bank) -> None:
    assert bank.context is not None
    source = bank.context.source
    assert "undatiert" in source.get("de") and "brutto oder netto" in source.get("de")
    assert "Zeitraum" in source.get("de")
    assert "undated opinion piece" in source.get("en") and "period" in source.get("en")
    assert "guarantee" not in source.get("en") and "Gewähr" not in source.get("de")


def test_profiles_claim_no_more_than_the_article_says(bank: Bank) -> None:
    for profile in bank.profiles:  # the article only asks whether the job suits them
        assert "ausdrücklich" not in profile.description.get("de"), profile.id
        assert "explicitly" not in profile.description.get("en"), profile.id
    organiser = bank.profile_by_id["organiser"].description
    assert "Spagat" in organiser.get("de") and "Kern der Arbeit" in organiser.get("de")
    # "eine gewisse Sturheit, ohne verbohrt zu werden" is a virtue in the article
    tips = " ".join(t.get("de") for t in bank.profile_by_id["headwind_innovator"].tips)
    assert "gewisse Sturheit hilft" in tips


def test_industries_are_not_pinned_on_profiles(bank: Bank) -> None:
    # the article names industries for the job, not for kinds of people
    assert all(not p.industries for p in bank.profiles)


def test_middle_of_the_scale_says_the_same_in_both_languages(bank: Bank) -> None:
    assert bank.scale.labels_for("de")[2] == "Teils, teils"
    assert bank.scale.labels_for("en")[2] == "Partly"


@pytest.mark.parametrize("profile_id", sorted(ARTICLE_PROFILES))
def test_every_profile_is_reachable(bank: Bank, profile_id: str) -> None:
    witness = find_witness(bank, profile_id)
    assert witness is not None, f"no answers make {profile_id} rank first"
    result = score(bank, witness.answers)
    assert result.profiles[0].profile.id == profile_id
    assert result.answered == result.total


@pytest.mark.parametrize("seed", [0, 1])
def test_the_simulated_respondents_meet_the_issue_goals(bank: Bank, seed: int) -> None:
    results = simulate(bank, 1000, seed)
    personas = [r for r in results if r.kind == "persona"]
    styles = {r.kind: r for r in results if r.kind != "persona"}
    for persona in personas:
        assert persona.own is not None and persona.own >= 0.95, persona
        assert persona.unclear <= 0.10, persona
    persona_mean = sum(p.mean_best for p in personas) / len(personas)
    random = styles["random"]
    assert random.unclear >= 0.92, random
    assert random.mean_best <= 55 and random.mean_best <= persona_mean - 35, random
    for kind in ("acquiescent", "nay_saying"):
        assert max(styles[kind].firsts.values()) <= 0.23, styles[kind]
    assert styles["straight_lining"].unclear == 1.0
