"""The words that give a number its meaning, as one typed and validated object.

``vocab/words.yaml`` is read once (:func:`vocabulary`) into a :class:`Vocabulary`; a file with
a wrong shape, an unknown comparator label or a word given two roles without saying which
wins is refused with :class:`VocabularyError`, naming the file, the key and the word.

Roles between an indicator's name and its number (peeled off right to left by
:mod:`~planwatch.extract.phrases`): ``filler``, ``change``, ``comparator``, ``cumulative``,
``stretch``, ``growth``, ``distributes``, ``approximate``, ``per_year`` (每年: a year's amount,
never the period's sum) and ``stop`` (a word that ends 约 but is no "about": 节约). A word
listed under two of them must be named in ``precedence`` with its roles in the order they
win: 力争 is a stretch marker before it is a filler. A leading
verb (``leading_verbs``, read at the start of a phrase) and a deadline prefix (``力争到2025年``)
are other positions, so a word may also hold one of those.

The vocabulary is passed in, not fetched: the extraction's entry point
(:func:`planwatch.services.extraction.extract_document`) takes one and makes it the current
vocabulary for the call (:func:`using_vocabulary`), as :func:`decimal.localcontext` does for
arithmetic — scoped to the call, its thread and its task, restored on return. The rules read
:func:`current_vocabulary`, and compile their patterns once per vocabulary
(:func:`per_vocabulary`). Outside any call the package's own ``words.yaml`` is current.
A deployment adds its words with a file of the same shape (``Settings.vocabulary_file``,
``PLANWATCH_VOCABULARY_FILE``), merged over the package's by :func:`load_vocabulary`: a list
gains the file's words, a mapping its entries, and the whole is checked again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from planwatch.errors import InvalidInput

COMPARATOR_LABELS = frozenset({">=", ">", "<=", "<", "="})
CHANGE_LABELS = frozenset({"increase", "decrease"})
TAIL_LABELS = COMPARATOR_LABELS | {"ignore"}
RIGHT_ROLES = ("filler", "change", "comparator", "cumulative", "stretch", "growth",
               "distributes", "approximate", "stop", "per_year")  # fmt: skip

# Plain word lists the rules read, by key.
WORD_LISTS = (
    "achieved_verbs", "decrease_names", "growth_rate", "cumulative", "approximate",
    "not_approximate", "stretch", "fillers", "distributes", "deadline_prefixes",
    "leading_verbs", "scope_words", "entity_suffixes", "generic_entities", "back_references",
    "labels", "baseline_headings", "target_headings", "qualitative_verbs", "measure_verbs",
    "generic_names", "table_name_headers", "table_category_headers", "table_unit_headers",
    "table_growth_headers", "table_annual_headers", "growth_names", "per_year", "flow_nouns",
    "people_nouns", "generic_entity_endings", "rate_name_words",
)  # fmt: skip
LEVELS = frozenset({"国家", "省", "市", "县区", "乡镇"})

T = TypeVar("T")


class VocabularyError(InvalidInput):
    """A vocabulary file that cannot be used, with the key and word at fault."""


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: a key of the rules' caches
class Vocabulary:
    """Every word list of ``words.yaml``, checked, plus the role each word has before a number.

    >>> v = vocabulary()
    >>> v.right_roles["力争"], v.right_roles["分别"], v.comparators["控制在"], v.changes["下降"]
    ('stretch', 'distributes', '<=', 'decrease')
    """

    lists: Mapping[str, tuple[str, ...]]
    comparators: Mapping[str, str]  # word → ">=" …
    changes: Mapping[str, str]  # word → increase / decrease
    tails: Mapping[str, str]  # word → comparator or "ignore"
    doublings: Mapping[str, str]  # word → percent ("100")
    scope_aliases: Mapping[str, str]
    default_scope: Mapping[str, str]
    precedence: Mapping[str, tuple[str, ...]]
    right_roles: Mapping[str, str]  # word → the role that wins between a name and its number
    level_suffixes: Mapping[str, str]  # 自治区 → 省: how a region's name tells its level
    raw: Mapping[str, Any]  # the parsed file, for the rules that read it directly

    def words(self, key: str) -> tuple[str, ...]:
        return self.lists[key]


def _fail(source: str, where: str, problem: str) -> VocabularyError:
    return VocabularyError(f"词表 {source} 的 {where}：{problem}")


def _word_list(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    return _checked(data.get(key), key, source)


def _checked(items: Any, key: str, source: str) -> tuple[str, ...]:
    if not isinstance(items, list) or not items:
        raise _fail(source, key, "应为非空的词语列表")
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise _fail(source, key, f"“{item}”不是词语")
    return tuple(items)


def _labelled(
    data: Mapping[str, Any], key: str, labels: frozenset[str] | None, source: str
) -> dict[str, str]:
    """A mapping label → words, inverted to word → label; one label per word."""
    node = data.get(key)
    if not isinstance(node, dict) or not node:
        raise _fail(source, key, "应为“标签: [词语…]”的映射")
    out: dict[str, str] = {}
    for label, items in node.items():
        label = str(label)
        if labels is not None and label not in labels:
            raise _fail(source, key, f"标签“{label}”不是 {'、'.join(sorted(labels))} 之一")
        for word in _checked(items, f"{key}.{label}", source):
            if word in out and out[word] != label:
                raise _fail(source, key, f"“{word}”同时属于“{out[word]}”和“{label}”")
            out[word] = label
    return out


def _mapping(data: Mapping[str, Any], key: str, source: str) -> dict[str, str]:
    node = data.get(key)
    if not isinstance(node, dict) or not all(isinstance(v, str) for v in node.values()):
        raise _fail(source, key, "应为“词语: 词语”的映射")
    return {str(k): v for k, v in node.items()}


def _right_roles(
    lists: Mapping[str, tuple[str, ...]],
    comparators: Mapping[str, str],
    changes: Mapping[str, str],
    precedence: Mapping[str, tuple[str, ...]],
    source: str,
) -> dict[str, str]:
    held: dict[str, list[str]] = {}
    for role, items in (
        ("filler", lists["fillers"]), ("change", tuple(changes)),
        ("comparator", tuple(comparators)), ("cumulative", lists["cumulative"]),
        ("stretch", lists["stretch"]), ("growth", lists["growth_rate"]),
        ("distributes", lists["distributes"]), ("approximate", lists["approximate"]),
        ("stop", lists["not_approximate"]), ("per_year", lists["per_year"]),
    ):  # fmt: skip
        for word in items:
            if role not in held.setdefault(word, []):
                held[word].append(role)
    roles: dict[str, str] = {}
    for word, found in held.items():
        order = precedence.get(word)
        held_roles = "、".join(found)
        if len(found) > 1 and order is None:
            raise _fail(source, "precedence", f"“{word}”有多个角色（{held_roles}），须写明先后")
        if order is not None and set(order) != set(found):
            listed = "、".join(order)
            raise _fail(source, "precedence", f"“{word}”的角色应为 {held_roles}，而非 {listed}")
        roles[word] = order[0] if order else found[0]
    for word in precedence:
        if len(held.get(word, ())) < 2:
            raise _fail(source, "precedence", f"“{word}”只有一个角色，无须写明先后")
    return roles


def parse_vocabulary(data: Any, source: str = "words.yaml") -> Vocabulary:
    """Check a parsed ``words.yaml`` and build the :class:`Vocabulary`.

    >>> try:
    ...     parse_vocabulary({"comparators": {">>": ["达到"]}}, "test.yaml")
    ... except VocabularyError as error:
    ...     print(error)
    词表 test.yaml 的 comparators：标签“>>”不是 <、<=、=、>、>= 之一
    """
    if not isinstance(data, dict):
        raise _fail(source, "（全文）", "应为键值映射")
    comparators = _labelled(data, "comparators", COMPARATOR_LABELS, source)
    changes = _labelled(data, "changes", CHANGE_LABELS, source)
    tails = _labelled(data, "tails", TAIL_LABELS, source)
    doublings = _labelled(data, "doublings", None, source)
    lists = {key: _word_list(data, key, source) for key in WORD_LISTS}
    node = data.get("precedence", {})
    if not isinstance(node, dict):
        raise _fail(source, "precedence", "应为“词语: [角色…]”的映射")
    precedence: dict[str, tuple[str, ...]] = {}
    for word, order in node.items():
        if not isinstance(order, list) or any(r not in RIGHT_ROLES for r in order):
            raise _fail(source, "precedence", f"“{word}”的角色须取自 {'、'.join(RIGHT_ROLES)}")
        precedence[str(word)] = tuple(order)
    return Vocabulary(
        lists=lists,
        comparators=comparators,
        changes=changes,
        tails=tails,
        doublings=doublings,
        scope_aliases=_mapping(data, "scope_aliases", source),
        default_scope=_mapping(data, "default_scope", source),
        precedence=precedence,
        right_roles=_right_roles(lists, comparators, changes, precedence, source),
        level_suffixes=_labelled(data, "level_suffixes", LEVELS, source),
        raw=data,
    )


@cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary, read and checked once, on first use (never at import)."""
    return parse_vocabulary(_package_data(), "vocab/words.yaml")


def _package_data() -> dict[str, Any]:
    text = resources.files("planwatch.extract").joinpath("vocab", "words.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def load_vocabulary(path: Path | None) -> Vocabulary:
    """The package's vocabulary with the words of ``path`` merged in (None: the package's).

    Read once per file and modification time. A file that cannot be read, is not YAML or
    breaks a rule of the vocabulary raises :class:`VocabularyError` naming the file.
    """
    if path is None:
        return vocabulary()
    try:
        modified = path.stat().st_mtime_ns
    except OSError as error:
        raise VocabularyError(f"词表 {path}：无法读取（{error.strerror or error}）") from error
    return _load_file(path, modified)


@lru_cache(maxsize=8)
def _load_file(path: Path, modified: int) -> Vocabulary:
    try:
        extra = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise VocabularyError(f"词表 {path}：无法读取（{error}）") from error
    except yaml.YAMLError as error:
        raise VocabularyError(f"词表 {path}：不是有效的 YAML（{error}）") from error
    return parse_vocabulary(merge_words(_package_data(), extra, str(path)), str(path))


def merge_words(base: Mapping[str, Any], extra: Any, source: str) -> dict[str, Any]:
    """``base`` with the words of ``extra``: lists extended, mappings merged key by key.

    >>> merged = merge_words({"stretch": ["力争"], "tails": {">=": ["以上"]}},
    ...                      {"stretch": ["努力实现"], "tails": {">=": ["及以上"]}}, "x.yaml")
    >>> merged["stretch"], merged["tails"]
    (['力争', '努力实现'], {'>=': ['以上', '及以上']})
    """
    if extra is None:
        return dict(base)
    if not isinstance(extra, dict):
        raise _fail(source, "（全文）", "应为键值映射")
    out = dict(base)
    for key, value in extra.items():
        if key not in base:
            raise _fail(source, str(key), "不是词表的键")
        out[key] = _merged(base[key], value, source, str(key))
    return out


def _merged(base: Any, extra: Any, source: str, where: str) -> Any:
    if isinstance(base, list):
        if not isinstance(extra, list):
            raise _fail(source, where, "应为词语列表")
        return [*base, *(w for w in extra if w not in base)]
    if isinstance(base, dict):
        if not isinstance(extra, dict):
            raise _fail(source, where, "应为映射")
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merged(base[key], value, source, f"{where}.{key}") if key in base else value
        return out
    return extra


_CURRENT: ContextVar[Vocabulary | None] = ContextVar("planwatch_vocabulary", default=None)


def current_vocabulary() -> Vocabulary:
    """The vocabulary of the extraction running in this context (else the package's)."""
    return _CURRENT.get() or vocabulary()


@contextmanager
def using_vocabulary(words: Vocabulary) -> Iterator[Vocabulary]:
    """Make ``words`` the current vocabulary inside the ``with`` block (this context only).

    >>> package = vocabulary()
    >>> extra = {"stretch": ["全力"], "fillers": ["全力"],
    ...          "precedence": {"全力": ["stretch", "filler"]}}
    >>> custom = parse_vocabulary(merge_words(package.raw, extra, "x.yaml"))
    >>> with using_vocabulary(custom):
    ...     current_vocabulary().right_roles["全力"]
    'stretch'
    >>> current_vocabulary() is package
    True
    """
    token = _CURRENT.set(words)
    try:
        yield words
    finally:
        _CURRENT.reset(token)


def per_vocabulary(build: Callable[[Vocabulary], T]) -> Callable[[], T]:
    """``build`` (patterns from a vocabulary) run once per vocabulary, for the current one."""
    built = lru_cache(maxsize=8)(build)
    last: list[tuple[Vocabulary, T]] = []  # the vocabulary of the previous call and its result

    @wraps(build)
    def current() -> T:
        words = _CURRENT.get() or vocabulary()
        if last and last[0][0] is words:  # the usual case, called for every number: no hashing
            return last[0][1]
        result = built(words)
        last[:] = [(words, result)]
        return result

    return current
