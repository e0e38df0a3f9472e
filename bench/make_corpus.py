#!/usr/bin/env python3
"""Deterministic corpus of Danish press releases for Omtale's benchmarks.

    python3 bench/make_corpus.py --count 1000 --out bench/corpus/1000 [--docx]

Each release is 2–8 KB: headline, lead, body paragraphs with quotes (»…«, ”…”, dialogue dash),
party lists (some parties left out, some named collectively or in the genitive), and a closing
"Om Klimaalliancen" box. People are fictional. The same seed always gives the same files.
With --docx each release is also written as .docx by python-docx, the route the fixtures use.
"""
import argparse
import datetime
import pathlib
import random

PARTIES = ["KL", "Region Nordjylland", "Region Midtjylland", "Region Syddanmark", "Region Sjælland",
           "Region Hovedstaden", "Realdania"]
GENITIVE = {"KL": "KL's"}
TOWNS = ["Fjordby", "Bugtstrand", "Sønderå", "Vesterlund", "Højmark", "Nørreskov", "Østervig", "Lyngå"]
FIRST = ["Birthe", "Jens", "Karen", "Mads", "Sofie", "Henrik", "Lone", "Anders", "Mette", "Rasmus"]
LAST = ["Fiktivsen", "Opdigtet", "Eksempelsen", "Prøvesen", "Digtegaard", "Skrivholm", "Testrup"]
TITLES = ["borgmester i {town} Kommune", "regionsrådsformand i {region}", "adm. direktør i Realdania",
          "formand for KL's Klima- og Miljøudvalg", "klimachef i {town} Kommune"]
TOPICS = ["grøn mobilitet", "klimatilpasning langs kysten", "fjernvarme i landdistrikterne", "cirkulært byggeri",
          "biogas og landbrug", "energirenovering af skoler", "skybrudssikring", "data om CO2-udledning"]
VERBS = ["siger", "udtaler", "fortæller", "forklarer", "understreger", "tilføjer"]

SENTENCES = [
    "Arbejdet bygger videre på de klimahandlingsplaner, som kommunerne vedtog under DK2020.",
    "I alt deltager {n} kommuner i det nye klimaudviklingsspor, der løber frem til udgangen af 2027.",
    "Sekretariatet har samlet erfaringer fra de fem geografiske organiseringer, og de bliver nu delt på tværs af landet.",
    "Budgettet for indsatsen er {m},{d} mio. kr., og pengene går bl.a. til analyser, workshops og lokal sparring.",
    "Målet er, at borgerne kan mærke forskel allerede i løbet af de kommende år, f.eks. i form af færre oversvømmelser.",
    "Kommunerne får hjælp til at opgøre udledningen, så fremdriften kan følges år for år i den årlige statusrapport.",
    "CONCITO og C40 bidrager som uafhængige videnspartnere med faglig sparring og et fælles monitoreringssystem.",
    "Der afholdes et fælles arrangement kl. 10.00 den {day}. maj, hvor de første resultater bliver præsenteret.",
    "Spørgsmål kan rettes til pressetjenesten på presse@{town_l}.dk eller via www.{town_l}.dk/klima.",
    "Projektet er et eksempel på, hvordan kommuner og regioner i fællesskab kan løfte opgaver, som ingen kan løse alene.",
]


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def party_list(rng):
    """A list of the parties as a release might write it: some left out, some collective."""
    named = [p for p in PARTIES if rng.random() > 0.08]
    if rng.random() < 0.25:
        named = [p for p in named if not p.startswith("Region")]
        named.insert(1, "de fem regioner")
    named = [GENITIVE.get(p, p) if rng.random() < 0.1 else p for p in named]
    if len(named) == 1:
        return named[0]
    return ", ".join(named[:-1]) + " og " + named[-1]


def release(rng, index):
    town = rng.choice(TOWNS)
    topic = rng.choice(TOPICS)
    region = rng.choice(PARTIES[1:6])
    fill = dict(town=town, town_l=town.lower().replace("ø", "oe").replace("å", "aa"), region=region,
                n=rng.randint(4, 60), m=rng.randint(1, 40), d=rng.randint(0, 9), day=rng.randint(1, 28))
    paragraphs = [f"Nyt klimaudviklingsspor om {topic} i {town}", ""]
    paragraphs.append(f"Klimaalliancen sætter gang i et nyt samarbejde om {topic}. Bag står {party_list(rng)}.")
    paragraphs.append("")
    target = rng.randint(2000, 8000)
    body = []
    while sum(len(p) for p in body) < target:
        kind = rng.random()
        speaker = person(rng)
        title = rng.choice(TITLES).format(**fill)
        if kind < 0.2:
            body.append(f"»Vi står stærkere, når vi arbejder sammen om {topic}. Det er præcis det, Klimaalliancen kan,« "
                        f"{rng.choice(VERBS)} {speaker}, {title}.")
        elif kind < 0.3:
            body.append(f"- Det her er en stor dag for {town}, {rng.choice(VERBS)} {speaker}, {title}.")
        elif kind < 0.38:
            body.append(f"Ifølge {speaker}, {title}, er det afgørende, at indsatsen forankres lokalt.")
        else:
            body.append(" ".join(rng.choice(SENTENCES).format(**fill) for _ in range(rng.randint(2, 4))))
    paragraphs += [p for b in body for p in (b, "")]
    paragraphs.append(f"Om Klimaalliancen: Klimaalliancen er et partnerskab mellem {party_list(rng)}.")
    return f"klimaalliancen-{index:05d}", paragraphs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--docx", action="store_true")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    (out / "txt").mkdir(parents=True, exist_ok=True)
    if args.docx:
        import docx  # python-docx
        (out / "docx").mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for index in range(args.count):
        name, paragraphs = release(rng, index)
        (out / "txt" / f"{name}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        if args.docx:
            document = docx.Document()
            document.add_heading(paragraphs[0], level=1)
            for paragraph in paragraphs[1:]:
                if paragraph:
                    document.add_paragraph(paragraph)
            document.core_properties.created = datetime.datetime(2024, 1, 1)
            document.save(out / "docx" / f"{name}.docx")
    print(f"wrote {args.count} releases to {out}")


if __name__ == "__main__":
    main()
