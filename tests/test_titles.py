"""Occupation titles from the public files, made singular for the site (honestly, not cleverly)."""

import pytest

from occupations.titles import first_city, singularize_title, title_case, unique_slug


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("Diagnostic Medical Sonographers", "Diagnostic Medical Sonographer"),
        ("Nurse Practitioners", "Nurse Practitioner"),
        ("Actors", "Actor"),
        ("Actuaries", "Actuary"),
        ("Coaches and Scouts", "Coach and Scout"),
        ("Waiters and Waitresses", "Waiter and Waitress"),
        ("Nurse Midwives", "Nurse Midwife"),
        ("Gambling Change Persons and Booth Cashiers", "Gambling Change Person and Booth Cashier"),
        ("Computer Systems Engineers/Architects", "Computer Systems Engineer/Architect"),
        # "X and Y": both job nouns change.
        ("Heavy and Tractor-Trailer Truck Drivers", "Heavy and Tractor-Trailer Truck Driver"),
        ("Tour and Travel Guides", "Tour and Travel Guide"),
        # Commas: a list of jobs changes, the qualifiers after it do not.
        (
            "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
            "Secretary and Administrative Assistant, Except Legal, Medical, and Executive",
        ),
        ("Plumbers, Pipefitters, and Steamfitters", "Plumber, Pipefitter, and Steamfitter"),
        ("Fraud Examiners, Investigators and Analysts", "Fraud Examiner, Investigator and Analyst"),
        (
            "Art, Drama, and Music Teachers, Postsecondary",
            "Art, Drama, and Music Teacher, Postsecondary",
        ),
        (
            "Buyers and Purchasing Agents, Farm Products",
            "Buyer and Purchasing Agent, Farm Products",
        ),
        ("Managers, All Other", "Manager, All Other"),
        ("Derrick Operators, Oil and Gas", "Derrick Operator, Oil and Gas"),
        (
            "Farmworkers, Farm, Ranch, and Aquacultural Animals",
            "Farmworker, Farm, Ranch, and Aquacultural Animals",
        ),
        (
            "Cutting, Punching, and Press Machine Setters, Operators, and Tenders, "
            "Metal and Plastic",
            "Cutting, Punching, and Press Machine Setter, Operator, and Tender, Metal and Plastic",
        ),
        # "of" and "--": only the words before them name the job.
        (
            "First-Line Supervisors of Retail Sales Workers",
            "First-Line Supervisor of Retail Sales Workers",
        ),
        (
            "Agents and Business Managers of Artists, Performers, and Athletes",
            "Agent and Business Manager of Artists, Performers, and Athletes",
        ),
        ("Helpers--Electricians", "Helper--Electricians"),
        # Words that only look plural stay.
        (
            "Securities, Commodities, and Financial Services Sales Agents",
            "Securities, Commodities, and Financial Services Sales Agent",
        ),
        ("Athletes and Sports Competitors", "Athlete and Sports Competitor"),
        ("Clergy", "Clergy"),
        ("Transit and Railroad Police", "Transit and Railroad Police"),
    ],
)
def test_singularize_title(plural, singular):
    assert singularize_title(plural) == singular


def test_title_case_turns_bls_sentence_case_into_onet_title_case():
    assert title_case("Buyers and purchasing agents") == "Buyers and Purchasing Agents"
    assert title_case(
        "Adult basic education, adult secondary education, and english as a second language "
        "instructors"
    ) == (
        "Adult Basic Education, Adult Secondary Education, and English as a Second Language "
        "Instructors"
    )
    assert title_case("Door-to-door sales workers") == "Door-to-Door Sales Workers"
    assert title_case("First-line supervisors of police") == "First-Line Supervisors of Police"


def test_a_metros_short_name_defaults_to_its_first_city():
    assert first_city("Charlotte-Concord-Gastonia, NC-SC") == "Charlotte"
    assert first_city("Asheville, NC") == "Asheville"
    assert first_city("Nashville-Davidson--Murfreesboro--Franklin, TN") == "Nashville"


def test_unique_slug_never_repeats_a_taken_slug():
    taken = {"actor"}
    assert unique_slug("Actor", taken, suffix="27-2011") == "actor-27-2011"
    assert unique_slug("Actor", taken, suffix="27-2011") == "actor-27-2011-2"
    assert unique_slug("Welder", taken) == "welder"
    assert {"actor", "actor-27-2011", "actor-27-2011-2", "welder"} == taken
