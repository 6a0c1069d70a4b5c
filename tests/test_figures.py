"""Which figure a "How much / how many …?" question asks for, and which sentences hold it."""

from __future__ import annotations

import time

import pytest

from bot.analysis import Analyser
from bot.answer_kinds import wanted
from bot.figures import FigureAsked, figure_asked, holds_figure

A = Analyser()


def asked(question: str) -> FigureAsked:
    return figure_asked(question, A)


def holds(question: str, sentence: str) -> bool:
    found = wanted(question, A)
    assert found is not None, question
    return found.held_by(sentence, A)


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many objections were received to the solar farm?", {"object"}),
        ("How many extra beds will the hospitals open?", {"extra", "bed"}),
        ("How many Mill Lane residents objected?", {"resid"}),  # not where they live
        ("How many sailings a day leave Pier 3?", {"sail"}),
        ("How many members of the public attended?", {"member"}),
        ("How many HGVs use Station Road each day?", {"hgvs"}),  # an acronym is what is counted
        ("How many GPs work at the Elm Street surgery?", {"gps"}),
        ("How many people signed the petition?", set()),  # "212 residents" counts them too
        ("How many per cent of households recycle?", set()),
        ("How much does the Code Club cost?", set()),
    ],
)
def test_what_a_question_counts(question: str, counted: set[str]) -> None:
    found = asked(question).counted
    assert counted <= found and bool(found) == bool(counted)  # "HGVs use": "use" may be read too


def test_what_something_cost_is_a_sum_there_is_no_answer_without() -> None:
    question = "what did the new locks for the foxhollow road sheds cost"
    assert asked(question).required and asked(question).money
    assert not holds(question, "There had been seven break-ins at the Foxhollow Road sheds.")
    assert holds(question, "The new locks for the Foxhollow Road sheds cost £640.")
    for fare in ("how much will an adult single tram ticket be", "How much is the levy?",
                 "how much are the subscriptions this year"):  # fmt: skip
        assert asked(fare).money and asked(fare).required, fare
    for other in ("How much are rent arrears?", "How much is admission for children?"):
        assert not asked(other).money, other  # "3.8 per cent", "Admission was free"
    for topic in ("What is the clerk doing about the roof cost?",
                  "What did they decide to do about the rising cost?"):  # fmt: skip
        assert not asked(topic).required, topic


def test_a_count_counts_what_was_asked() -> None:
    objections = "How many objections were received to the solar farm?"
    assert not holds(objections, "It proposed a 38-megawatt solar farm.")
    for count in ("The council received 14 written objections.",
                  "Objections: 14, all from Mill Lane residents.",
                  "No objections were received to the application.",
                  "The application attracted no further objections.",
                  "Objections received: none."):  # fmt: skip
        assert holds(objections, count), count
    for other in ("Objections came from the residents of Mill Lane, the parish council and "
                  "others, 14.",  # the figure is over eight words away
                  "There was no time to discuss the objections.",
                  "No decision was taken on the objections."):  # fmt: skip
        assert not holds(objections, other), other
    assert holds("How many councillors voted for refusal?", "The motion was carried 7 votes to 2.")
    assert not holds("How many residents are eligible to vote?", "The motion was carried.")
    assert holds("How many HGVs use Station Road?", "Around 400 HGVs travel along it daily.")


def test_how_much_it_costs_is_a_sum_of_money() -> None:
    cost = "How much does the library trust's Code Club cost to run each year?"
    assert asked(cost).money
    for not_a_sum in ("The Code Club ran 38 sessions for 17 children.",
                      "E-book loans rose by 23 per cent to 96,400.",
                      "Training starts at 3 p.m. in the hall.", "The club began in 2019.",
                      "Nothing was decided about the Code Club budget."):  # fmt: skip
        assert not holds(cost, not_a_sum), not_a_sum
    for sum_ in ("It costs £4,200 a year.", "It costs EUR 4,200.", "It costs 4.2 million euros.",
                 "Each session costs 50p.", "It costs $4.2m a year.", "It is free of charge.",
                 "It runs at no cost to the trust.", "It costs two million pounds.",
                 "It costs CHF 84,000.", "It costs 12.000 € a year.", "It was estimated at 4.2m.",
                 "It costs GBP4,200.", "It costs £2–3 million."):  # fmt: skip
        assert holds(cost, sum_), sum_
    assert holds("How much is the pay award for highways staff?", "The award is 3 per cent.")
    rent = "What is the rent for the allotments?"  # a share says how much it changes
    assert holds(rent, "The rent is £45 a plot a year.")
    assert not holds(rent, "Allotment rents will rise by 3 per cent.")
    assert not holds("How much is the fee for a permit?", "Fees go up 5 per cent in April.")
    assert not holds("What is the salary for the post?", "Salaries will rise by 3 per cent.")
    named = "What is the annual cost of the Code Club?"  # the same question in other words
    assert asked(named).money and asked(named).required
    assert holds(named, "It costs £4,200 a year.")
    assert not holds(named, "The Code Club ran 38 sessions for 17 children.")
    for question in ("What was the budget for the festival?", "What is the price of a ticket?",
                     "What will be the fee for a permit?", "What's the cost of the new roof?",
                     "What is the price of a ticket to get in?",
                     "What is its cost to the council?"):  # fmt: skip
        assert asked(question).money and asked(question).required, question
    assert holds("How much of the cost will the county pay?", "It will meet the full cost.")
    assert holds("How much of the cost will the council pay?", "It will pay half of it.")


@pytest.mark.parametrize(
    "question",
    [
        "How much of the fishing fund is set aside for small boats?",  # no money word
        "How much water do cities lose to leaking pipes?",
        "How much time do officers spend on enforcement?",  # "time" is what is measured
        "How much was the parks budget cut this year?",  # "by half"
        "How much will the price of a day ticket go up?",  # "by 10 per cent"
        "How much more will the new bridge cost?",  # "20 per cent more"
        "How much did the winning bid win by?",  # "by 12 points"
        "What is the increase in the cost of the roof?",  # "by a fifth"
        "What is the cost of the increase in fares?",
        "What is the cost-benefit ratio of the scheme?",
        "What is the budget item the works are charged to?",
        "What were the costs of the inquiry awarded against?",  # "the appellant"
        "What is the fee for pre-application advice based on?",
        "What is the cost of the roof\nbased on?",
    ],
)
def test_no_sum_is_asked_for(question: str) -> None:
    assert not asked(question).money


def test_only_how_much_how_many_and_how_long_need_a_figure() -> None:
    for question in ("How many objections were received?", "How much does it cost?",
                     "What percentage of residents objected?",
                     "How long will the works take?"):  # fmt: skip  # or "until March"
        assert asked(question).required, question
    for question in ("How often does the board meet?",
                     "How much support was there for the scheme?",
                     "What budget will the pothole works be charged to?"):  # fmt: skip
        assert not asked(question).required, question  # "monthly", "strong support", …


def test_a_number_naming_a_thing_is_no_figure() -> None:
    members = "How many members does the rowing club have?"
    for label in ("He declared an interest in item 5.", "The site lies in Flood Zone 3.",
                  "It conflicts with Policy H4 of the plan."):  # fmt: skip
        assert not holds(members, label), label
    assert holds(members, "She said the club had 326 members.")
    assert not holds_figure("Ferries berth at Pier 3.", A.terms("How many leave Pier 3?"), A)


def test_a_long_unpunctuated_sentence_is_read_in_linear_time() -> None:
    """A transcript with no full stops is one sentence: every figure is read near itself."""
    sentence = " ".join(f"item {n} was noted and 38 sessions ran" for n in range(2000))
    started = time.perf_counter()
    assert not holds("How much does the Code Club cost?", sentence)
    assert not holds("How many objections were received?", sentence)
    assert time.perf_counter() - started < 2.0  # quadratic reading took minutes


def test_a_sum_is_told_from_other_figures() -> None:
    cost = "How much will the youth hub cost?"
    for not_a_sum in ("The hub will link 3 centres.", "It will serve 12 European towns.",
                      "It had 14 audits and 30 cadets.", "It is 2 centuries old.",
                      "The pool will be 25m long.", "It will serve 2 million passengers.",
                      "It will add 40 extra spaces.", "The site is free from contamination.",
                      "No cost estimate has been prepared yet.",
                      "Members are free to ask questions."):  # fmt: skip
        assert not holds(cost, not_a_sum), not_a_sum
    for sum_ in ("It will cost 2000 pounds.", "It will cost 1950 euros.",
                 "It was estimated at 4.2m.", "It will cost Rs. 40 lakh.", "It costs £  40.",
                 "It costs 40,000 kr.", "Membership is free for all residents.",
                 "It comes at nil cost.", "There is no cost to the council.",
                 "The Environment Agency will pay for the flood defences in full.",
                 "It will cost 2.5 million overall.", "It is worth 2m plus VAT.",
                 "It costs 250k per year.", "It will cost 4.2m this year.",
                 "It will cost 2m towards the wall."):  # fmt: skip
        assert holds(cost, sum_), sum_
    assert asked("How much will the extra spaces cost?").money
    assert asked("How much money was raised?").money
    share = "How much of the cost will the county pay?"
    for part in ("It will pay two thirds of the cost.", "It will pay three quarters.",
                 "It will pay 2/3 of it.", "It will pay 60pc of it."):  # fmt: skip
        assert holds(share, part), part
    assert not asked("How much is the cost of school meals increasing?").money  # "by 5%"
    assert not asked("How much is the cost of school meals going up?").money
    assert asked("How much does the falling-rocks fence cost?").money  # no change asked
    pay = "How much is the pay award for 2026?"
    assert not holds(pay, "The pay award for 2026 was agreed on 12/03.")  # a date, no share


def test_counts_in_other_words() -> None:
    assert holds("How many HGVs use Station Road?", "It saw 400 HGV movements a day.")
    assert asked("How many NHS dentists are there in the town?").counted == {"dentist"}
    assert not holds("How many objections were there?", "Objection No. 3 was withdrawn.")
    times = "How many times did the committee meet?"
    assert holds(times, "The committee met twice.")
    assert holds(times, "It met on four occasions.")
    assert holds("How many times has the bridge closed?", "It has closed multiple times.")
    assert holds("How often does the board meet?", "The board meets every two months.")
    assert not holds(times, "The committee met on 4 March.")
    for not_a_count in ("The bridge closed at peak times.", "It will reopen once repairs finish.",
                        "Closure times were published."):  # fmt: skip
        assert not holds("How many times has the bridge closed?", not_a_count), not_a_count
    assert not holds(times, "The committee met monthly.")  # only "How often" takes that
    assert not holds("How many people objected?", "Residents of Mill Lane objected twice.")


def test_a_reference_a_sum_and_a_count_in_words() -> None:
    """A paper's reference is no figure; a sum counts no people; "Fourteen" is a number."""
    claim = "How much is the clinical negligence claim for?"
    assert not holds(claim, "Clinical negligence claim. Paper BD/26/P22.")
    assert not holds("How many panels are there?", "See papers KV/27/31 and PCP/27/17.")
    assert holds(claim, "The claim is for £2.1 million.")
    volunteers = "How many volunteers will the radio station train?"
    assert not holds(volunteers, "The station gets £28,000 to train volunteers.")
    assert not holds(volunteers, "It gets 28,000 euros to train volunteers.")
    assert holds(volunteers, "It will train 40 volunteers.")
    officers = "How many rural officers are in post?"
    for count in ("Fourteen rural officers are in post.", "Seventy rural officers serve."):
        assert holds(officers, count), count


def test_grants_and_funding_are_sums() -> None:
    for question in ("How much was the grant the council gave the bowls club?",
                     "How much funding did the club get?",
                     "How much will the county contribute to the fund?",
                     "What is the school's total budget for 2027/28?",
                     "What is Brindlecombe High School's budget for 2027/28?",
                     "What rent did the parish council agree for the allotments lease?",
                     "What fee will members pay?", "What will the roof cost?",
                     "What does a season ticket cost?"):  # fmt: skip
        assert asked(question).money and asked(question).required, question
    question = "What will the new Chief Constable be paid?"
    assert asked(question).money and not asked(question).required, question  # a scale
    for question in ("What budget will the works be charged to?",
                     "What grant did the school receive?",
                     "What was the committee's view on the cost of the trip?",
                     "What will the new Chief Constable be paid for?",
                     "What did the council charge at the hearing?"):  # fmt: skip
        assert not asked(question).money, question
    assert not holds("How much funding did the club get?", "Club membership rose to 64.")
    assert holds("How much funding did the club get?", "The club got £1,500.")


def test_a_date_or_a_measure_counts_nothing_else() -> None:
    clubs = "How many clubs were represented at the AGM?"
    for other in ("The minutes will be circulated to clubs by 30 September.",
                  "Minutes go to clubs by September 30.", "Clubs met in 2027.",
                  "Clubs sent 14,600 tonnes of kit to the regatta."):  # fmt: skip
        assert not holds(clubs, other), other
    assert holds(clubs, "Delegates came from 38 of our 52 member clubs.")
    assert holds("How many tonnes of cargo were flown?", "Cargo was 14,600 tonnes last year.")
    assert holds("How many years will the lease run?", "The lease runs for 15 years.")
    assert holds("How many homes will be built?", "The plan is for 2000 homes.")


def test_how_long_wants_a_duration_and_how_old_a_figure() -> None:
    contract = "How long is the new Chief Constable's contract?"
    assert asked(contract).required
    for not_long in ("The proposed salary is £186,500 a year.",
                     "She retires on 30 September 2027.", "Flights rise to 3,400 a year.",
                     "The board meets twice a year."):  # fmt: skip
        assert not holds(contract, not_long), not_long
    for long in ("The contract runs for five years.", "It is a fixed term of 36 months.",
                 "The post is held for a year at first.", "He serves until March 2031.",
                 "The route is 12 miles.", "The pool is 25m from end to end."):  # fmt: skip
        assert holds(contract, long), long
    age = "How old is Margaret Oyelaran?"
    assert not holds(age, "Present: Margaret Oyelaran (Chair), Declan Furrow (Vice-Chair).")
    assert holds(age, "Margaret Oyelaran, 64, chairs the board.")
    assert not asked("How long ago did the board meet?").lasting


def test_a_count_beside_a_month_or_a_year_still_counts() -> None:
    complaints = "How many complaints about damp were received in January?"
    assert holds(complaints, "In January 45 complaints about damp were received.")
    homes = "How many homes will the Riverside estate have?"
    assert holds(homes, "The board raised the target for the Riverside estate to 2000 homes.")
    assert holds("How many people marched?", "Around 300 march through the town each year.")
    assert holds("How many people may vote?", "Only 12 may vote on the motion.")
    assert not holds("How many clubs were there?", "Clubs report by September 30, as agreed.")
