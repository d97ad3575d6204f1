"""Derived facts: a formula over other facts, evaluated when content is loaded.

A formula names facts the way prose does, `[[fact:ID]]`, and may use numbers,
`+ - * /`, parentheses, `max(...)` and `min(...)` (and `x` in a line chart's
formula, `charts.py`):

    [[fact:fines.cap-fixed]] / [[fact:fines.cap-share]]

It is parsed with Python's `ast` and walked over an allow-list of node
types; nothing is ever passed to `eval`. Arithmetic is in `Decimal`, so
`20 million / 4%` is exactly 500 million, and units are carried along: money
in its currency, a count or number in its unit, a percent as a pure number
(4% is 0.04). Adding euros to servers, or a result whose unit is not the
fact's own, is an error; so is a division by zero and a formula that names a
date or text fact. Every error carries its offset in the formula text, which
the loader turns into a `path:line:col`.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from explainer import kinds
from explainer.diagnostics import did_you_mean
from explainer.model import Fact
from explainer.text.references import REFERENCE

FUNCTIONS = ("max", "min")
"""The functions a formula may call."""

_OPERATORS: Mapping[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_ALLOWED = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Name,
    ast.Call,
    ast.Load,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
    ast.UAdd,
)
_NAMES: Mapping[type[ast.AST], str] = {
    ast.Pow: "'**'",
    ast.Mod: "'%'",
    ast.FloorDiv: "'//'",
    ast.Compare: "a comparison",
    ast.BoolOp: "'and'/'or'",
    ast.Attribute: "an attribute",
    ast.Subscript: "an index",
    ast.Lambda: "a lambda",
    ast.IfExp: "'if'",
    ast.List: "a list",
    ast.Tuple: "a tuple",
    ast.Dict: "a mapping",
}


class FormulaError(Exception):
    """A mistake in a formula, at a character offset of the formula as written."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


Unit = tuple[tuple[str, int], ...]
"""A unit as sorted (name, power) pairs: `(("EUR", 1),)`; `()` is a pure number."""


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: Unit = ()


def describe_unit(unit: Unit) -> str:
    if not unit:
        return "a pure number"
    top = [n if p == 1 else f"{n}^{p}" for n, p in unit if p > 0]
    bottom = [n if p == -1 else f"{n}^{-p}" for n, p in unit if p < 0]
    return ("*".join(top) or "1") + ("/" + "/".join(bottom) if bottom else "")


def _combine(a: Unit, b: Unit, sign: int) -> Unit:
    powers = dict(a)
    for name, p in b:
        powers[name] = powers.get(name, 0) + sign * p
    return tuple(sorted((n, p) for n, p in powers.items() if p))


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its tree, the facts it names (in order of first use), and offsets back to the text."""

    text: str
    tree: ast.Expression
    facts: tuple[str, ...]
    fact_offsets: Mapping[str, int]
    """Where each fact is first named in `text`."""
    _names: Mapping[str, str] = field(repr=False)
    """Placeholder name in the parsed text -> fact id."""
    _shifts: tuple[tuple[int, int], ...] = field(repr=False)
    """(offset in the parsed text, offset in `text`) at each substitution, for error positions."""
    _parsed: str = field(repr=False)

    def offset(self, node: ast.AST) -> int:
        """The offset in `text` where a node of the tree starts."""
        col = getattr(node, "col_offset", 0)
        return self._original(len(self._parsed.encode("utf-8")[:col].decode("utf-8", "ignore")))

    def _original(self, pos: int) -> int:
        shifted = 0
        for parsed_at, text_at in self._shifts:
            if parsed_at > pos:
                break
            shifted = text_at - parsed_at
        return pos + shifted


def parse(text: str, variables: Sequence[str] = ()) -> Formula:
    """Parse a formula (raises FormulaError). `variables` are bare names it may use (`x`)."""
    names: dict[str, str] = {}
    by_fact: dict[str, str] = {}
    offsets: dict[str, int] = {}
    shifts: list[tuple[int, int]] = []
    parsed: list[str] = []
    pos = 0
    out_len = 0
    for m in REFERENCE.finditer(text):
        escaped, prefix, target = m.group(1), m.group(2), m.group(3)
        if escaped or prefix != "fact":
            hint = did_you_mean(prefix, ["fact"])
            raise FormulaError(m.start(), f"a formula names facts as [[fact:ID]], not '[[{prefix}:'{hint}")
        if not target:
            raise FormulaError(m.start(), "empty fact reference: write [[fact:ID]]")
        name = by_fact.setdefault(target, f"_fact{len(by_fact)}")
        names[name] = target
        offsets.setdefault(target, m.start())
        chunk = text[pos : m.start()]
        parsed.append(chunk)
        out_len += len(chunk)
        parsed.append(name)
        shifts.append((out_len, m.start()))
        out_len += len(name)
        shifts.append((out_len, m.end()))
        pos = m.end()
    parsed.append(text[pos:])
    source = "".join(parsed)
    shift_table = tuple(shifts)
    probe = Formula(text, ast.Expression(ast.Constant(0)), (), {}, names, shift_table, source)
    for bracket in ("[[", "]]"):
        if bracket in source:
            raise FormulaError(probe._original(source.index(bracket)), "malformed fact reference: write [[fact:ID]]")
    try:
        tree = ast.parse(source.strip() and source, mode="eval")
    except SyntaxError as exc:
        col = max((exc.offset or 1) - 1, 0) if exc.lineno in (None, 1) else len(source)
        reason = (exc.msg or "invalid syntax").split(" (")[0]
        raise FormulaError(probe._original(min(col, len(source))), f"formula does not parse: {reason}") from None
    formula = Formula(text, tree, tuple(by_fact), offsets, names, shift_table, source)
    _check_nodes(formula, set(variables))
    return formula


def _check_nodes(formula: Formula, variables: set[str]) -> None:
    for node in ast.walk(formula.tree):
        if not isinstance(node, _ALLOWED):
            what = _NAMES.get(type(node), f"'{type(node).__name__}'")
            raise FormulaError(
                formula.offset(node), f"a formula may not use {what}; allowed: numbers, facts, + - * /, max(), min()"
            )
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, (int, float))
        ):
            raise FormulaError(formula.offset(node), f"a formula takes numbers, not {node.value!r}")
        if isinstance(node, ast.Call):
            func = node.func
            if not isinstance(func, ast.Name) or func.id not in FUNCTIONS:
                name = func.id if isinstance(func, ast.Name) else "?"
                hint = did_you_mean(name, FUNCTIONS)
                raise FormulaError(formula.offset(node), f"unknown function '{name}'{hint}; allowed: max(), min()")
            if node.keywords or len(node.args) < 2:
                raise FormulaError(formula.offset(node), f"{func.id}() takes two or more values")
        if (
            isinstance(node, ast.Name)
            and not _is_function_name(formula.tree, node)
            and node.id not in formula._names
            and node.id not in variables
        ):
            allowed = " or ".join(f"'{v}'" for v in sorted(variables))
            extra = f" (a formula may use {allowed} here)" if variables else ""
            raise FormulaError(formula.offset(node), f"unknown name '{node.id}': write a fact as [[fact:ID]]{extra}")


def _is_function_name(tree: ast.AST, name: ast.Name) -> bool:
    return any(isinstance(n, ast.Call) and n.func is name for n in ast.walk(tree))


def fact_quantity(fact: Fact) -> Quantity:
    """A fact as a formula sees it (its kind's `per` and `formula_unit`); raises ValueError for a
    fact that is not a number (a date, a text)."""
    kind = kinds.of(fact.kind)
    if not kind.numeric:
        raise ValueError(f"fact '{fact.id}' is a {fact.kind}; a formula takes money, counts, numbers and percents")
    assert isinstance(fact.value, (int, float))
    value = Decimal(str(fact.value))
    return Quantity(value / kind.per if kind.per != 1 else value, kind_unit(fact.kind, fact.unit))


def kind_unit(kind: str, unit: str | None) -> Unit:
    """The unit a result must have to be a fact of this kind."""
    carried = kinds.of(kind).formula_unit(unit)
    return ((carried, 1),) if carried else ()


def evaluate(formula: Formula, values: Mapping[str, Quantity], variables: Mapping[str, Quantity] = {}) -> Quantity:
    """The formula's value; `values` maps fact ids to quantities (raises FormulaError)."""

    def ev(node: ast.AST) -> Quantity:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return Quantity(Decimal(str(node.value)))
        if isinstance(node, ast.Name):
            if node.id in variables:
                return variables[node.id]
            return values[formula._names[node.id]]
        if isinstance(node, ast.UnaryOp):
            q = ev(node.operand)
            return Quantity(-q.value, q.unit) if isinstance(node.op, ast.USub) else q
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            args = [ev(a) for a in node.args]
            for a, q in zip(node.args[1:], args[1:], strict=True):
                if q.unit != args[0].unit:
                    raise FormulaError(
                        formula.offset(a),
                        f"unit mismatch: {node.func.id}() compares {describe_unit(args[0].unit)} "
                        f"with {describe_unit(q.unit)}",
                    )
            pick = max if node.func.id == "max" else min
            return pick(args, key=lambda q: q.value)
        assert isinstance(node, ast.BinOp)
        left, right = ev(node.left), ev(node.right)
        op = type(node.op)
        if op in (ast.Add, ast.Sub):
            if left.unit != right.unit:
                verb = "add" if op is ast.Add else "subtract"
                raise FormulaError(
                    formula.offset(node.right),
                    f"unit mismatch: cannot {verb} {describe_unit(left.unit)} and {describe_unit(right.unit)}",
                )
            return Quantity(left.value + right.value if op is ast.Add else left.value - right.value, left.unit)
        if op is ast.Mult:
            return Quantity(left.value * right.value, _combine(left.unit, right.unit, 1))
        if right.value == 0:
            raise FormulaError(formula.offset(node.right), "division by zero: the divisor is 0")
        return Quantity(left.value / right.value, _combine(left.unit, right.unit, -1))

    with localcontext() as ctx:
        ctx.prec = 28
        ctx.traps[DivisionByZero] = True
        ctx.traps[InvalidOperation] = True
        return ev(formula.tree)


def as_value(q: Quantity, kind: str) -> int | float:
    """A result as a fact's value: back to the kind's scale (a percent 0-100), whole numbers as int."""
    per = kinds.of(kind).per
    value = q.value * per if per != 1 else q.value
    value = value.quantize(Decimal("1e-9")).normalize() if value != value.to_integral_value() else value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def dependency_order(formulas: Mapping[str, Formula], on_cycle: Callable[[str, tuple[str, ...]], None]) -> list[str]:
    """Derived fact ids, each after the derived facts it uses; `on_cycle(id, path)` for each fact in a cycle."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: visiting, 2: done
    in_cycle: set[str] = set()

    def visit(fid: str, path: tuple[str, ...]) -> None:
        if state.get(fid) == 2:
            return
        if state.get(fid) == 1:
            cycle = (*path[path.index(fid) :], fid)
            for member in cycle[:-1]:
                if member not in in_cycle:
                    in_cycle.add(member)
                    on_cycle(member, cycle[cycle.index(member) : -1] + cycle[: cycle.index(member) + 1])
            return
        state[fid] = 1
        for dep in formulas[fid].facts:
            if dep in formulas:
                visit(dep, (*path, fid))
        state[fid] = 2
        if fid not in in_cycle:
            order.append(fid)

    for fid in formulas:
        visit(fid, ())
    return [f for f in order if f not in in_cycle]
