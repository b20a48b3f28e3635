"""The story clusterer on synthetic inputs: no models, exact expectations."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import numpy as np

from newsprism import cluster as C
from newsprism.cluster import StoryClusterer, StoryDoc


def _events(n_events: int, per_event: int, seed: int = 0) -> tuple[list[StoryDoc], dict[str, int]]:
    """Events with their own vocabulary and lead direction, one day apart, 3 articles each."""
    rng = np.random.default_rng(seed)
    docs, gold = [], {}
    for e in range(n_events):
        vocab = rng.choice(2**C.HASH_BITS, 40, replace=False)
        lead = rng.normal(size=C.LEAD_DIM).astype(np.float32)
        for k in range(per_event):
            terms = np.unique(rng.choice(vocab, 30, replace=False)).astype(np.int64)
            v = lead + 0.3 * rng.normal(size=C.LEAD_DIM).astype(np.float32)
            doc_id = f"e{e}-{k}"
            docs.append(StoryDoc(doc_id, date(2020, 1, 1) + timedelta(days=e // 4), terms, np.ones(len(terms)), v / np.linalg.norm(v)))
            gold[doc_id] = e
    return docs, gold


def _same_partition(groups: list[list[str]], gold: dict[str, int]) -> bool:
    return sorted(sorted(g) for g in groups) == sorted(sorted(k for k in gold if gold[k] == e) for e in set(gold.values()))


def test_events_with_distinct_words_become_distinct_stories():
    docs, gold = _events(10, 3)
    c = StoryClusterer()
    c.add(docs)
    assert _same_partition(c.groups(), gold)


def test_prefiltered_scoring_finds_the_same_stories():
    """More stories in the window than PREFILTER_KEEP: the rough ranking must not lose the home story."""
    docs, gold = _events(3 * C.PREFILTER_KEEP, 3, seed=1)
    c = StoryClusterer()
    c.add(docs)
    assert len(c.stories) == 3 * C.PREFILTER_KEEP
    assert _same_partition(c.groups(), gold)


def test_article_far_outside_the_window_starts_a_new_story():
    docs, _ = _events(1, 2)
    late = StoryDoc("late", docs[0].day + timedelta(days=C.WINDOW_DAYS + 30), docs[0].terms, docs[0].tf, docs[0].lead)
    c = StoryClusterer()
    c.add(docs + [late])
    assert sorted(map(sorted, c.groups())) == [["e0-0", "e0-1"], ["late"]]


def test_layout_1_state_is_converted_on_load():
    """States pickled before the column layout changed ([sketch, lead]) still score the same."""
    docs, gold = _events(4, 3)
    c = StoryClusterer()
    c.add(docs[:-1])
    state = dict(c.__dict__)
    s = state["sums"]
    p = C.PREFILTER_DIMS
    state["sums"] = np.hstack([s[:, :p], s[:, C.ROUGH :], s[:, p : C.ROUGH]])  # back to [sketch, lead]
    del state["layout"]
    old = StoryClusterer.__new__(StoryClusterer)
    old.__dict__.update(state)
    restored = pickle.loads(pickle.dumps(old))
    np.testing.assert_array_equal(restored.sums, c.sums)
    restored.add(docs[-1:])
    assert _same_partition(restored.groups(), gold)


def test_background_frequencies_make_common_words_weigh_little():
    from newsprism.cluster import background_df, hasher

    table = background_df()
    at = {w: float(table[hasher().transform([w]).indices[0]]) for w in ("said", "people", "gunman", "casino")}
    assert at["said"] > 0.3 and at["people"] > 0.3  # in many articles of any kind
    assert at["gunman"] < 0.05 and at["casino"] < 0.05  # rare in general English


def test_a_small_folder_about_one_event_is_one_story():
    """Three differently worded reports of one shooting, alone in a corpus: with only the corpus's
    own counts, the words they share ('gunman', 'casino', 'concert') would be the commonest there
    and weigh least, and the three would stay apart."""
    from newsprism.models import Article

    texts = [
        "A gunman opened fire on a concert crowd from a casino hotel window on Sunday night, police said. Witnesses described people running for cover as shots rang out for several minutes. The city's sheriff urged residents to avoid the area and to donate blood at local hospitals.",
        "Officers stormed the casino hotel room of the gunman who sprayed bullets at the concert, finding him dead beside a dozen rifles. Investigators are still trying to learn why the retired accountant planned the attack, his brother told reporters.",
        "Music fans recalled the moment the concert turned to chaos as the gunman fired from the casino tower. Many hid under the stage while others carried the wounded to waiting cars, according to accounts shared online.",
    ]
    articles = [Article(f"a{i}", f"a{i}.txt", None, None, None, None, None, "2017-10-02", "en", t) for i, t in enumerate(texts)]
    rng = np.random.default_rng(0)
    shared = rng.normal(size=C.LEAD_DIM)
    leads = [(v := shared + 0.8 * rng.normal(size=C.LEAD_DIM)) / np.linalg.norm(v) for _ in texts]  # lead cosines ~0.6
    c = StoryClusterer()
    c.add(C.docs_with_leads(articles, leads))
    assert len(c.groups()) == 1


def _bridge(a: list[StoryDoc], b: list[StoryDoc], doc_id: str = "bridge") -> StoryDoc:
    """An article made of half of one story's words and half of another's (a round-up that
    mentions two events), with a lead between both."""
    terms = np.unique(np.concatenate([a[0].terms[: len(a[0].terms) // 2], b[0].terms[: len(b[0].terms) // 2]]))
    lead = a[0].lead + b[0].lead
    return StoryDoc(doc_id, max(a[-1].day, b[-1].day), terms, np.ones(len(terms)), lead / np.linalg.norm(lead))


def test_an_article_bridging_two_stories_does_not_merge_them():
    """Two events of the same days, then an article close to both: it joins one story, and the
    two stories stay apart because they are not alike as wholes."""
    docs, gold = _events(2, 3)
    first, second = [d for d in docs if gold[d.id] == 0], [d for d in docs if gold[d.id] == 1]
    bridge = _bridge(first, second)
    c = StoryClusterer()
    c.add(docs)
    vec = c.vector(bridge)
    rows = sorted(c.stories)
    assert all(float(c.sums[r] @ vec) / c.counts[r] >= C.JOIN_THRESHOLD for r in rows)  # it passes for both
    c.add([bridge])
    groups = sorted(map(sorted, c.groups()))
    assert len(groups) == 2 and sum("bridge" in g for g in groups) == 1


def test_similarity_fades_with_the_days_between_an_article_and_a_story():
    """The same words a week later still join; the DAY_PENALTY makes a story dated a month away
    need a closer match than one dated the same week."""
    docs, _ = _events(1, 2)
    c = StoryClusterer()
    c.add(docs)
    row = next(iter(c.stories))
    day = docs[0].day.toordinal()
    assert c._days_apart(np.array([row]), day)[0] == 0
    assert c._days_apart(np.array([row]), day + 30)[0] == 30
    week = StoryDoc("week-later", docs[0].day + timedelta(days=7), docs[0].terms, docs[0].tf, docs[0].lead)
    c.add([week])
    assert len(c.stories) == 1


def test_stories_do_not_depend_on_batch_order_when_no_article_bridges():
    docs, gold = _events(8, 3, seed=3)
    one = StoryClusterer()
    one.add(docs)
    shuffled = docs[:]
    np.random.default_rng(0).shuffle(shuffled)
    batched = StoryClusterer()
    for k in range(4):
        batched.add(shuffled[k * 6 : (k + 1) * 6])
    assert sorted(map(sorted, one.groups())) == sorted(map(sorted, batched.groups()))
    assert _same_partition(one.groups(), gold)


def _next_step(shared: int) -> tuple[list[StoryDoc], StoryDoc]:
    """Three copies of one report, and a later article that repeats ``shared`` of its 30 words."""
    rng = np.random.default_rng(1)
    vocab = rng.choice(2**C.HASH_BITS, 80, replace=False).astype(np.int64)
    lead, other = (v / np.linalg.norm(v) for v in rng.normal(size=(2, C.LEAD_DIM)))
    day = date(2020, 1, 1)
    copies = [StoryDoc(f"copy{k}", day, np.sort(vocab[:30]), np.ones(30), lead) for k in range(3)]
    mixed = 0.3 * lead + other
    later = StoryDoc("later", day, np.sort(np.concatenate([vocab[:shared], vocab[40 : 70 - shared]])), np.ones(30), mixed / np.linalg.norm(mixed))
    return copies, later


def test_a_cohesive_story_asks_more_of_a_newcomer_than_one_article_does():
    """An article that passes JOIN_THRESHOLD but not COHESION_SHARE of a story of near-copies
    starts its own story; the same article joins a story of one of those copies."""
    copies, later = _next_step(6)
    alone = StoryClusterer()
    alone.add(copies[:1])
    assert C.JOIN_THRESHOLD <= float(alone.sums[0] @ alone.vector(later)) < C.COHESION_CAP
    alone.add([later])
    assert len(alone.stories) == 1
    cohesive = StoryClusterer()
    cohesive.add(copies)
    assert cohesive._bar(np.array([0]))[0] == C.COHESION_CAP
    cohesive.add([later])
    assert sorted(map(sorted, cohesive.groups())) == [["copy0", "copy1", "copy2"], ["later"]]
    close = StoryClusterer()  # one that repeats most of the words still joins
    close.add(copies + [_next_step(24)[1]])
    assert len(close.stories) == 1


def test_a_late_batch_is_told_and_stories_found_again_keep_their_rows():
    docs, gold = _events(6, 3, seed=5)
    docs = [StoryDoc(d.id, date(2020, 1, 1) + timedelta(days=5 * gold[d.id]), d.terms, d.tf, d.lead) for d in docs]  # an event every 5 days
    by_day = sorted(docs, key=lambda d: (d.day, d.id))
    early, recent = by_day[:9], by_day[9:]
    c = StoryClusterer()
    c.add(recent)
    assert c.is_late(d.day for d in early) and not c.is_late(d.day for d in recent[-3:])
    before = c.stories
    fresh = StoryClusterer()
    fresh.add(early + recent)
    fresh.renumber(C.keep_ids(before, fresh.stories, c.n_rows))
    assert _same_partition(fresh.groups(), gold)
    for row, members in before.items():  # each earlier story is found again under its row
        assert fresh.stories[row] == members
    one = StoryClusterer()
    one.add(docs)
    later = StoryDoc("later", recent[-1].day, recent[-1].terms, recent[-1].tf, recent[-1].lead)
    fresh.add([later])  # the renumbered state goes on like a single run's
    one.add([later])
    assert sorted(map(sorted, fresh.groups())) == sorted(map(sorted, one.groups()))


def test_keep_ids_gives_each_earlier_row_once_and_new_stories_new_rows():
    before = {0: ["a", "b"], 1: ["c"]}
    after = {0: ["a", "b", "c"], 1: ["d"], 2: ["e"]}
    assert C.keep_ids(before, after, next_row=2) == {0: 0, 1: 2, 2: 3}


def test_kept_squares_equal_the_squares_of_the_sums():
    docs, gold = _events(6, 3, seed=2)
    c = StoryClusterer()
    c.add(docs + [_bridge([d for d in docs if gold[d.id] == 0], [d for d in docs if gold[d.id] == 1])])
    rows = np.arange(c.n_rows)
    assert np.array_equal(c.squares[rows][c.counts[rows] > 0], np.einsum("ij,ij->i", c.sums[rows], c.sums[rows])[c.counts[rows] > 0])


def test_a_users_split_and_merge_hold_for_articles_added_later():
    """Rules from decisions: a split keeps its two parts apart (a newcomer joins one of them, and
    no bridging article joins them again); a merge keeps two events in one story; a later
    decision overrides an earlier one for the articles it names."""
    docs, gold = _events(3, 4)
    first = [d for d in docs if d.id.endswith(("-0", "-1", "-2"))]
    later = [d for d in docs if d.id.endswith("-3")]
    rules = C.compile_decisions([
        {"groups": [["e0-0", "e0-1"], ["e0-2"]], "apart": True},  # split e0-2 out of event 0
        {"groups": [["e1-0", "e1-1", "e1-2", "e2-0", "e2-1", "e2-2"]], "apart": False},  # merge events 1 and 2
    ])
    c = StoryClusterer()
    c.follow(rules)
    c.add(first)
    c.add(later)
    groups = sorted(map(sorted, c.groups()))
    assert ["e0-2"] in groups or ["e0-2", "e0-3"] in groups  # the split part stays apart; the newcomer joins one side
    assert ["e1-0", "e1-1", "e1-2", "e1-3", "e2-0", "e2-1", "e2-2", "e2-3"] in groups
    assert len(groups) == 3
    undone = C.compile_decisions([{"groups": [["e0-0", "e0-1"], ["e0-2"]], "apart": True}, {"groups": [["e0-0", "e0-1", "e0-2"]], "apart": False}])
    assert undone.apart == frozenset() and len(set(undone.group_of.values())) == 1
    plain = StoryClusterer()
    plain.add(first + later)
    assert _same_partition(plain.groups(), gold)  # without decisions, the events as they are


def _articles(texts: list[str], day: str, lead: np.ndarray, rng: np.random.Generator, prefix: str) -> list[StoryDoc]:
    from newsprism.models import Article

    articles = [Article(f"{prefix}{i}", f"{prefix}{i}.txt", None, None, None, None, None, day, "en", t) for i, t in enumerate(texts)]
    leads = [(v := lead + 0.8 * rng.normal(size=C.LEAD_DIM)) / np.linalg.norm(v) for _ in texts]
    return C.docs_with_leads(articles, leads)


def test_one_person_or_one_country_in_two_events_weeks_apart_makes_two_stories():
    """Invented reports: a senator's fundraising affair and, eight weeks later, her vote on a
    highway bill; a country's earthquake and, two months later, its election. The name is in every
    article and the leads share a direction (one person, one place), but the events are two."""
    rng = np.random.default_rng(3)
    person, country = rng.normal(size=C.LEAD_DIM), rng.normal(size=C.LEAD_DIM)
    affair = [
        "Senator Jane Roe returned donations from a lobbying firm after reports that the firm paid for her campaign flights, her office said on Monday.",
        "Jane Roe faces questions over campaign flights paid by a lobbying firm; the senator said the donations were returned and an ethics lawyer reviewed them.",
        "An ethics complaint was filed against Senator Jane Roe over lobbying firm donations that covered campaign flights, watchdog groups said.",
    ]
    vote = [
        "Senator Jane Roe voted for the highway bill that funds bridge repairs across the state, passing the Senate by four votes.",
        "The highway bill passed with the vote of Senator Jane Roe, who said the bridge repairs and new lanes would ease commutes.",
        "Bridge repairs and highway lanes win funding as Jane Roe and three other senators back the transport bill in a close vote.",
    ]
    quake = [
        "A magnitude 6.8 earthquake struck northern Freedonia, collapsing houses in mountain villages and killing at least 40 people, rescuers said.",
        "Rescuers in Freedonia dug through rubble after the earthquake flattened mountain villages; the death toll rose as aftershocks shook the north.",
    ]
    election = [
        "Freedonia holds a presidential election on Sunday as the opposition leader campaigns on jobs and the incumbent promises lower fuel prices.",
        "Voters in Freedonia queued at polling stations in the presidential election, with turnout high and results expected within two days.",
    ]
    docs = (
        _articles(affair, "2021-03-01", person + 0.5 * rng.normal(size=C.LEAD_DIM), rng, "affair")
        + _articles(vote, "2021-04-26", person + 0.5 * rng.normal(size=C.LEAD_DIM), rng, "vote")
        + _articles(quake, "2021-05-01", country + 0.5 * rng.normal(size=C.LEAD_DIM), rng, "quake")
        + _articles(election, "2021-07-01", country + 0.5 * rng.normal(size=C.LEAD_DIM), rng, "election")
    )
    c = StoryClusterer()
    c.add(docs)
    groups = sorted(sorted({m.rstrip("0123456789") for m in g}) for g in c.groups())
    assert groups == [["affair"], ["election"], ["quake"], ["vote"]]
