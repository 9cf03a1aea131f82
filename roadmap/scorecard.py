"""The 2026 vision scorecard: the Green Paper's success rule applied to the countries' goal statuses.

Chapter 1.2: "We will consider it a great success to achieve any 4 of these six goals in at least
3 out of 5 Central Asian countries by the end of 2026." The numbers come from data/vision.yml
(`success_rule`); this module only counts. A goal counts as met only where its status is `met`:
a goal that is `not assessed` is never counted as met, and the verdict says "not yet
determinable" whenever the goals not yet assessed could still change it.
"""

from dataclasses import dataclass, field

MET = "met"
NOT_MET = "not met"
NOT_ASSESSED = "not assessed"
GOAL_STATUSES = [NOT_ASSESSED, NOT_MET, MET]

# Verdicts, for one country and for the whole rule.
ACHIEVED = "achieved"
NOT_ACHIEVED = "not achieved"
UNDETERMINED = "not yet determinable"


@dataclass(frozen=True)
class Rule:
    goals: int  # goals a country must meet (4)
    of_goals: int  # goals in the vision (6)
    countries: int  # countries that must meet them (3)
    of_countries: int  # countries in the region (5)


@dataclass
class CountryResult:
    country: str
    met: int
    not_met: int
    not_assessed: int
    verdict: str  # ACHIEVED, NOT_ACHIEVED or UNDETERMINED


@dataclass
class Result:
    rule: Rule
    countries: list[CountryResult] = field(default_factory=list)
    verdict: str = UNDETERMINED

    @property
    def achieved(self) -> list[str]:
        return [c.country for c in self.countries if c.verdict == ACHIEVED]

    @property
    def undetermined(self) -> list[str]:
        return [c.country for c in self.countries if c.verdict == UNDETERMINED]

    @property
    def not_assessed(self) -> int:
        """Goal assessments still missing, over all countries."""
        return sum(c.not_assessed for c in self.countries)

    @property
    def assessments(self) -> int:
        return sum(c.met + c.not_met + c.not_assessed for c in self.countries)


def evaluate(statuses: dict[str, dict[str, str]], rule: Rule, goals: list[str]) -> Result:
    """Apply the rule. `statuses` maps each country to its goals' statuses; a goal missing from a
    country's mapping is `not assessed`. Countries the data does not list at all count as having
    every goal `not assessed` (up to `rule.of_countries`)."""
    result = Result(rule=rule)
    for country, by_goal in statuses.items():
        values = [by_goal.get(goal, NOT_ASSESSED) for goal in goals]
        met, not_met = values.count(MET), values.count(NOT_MET)
        unknown = len(values) - met - not_met
        if met >= rule.goals:
            verdict = ACHIEVED
        elif met + unknown < rule.goals:
            verdict = NOT_ACHIEVED
        else:
            verdict = UNDETERMINED
        result.countries.append(CountryResult(country, met, not_met, unknown, verdict))

    missing_countries = max(0, rule.of_countries - len(statuses))
    could_achieve = len(result.undetermined) + (missing_countries if len(goals) >= rule.goals else 0)
    if len(result.achieved) >= rule.countries:
        result.verdict = ACHIEVED
    elif len(result.achieved) + could_achieve < rule.countries:
        result.verdict = NOT_ACHIEVED
    else:
        result.verdict = UNDETERMINED
    return result
