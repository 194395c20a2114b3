"""Made-up people for demo events: names as Europe's life-science job market writes them.

The pools are chosen for what breaks software, not only for flavour: letters that Unicode
cannot decompose (ø, ł, ß, đ, ı), particles that belong to the family name and sort with it
("van der Berg" in the Netherlands, capitalised "Van de Velde" in Flanders, "von Bülow",
"de la Cruz"), family names that change with gender (Kowalski/Kowalska, Papadopoulos/
Papadopoulou), double-barrelled and Iberian two-part family names, Vietnamese names that
need stacked diacritics, and a few names in Greek and Cyrillic script. Every name carries a
Latin spelling too, which is what e-mail addresses are made from.

Regions are where people live: they set phone numbers, universities and local mail
providers. A name culture says how a name is built and where such people usually live.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

from eventdesk.domain.text import fold

T = TypeVar("T")


class Weighted(Generic[T]):
    """A weighted choice whose cumulative weights are summed once.

    `random.Random.choices` sums them on every call, which is most of the cost of making up
    50,000 people; this draws the same way (one `random()` and a bisection) without that.
    """

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items: tuple[T, ...] = tuple(item for item, _ in pairs)
        self._cumulative = list(accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]
        self._last = len(self.items) - 1

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self._cumulative, rng.random() * self._total, 0, self._last)]


Spelling = tuple[str, str]
"""A name as written, and in Latin letters (the same for names already in Latin script)."""

FamilyName = tuple[Spelling, Spelling]
"""The masculine and the feminine form of a family name (usually the same)."""


def words(text: str) -> tuple[str, ...]:
    """A pool written as one comma-separated string: names hold spaces, never commas."""
    return tuple(w.strip() for w in text.split(",") if w.strip())


def _plain(names: str) -> tuple[Spelling, ...]:
    return tuple((n, n) for n in words(names))


def _families(names: str) -> tuple[FamilyName, ...]:
    return tuple(((n, n), (n, n)) for n in words(names))


def _polish(names: str) -> tuple[FamilyName, ...]:
    """Polish -ski/-cki/-dzki names take -ska/-cka/-dzka for women; Nowak stays Nowak."""

    def feminine(name: str) -> str:
        return name[:-1] + "a" if name.endswith(("ski", "cki", "dzki")) else name

    return tuple(((n, n), (feminine(n), feminine(n))) for n in words(names))


def _greek_latin(names: str) -> tuple[FamilyName, ...]:
    """Romanised Greek family names in their feminine (genitive) form for women."""

    def feminine(name: str) -> str:
        for masculine, female in (("idis", "idou"), ("poulos", "poulou"), ("akis", "aki")):
            if name.endswith(masculine):
                return name[: -len(masculine)] + female
        if name.endswith("os"):
            return name[:-2] + "ou"
        if name.endswith(("is", "as")):
            return name[:-1]
        return name

    return tuple(((n, n), (feminine(n), feminine(n))) for n in words(names))


# -- where people live ---------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """A place people live in: it decides phone numbers, universities and local mail providers.

    `mobile` lists national mobile prefixes with the number of digits that follow them, so
    that every number is valid E.164 for its country (checked in the tests with phonenumbers).
    """

    key: str
    country: str
    calling_code: str
    mobile: tuple[tuple[str, int], ...]
    universities: tuple[tuple[str, str], ...]
    cities: tuple[str, ...]
    webmail: tuple[str, ...]


REGIONS: dict[str, Region] = {
    r.key: r
    for r in (
        Region(
            "NL",
            "NL",
            "31",
            tuple((f"6{d}", 7) for d in "123458"),
            (
                ("Leiden University", "universiteitleiden.nl"),
                ("University of Amsterdam", "uva.nl"),
                ("Vrije Universiteit Amsterdam", "vu.nl"),
                ("Utrecht University", "uu.nl"),
                ("Erasmus University Rotterdam", "eur.nl"),
                ("Radboud University", "ru.nl"),
                ("University of Groningen", "rug.nl"),
                ("Wageningen University & Research", "wur.nl"),
                ("Maastricht University", "maastrichtuniversity.nl"),
                ("Delft University of Technology", "tudelft.nl"),
                ("Eindhoven University of Technology", "tue.nl"),
                ("HAN University of Applied Sciences", "han.nl"),
            ),
            ("Leiden", "Amsterdam", "Utrecht", "Rotterdam", "Groningen", "Nijmegen", "Maastricht", "Oss"),
            ("ziggo.nl", "kpnmail.nl", "hotmail.nl", "xs4all.nl"),
        ),
        Region(
            "BE-nl",
            "BE",
            "32",
            (("47", 7), ("48", 7), ("49", 7)),
            (
                ("KU Leuven", "kuleuven.be"),
                ("Ghent University", "ugent.be"),
                ("University of Antwerp", "uantwerpen.be"),
                ("Vrije Universiteit Brussel", "vub.be"),
                ("Hasselt University", "uhasselt.be"),
                ("Thomas More University of Applied Sciences", "thomasmore.be"),
            ),
            ("Leuven", "Ghent", "Antwerp", "Hasselt", "Mechelen", "Geel"),
            ("telenet.be", "skynet.be", "hotmail.be"),
        ),
        Region(
            "BE-fr",
            "BE",
            "32",
            (("47", 7), ("48", 7), ("49", 7)),
            (
                ("UCLouvain", "uclouvain.be"),
                ("Université libre de Bruxelles", "ulb.be"),
                ("Université de Liège", "uliege.be"),
                ("Université de Namur", "unamur.be"),
                ("Université de Mons", "umons.ac.be"),
            ),
            ("Liège", "Louvain-la-Neuve", "Namur", "Charleroi", "Gosselies", "Brussels"),
            ("skynet.be", "voo.be", "hotmail.be"),
        ),
        Region(
            "LU",
            "LU",
            "352",
            (("621", 6), ("661", 6), ("691", 6)),
            (("University of Luxembourg", "uni.lu"), ("Luxembourg Institute of Health", "lih.lu")),
            ("Luxembourg", "Esch-sur-Alzette", "Differdange"),
            ("pt.lu", "internet.lu"),
        ),
        Region(
            "DK",
            "DK",
            "45",
            tuple((f"2{d}", 6) for d in "0123456789")
            + tuple((p, 6) for p in ("30", "31", "40", "42", "50", "51", "60", "61")),
            (
                ("University of Copenhagen", "ku.dk"),
                ("Technical University of Denmark", "dtu.dk"),
                ("Aarhus University", "au.dk"),
                ("University of Southern Denmark", "sdu.dk"),
                ("Aalborg University", "aau.dk"),
            ),
            ("Copenhagen", "Lyngby", "Hørsholm", "Bagsværd", "Aarhus", "Odense", "Kalundborg"),
            ("jubii.dk", "mail.dk", "hotmail.dk"),
        ),
        Region(
            "SE",
            "SE",
            "46",
            (("70", 7), ("72", 7), ("73", 7), ("76", 7), ("79", 7)),
            (
                ("Lund University", "lu.se"),
                ("Karolinska Institutet", "ki.se"),
                ("Uppsala University", "uu.se"),
                ("KTH Royal Institute of Technology", "kth.se"),
                ("Chalmers University of Technology", "chalmers.se"),
                ("Malmö University", "mau.se"),
            ),
            ("Lund", "Malmö", "Stockholm", "Uppsala", "Gothenburg", "Södertälje", "Helsingborg"),
            ("telia.com", "live.se", "bredband.net"),
        ),
        Region(
            "NO",
            "NO",
            "47",
            (("40", 6), ("41", 6), ("46", 6), ("47", 6), ("48", 6), ("9", 7)),
            (
                ("University of Oslo", "uio.no"),
                ("Norwegian University of Science and Technology", "ntnu.no"),
                ("University of Bergen", "uib.no"),
                ("UiT The Arctic University of Norway", "uit.no"),
            ),
            ("Oslo", "Bergen", "Trondheim", "Tromsø"),
            ("online.no", "live.no"),
        ),
        Region(
            "DE",
            "DE",
            "49",
            (
                ("151", 8),
                ("152", 8),
                ("157", 8),
                ("160", 8),
                ("170", 7),
                ("171", 7),
                ("172", 7),
                ("175", 7),
                ("176", 8),
                ("177", 8),
                ("179", 8),
            ),
            (
                ("Heidelberg University", "uni-heidelberg.de"),
                ("LMU Munich", "lmu.de"),
                ("Charité – Universitätsmedizin Berlin", "charite.de"),
                ("RWTH Aachen University", "rwth-aachen.de"),
                ("University of Cologne", "uni-koeln.de"),
                ("University of Münster", "uni-muenster.de"),
                ("Technical University of Munich", "tum.de"),
            ),
            ("Heidelberg", "Munich", "Berlin", "Cologne", "Aachen", "Mainz", "Hamburg", "Düsseldorf"),
            ("web.de", "gmx.de", "t-online.de", "posteo.de"),
        ),
        Region(
            "FR",
            "FR",
            "33",
            tuple((f"6{d}", 7) for d in "01245678") + tuple((f"7{d}", 7) for d in "3678"),
            (
                ("Sorbonne Université", "sorbonne-universite.fr"),
                ("Université Paris Cité", "u-paris.fr"),
                ("Université de Lille", "univ-lille.fr"),
                ("Université de Strasbourg", "unistra.fr"),
                ("Université Claude Bernard Lyon 1", "univ-lyon1.fr"),
            ),
            ("Paris", "Lyon", "Strasbourg", "Lille", "Toulouse", "Montpellier"),
            ("orange.fr", "free.fr", "laposte.net", "hotmail.fr"),
        ),
        Region(
            "PL",
            "PL",
            "48",
            (
                ("50", 7),
                ("51", 7),
                ("53", 7),
                ("60", 7),
                ("66", 7),
                ("69", 7),
                ("72", 7),
                ("79", 7),
                ("88", 7),
            ),
            (
                ("Jagiellonian University", "uj.edu.pl"),
                ("University of Warsaw", "uw.edu.pl"),
                ("Medical University of Gdańsk", "gumed.edu.pl"),
                ("Wrocław University of Science and Technology", "pwr.edu.pl"),
            ),
            ("Kraków", "Warsaw", "Gdańsk", "Wrocław", "Łódź", "Poznań"),
            ("wp.pl", "onet.pl", "o2.pl", "interia.pl"),
        ),
        Region(
            "PT",
            "PT",
            "351",
            (("91", 7), ("92", 7), ("93", 7), ("96", 7)),
            (
                ("University of Lisbon", "ulisboa.pt"),
                ("University of Porto", "up.pt"),
                ("University of Coimbra", "uc.pt"),
                ("NOVA University Lisbon", "unl.pt"),
            ),
            ("Lisbon", "Porto", "Coimbra", "Braga", "Cantanhede"),
            ("sapo.pt", "hotmail.com"),
        ),
        Region(
            "ES",
            "ES",
            "34",
            (("6", 8), ("71", 7), ("72", 7)),
            (
                ("University of Barcelona", "ub.edu"),
                ("Autonomous University of Madrid", "uam.es"),
                ("University of Valencia", "uv.es"),
                ("University of Navarra", "unav.es"),
                ("Pompeu Fabra University", "upf.edu"),
            ),
            ("Barcelona", "Madrid", "Valencia", "Pamplona", "Seville", "Bilbao"),
            ("yahoo.es", "hotmail.es", "telefonica.net"),
        ),
        Region(
            "IT",
            "IT",
            "39",
            tuple((f"3{d}", 8) for d in "234567"),
            (
                ("University of Milan", "unimi.it"),
                ("University of Bologna", "unibo.it"),
                ("Sapienza University of Rome", "uniroma1.it"),
                ("University of Padua", "unipd.it"),
                ("University of Turin", "unito.it"),
            ),
            ("Milan", "Rome", "Bologna", "Padua", "Siena", "Turin", "Naples"),
            ("libero.it", "virgilio.it", "tiscali.it"),
        ),
        Region(
            "GR",
            "GR",
            "30",
            (("69", 8),),
            (
                ("National and Kapodistrian University of Athens", "uoa.gr"),
                ("Aristotle University of Thessaloniki", "auth.gr"),
                ("University of Crete", "uoc.gr"),
                ("University of Patras", "upatras.gr"),
            ),
            ("Athens", "Thessaloniki", "Heraklion", "Patras"),
            ("yahoo.gr", "otenet.gr"),
        ),
    )
}

INTERNATIONAL_MAIL = Weighted(
    (
        ("gmail.com", 46),
        ("outlook.com", 12),
        ("hotmail.com", 8),
        ("proton.me", 6),
        ("icloud.com", 5),
        ("yahoo.com", 3),
    )
)


# -- how names are built ---------------------------------------------------------------------


@dataclass(frozen=True)
class NameCulture:
    """How people of one background are named, and where they tend to live.

    `home` lists region keys weighted by repetition; an empty `home` means people of this
    background live wherever the fair is (international PhDs and postdocs). `native_share`
    is the share whose name is written in its own script rather than in Latin letters.
    """

    key: str
    given_female: tuple[Spelling, ...]
    given_male: tuple[Spelling, ...]
    family: tuple[FamilyName, ...]
    home: tuple[str, ...] = ()
    double_family: float = 0.0
    family_joiner: str = "-"
    double_given: float = 0.0
    given_joiner: str = " "
    native_share: float = 1.0


CULTURES: dict[str, NameCulture] = {
    c.key: c
    for c in (
        NameCulture(
            "NL",
            _plain(
                "Anouk, Sanne, Femke, Lotte, Eva, Iris, Marloes, Janneke, Maaike, Esther, Floor, Noor, "
                "Fleur, Ilse, Lieke, Roos, Merel, Anne-Marie, Marieke, Willemijn, Hanneke, Annelies, "
                "Ymke, Sietske"
            ),
            _plain(
                "Daan, Bram, Sjoerd, Thijs, Joost, Pieter, Jeroen, Koen, Ruben, Wouter, Maarten, Bas, "
                "Niels, Stijn, Jan-Willem, Gijs, Teun, Luuk, Hidde, Tijmen, Ruud, Matthijs, Floris, Jelle"
            ),
            _families(
                "de Jong, de Vries, van den Berg, van der Berg, van Dijk, Bakker, Janssen, Visser, Smit, "
                "Meijer, de Boer, Mulder, de Groot, Bos, Vos, Hendriks, van Leeuwen, Dekker, Brouwer, "
                "de Wit, Dijkstra, de Graaf, van der Meer, van der Linden, Kok, de Haan, Vermeulen, "
                "van den Heuvel, van der Veen, van den Broek, de Bruijn, van der Heijden, Schouten, "
                "van Beek, van Vliet, van de Ven, Hoekstra, Verhoeven, van der Wal, Huisman, Kuipers, "
                "van 't Hof, ter Horst, in 't Veld, IJzerman, Oudshoorn, Zwaagstra, van Oldenbarnevelt"
            ),
            home=("NL",),
            double_family=0.04,
        ),
        NameCulture(
            "BE-nl",
            _plain(
                "Lies, Sofie, Ellen, Elke, An, Griet, Hanne, Lore, Febe, Jolien, Nele, Katrien, Fien, "
                "Margot, Annelies, Eline, Ine"
            ),
            _plain(
                "Pieter-Jan, Wout, Jens, Bert, Tom, Stijn, Dries, Jef, Seppe, Ward, Arne, Lander, "
                "Brecht, Kobe, Joris, Wannes, Jan-Pieter"
            ),
            _families(
                "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet, "
                "Van de Velde, Van den Broeck, De Backer, Vermeulen, De Clercq, Van Damme, Vandenberghe, "
                "Verstraete, De Wilde, Van Acker, Michiels, Lambrechts, Hermans, Van Hoof, De Cock, "
                "Vercammen, Van Looy, Verbruggen, D'Hondt, Van der Auwera, Vanhoutte, Van Gucht, "
                "De Meyer, Segers, Van Steenkiste"
            ),
            home=("BE-nl",),
            double_family=0.02,
        ),
        NameCulture(
            "BE-fr",
            _plain(
                "Amélie, Aurélie, Céline, Chloé, Élodie, Juliette, Manon, Pauline, Noémie, Hélène, "
                "Anne-Sophie, Marie-Hélène, Gaëlle, Françoise, Ophélie"
            ),
            _plain(
                "Thibaut, Maxime, Grégoire, Arnaud, Cédric, Quentin, Benoît, Jérôme, Loïc, François, "
                "Jean-François, Sébastien, Nicolas, Olivier, Rémi"
            ),
            _families(
                "Dubois, Lambert, Dupont, Martin, Simon, Laurent, Leclercq, Renard, Lejeune, Gilson, "
                "Collard, Jacquet, Piron, Henrard, Lemaire, Wilmotte, Delvaux, Lefèvre, Mathieu, Leroy, "
                "Noël, Delhaye, Gérard, de Lannoy, de Hemptinne, d'Ursel, Lecocq"
            ),
            home=("BE-fr",),
            double_family=0.04,
        ),
        NameCulture(
            "LU",
            _plain(
                "Anne, Claudine, Martine, Nathalie, Carole, Lynn, Sandra, Joëlle, Tessy, Jil, Mireille, Léa"
            ),
            _plain("Luc, Marc, Jean-Claude, Paul, Romain, Gilles, Tom, Claude, Pol, Yves"),
            _families(
                "Schmit, Muller, Weber, Hoffmann, Wagner, Thill, Schmitz, Schroeder, Reuter, Kieffer, "
                "Kremer, Faber, Welter, Majerus, Ries, Goergen, Feller, Wirtz, Thinnes, Krier, Schiltz, "
                "Origer, Reding, Steichen"
            ),
            home=("LU",),
        ),
        NameCulture(
            "DK",
            _plain(
                "Mette, Sofie, Ida, Freja, Signe, Maja, Line, Kirsten, Louise, Camilla, Astrid, Rikke, "
                "Trine, Bodil, Birgitte, Ane, Mie, Sørine, Gitte"
            ),
            _plain(
                "Mads, Rasmus, Søren, Jesper, Anders, Mikkel, Frederik, Kasper, Jonas, Christian, Bjørn, "
                "Asger, Niels, Jørgen, Emil, Magnus, Troels, Morten"
            ),
            _families(
                "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen, "
                "Jørgensen, Petersen, Madsen, Kristensen, Olsen, Thomsen, Poulsen, Møller, Mortensen, "
                "Knudsen, Lauridsen, Østergaard, Skovgaard, Kjær, Bjerregaard, Frølund, Holm, Lund, "
                "Juhl, Vestergaard, Brøndum, Krogh, Søndergaard, von Bülow, Ravnkilde"
            ),
            home=("DK",),
            double_family=0.06,
        ),
        NameCulture(
            "SE",
            _plain(
                "Åsa, Karin, Maria, Elin, Sara, Linnéa, Ebba, Maja, Ingrid, Annika, Frida, Klara, Märta, "
                "Agnes, Saga, Malin, Kerstin"
            ),
            _plain(
                "Erik, Lars, Johan, Anders, Björn, Oskar, Gustav, Nils, Henrik, Pär, Måns, Olof, Sven, "
                "Axel, Hugo, Jöns, Fredrik"
            ),
            _families(
                "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, "
                "Gustafsson, Pettersson, Lindberg, Lindqvist, Lindström, Bergström, Sjöberg, Sjöström, "
                "Åberg, Öberg, Forsberg, Hedlund, Sandström, Ekström, Wallin, Nordin, Holmgren, "
                "Lundqvist, Engström, Strömberg, af Klercker, von Platen"
            ),
            home=("SE",),
            double_family=0.02,
        ),
        NameCulture(
            "NO",
            _plain(
                "Ingrid, Kari, Solveig, Sigrid, Tone, Hege, Ragnhild, Marit, Siri, Thea, Nora, Ingvild, "
                "Guro, Åse, Synnøve, Kjersti"
            ),
            _plain(
                "Ola, Kjetil, Eirik, Håkon, Øystein, Sindre, Torbjørn, Geir, Knut, Trond, Vegard, Espen, "
                "Ståle, Audun, Jørgen"
            ),
            _families(
                "Hansen, Johansen, Olsen, Larsen, Nilsen, Kristiansen, Karlsen, Johnsen, Eriksen, Berg, "
                "Haugen, Hagen, Johannessen, Andreassen, Halvorsen, Ødegård, Bakken, Solberg, Strand, "
                "Lie, Nygård, Moen, Sæther, Brekke, Aas, Haugland, Tveit, Myklebust, Øvrebø, Kvamme, "
                "Bjørnstad, Sandvik"
            ),
            home=("NO",),
            double_family=0.03,
        ),
        NameCulture(
            "DE",
            _plain(
                "Anna, Lena, Katharina, Julia, Sabine, Anke, Birgit, Franziska, Johanna, Miriam, "
                "Charlotte, Jana, Friederike, Luise, Anna-Lena, Hannelore"
            ),
            _plain(
                "Lukas, Jonas, Felix, Maximilian, Tobias, Matthias, Stefan, Jürgen, Uwe, Florian, "
                "Sebastian, Moritz, Benedikt, Jörg, Karl-Heinz, Hans-Peter, Till"
            ),
            _families(
                "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, "
                "Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Zimmermann, Braun, "
                "Krüger, Hartmann, Lange, Werner, Krause, Lehmann, Köhler, König, Fuchs, Möller, Weiß, "
                "Vogel, Günther, Böhm, Jäger, Groß, Kühn, Pfeiffer, von Arnim, von Bülow, zu Salm"
            ),
            home=("DE",),
            double_family=0.05,
        ),
        NameCulture(
            "FR",
            _plain(
                "Camille, Léa, Chloé, Inès, Margaux, Mathilde, Élise, Clémence, Héloïse, Océane, "
                "Françoise, Bérénice, Anaïs, Maëlle, Solène, Marie-Claire, Anne-Laure"
            ),
            _plain(
                "Antoine, Baptiste, Clément, Étienne, Hugo, Julien, Mathieu, Romain, Théo, Jérémie, "
                "Aurélien, François-Xavier, Jean-Baptiste, Gaël, Loïc, Pierre-Yves"
            ),
            _families(
                "Martin, Bernard, Petit, Durand, Dubois, Moreau, Laurent, Lefèvre, Leroy, Roux, "
                "Bertrand, Morel, Fournier, Girard, Bonnet, Dupont, Fontaine, Rousseau, Lefebvre, Faure, "
                "Mercier, Guérin, Garnier, Chevalier, Gauthier, Perrin, Ménard, Prévost, Lévêque, "
                "Barthélemy, Le Goff, Le Gall, de Villiers, de Beaumont, Lemaître"
            ),
            home=("FR",),
            double_family=0.05,
        ),
        NameCulture(
            "PL",
            _plain(
                "Agnieszka, Katarzyna, Małgorzata, Anna, Joanna, Magdalena, Aleksandra, Zofia, Justyna, "
                "Ewa, Beata, Dorota, Marta, Natalia, Weronika, Żaneta"
            ),
            _plain(
                "Łukasz, Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Jakub, Grzegorz, Wojciech, "
                "Mateusz, Bartosz, Przemysław, Jarosław, Szymon"
            ),
            _polish(
                "Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, "
                "Szymański, Woźniak, Dąbrowski, Kozłowski, Mazur, Kwiatkowski, Krawczyk, Grabowski, "
                "Pawłowski, Michalski, Nowicki, Zając, Wieczorek, Jabłoński, Król, Wróbel, Stępień, "
                "Sikora, Bąk, Czarnecki, Sokołowski, Ziółkowski, Brzęczyszczykiewicz, Chrząszczewski"
            ),
            home=("PL",),
            double_family=0.02,
        ),
        NameCulture(
            "PT",
            _plain(
                "Ana, Beatriz, Inês, Mariana, Joana, Catarina, Sofia, Rita, Leonor, Margarida, "
                "Conceição, Filipa"
            ),
            _plain(
                "João, Tiago, Rui, Nuno, Pedro, Gonçalo, Duarte, Miguel, Diogo, Tomás, Afonso, Sérgio, "
                "Luís, Vasco"
            ),
            _families(
                "Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, "
                "Fernandes, Gonçalves, Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho, "
                "Teixeira, Moreira, Correia, Mendes, Nunes, Simões, Magalhães, Brandão, Guimarães, "
                "da Silva, dos Santos, da Costa, de Sousa, da Conceição"
            ),
            home=("PT",),
            double_family=0.55,
            family_joiner=" ",
            double_given=0.25,
        ),
        NameCulture(
            "ES",
            _plain(
                "María, Lucía, Carmen, Laura, Marta, Cristina, Elena, Paula, Nuria, Ainhoa, Itziar, "
                "Montserrat, Begoña, María José, Rocío, Pilar"
            ),
            _plain(
                "José, Javier, Alejandro, Pablo, Sergio, Jorge, Álvaro, Íñigo, Jesús, Rubén, Iván, "
                "Adrián, Jordi, Xavier, Juan Carlos, José Luis"
            ),
            _families(
                "García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, "
                "Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Navarro, Torres, "
                "Domínguez, Vázquez, Gutiérrez, Núñez, Ibáñez, Goikoetxea, Etxeberria, Puig, Vilanova, "
                "de la Cruz, de la Fuente, del Río, Peña"
            ),
            home=("ES",),
            double_family=0.7,
            family_joiner=" ",
        ),
        NameCulture(
            "IT",
            _plain(
                "Giulia, Francesca, Chiara, Sara, Martina, Federica, Valentina, Alessandra, Elisa, "
                "Silvia, Beatrice, Ilaria, Benedetta, Maria Grazia"
            ),
            _plain(
                "Alessandro, Lorenzo, Matteo, Andrea, Marco, Luca, Davide, Federico, Giovanni, Stefano, "
                "Riccardo, Nicolò, Gianluca, Pierpaolo, Gian Marco"
            ),
            _families(
                "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, "
                "Gallo, Conti, De Luca, Mancini, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, "
                "Santoro, Caruso, Galli, De Santis, D'Angelo, Dell'Acqua, Di Stefano, Lo Russo, La Rosa, "
                "Sanna"
            ),
            home=("IT",),
        ),
        NameCulture(
            "GR",
            (
                ("Μαρία", "Maria"),
                ("Ελένη", "Eleni"),
                ("Αικατερίνη", "Aikaterini"),
                ("Βασιλική", "Vasiliki"),
                ("Δήμητρα", "Dimitra"),
                ("Αγγελική", "Angeliki"),
                ("Ιωάννα", "Ioanna"),
                ("Δέσποινα", "Despoina"),
            ),
            (
                ("Γεώργιος", "Georgios"),
                ("Δημήτριος", "Dimitrios"),
                ("Κωνσταντίνος", "Konstantinos"),
                ("Ιωάννης", "Ioannis"),
                ("Νικόλαος", "Nikolaos"),
                ("Παναγιώτης", "Panagiotis"),
                ("Χρήστος", "Christos"),
                ("Σπυρίδων", "Spyridon"),
            ),
            (
                (("Παπαδόπουλος", "Papadopoulos"), ("Παπαδοπούλου", "Papadopoulou")),
                (("Γεωργίου", "Georgiou"), ("Γεωργίου", "Georgiou")),
                (("Νικολαΐδης", "Nikolaidis"), ("Νικολαΐδου", "Nikolaidou")),
                (("Παπαδάκης", "Papadakis"), ("Παπαδάκη", "Papadaki")),
                (("Οικονόμου", "Oikonomou"), ("Οικονόμου", "Oikonomou")),
                (("Βλάχος", "Vlachos"), ("Βλάχου", "Vlachou")),
                (("Παναγιωτόπουλος", "Panagiotopoulos"), ("Παναγιωτοπούλου", "Panagiotopoulou")),
                (("Χριστοδούλου", "Christodoulou"), ("Χριστοδούλου", "Christodoulou")),
            ),
            home=("GR",),
            native_share=0.3,
        ),
        NameCulture(
            "UA",
            (
                ("Олена", "Olena"),
                ("Оксана", "Oksana"),
                ("Ірина", "Iryna"),
                ("Наталія", "Nataliia"),
                ("Юлія", "Yuliia"),
                ("Анастасія", "Anastasiia"),
            ),
            (
                ("Андрій", "Andrii"),
                ("Олександр", "Oleksandr"),
                ("Дмитро", "Dmytro"),
                ("Тарас", "Taras"),
                ("Богдан", "Bohdan"),
                ("Юрій", "Yurii"),
            ),
            tuple(
                ((native, latin), (native, latin))
                for native, latin in (
                    ("Коваленко", "Kovalenko"),
                    ("Шевченко", "Shevchenko"),
                    ("Бондаренко", "Bondarenko"),
                    ("Ткаченко", "Tkachenko"),
                    ("Мельник", "Melnyk"),
                    ("Кравчук", "Kravchuk"),
                    ("Поліщук", "Polishchuk"),
                    ("Бойко", "Boiko"),
                )
            ),
            native_share=0.35,
        ),
        NameCulture(
            "TR",
            _plain("Ayşe, Elif, Zeynep, Büşra, Gülşen, Esra, Özlem, Merve"),
            _plain("Mehmet, Emre, Burak, Oğuz, İbrahim, Mustafa, Can, Serkan, Mehmet Ali"),
            _families(
                "Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, Arslan, Doğan, Kılıç, Yıldırım, Özdemir"
            ),
            home=("NL", "BE-nl", "DE", "DE"),
        ),
        NameCulture(
            "MA",
            _plain("Fatima, Samira, Nadia, Imane, Soukaina, Khadija, Salma, Hajar"),
            _plain("Mohamed, Youssef, Karim, Yassine, Bilal, Mehdi, Anouar, Hamza"),
            _families(
                "El Amrani, Bouzid, Ait Taleb, El Idrissi, Benali, El Khatib, Ouali, Ait Ouali, Bakkali, "
                "El Ouazzani, Haddouchi, Azzouzi"
            ),
            home=("NL", "NL", "BE-nl", "BE-fr", "FR"),
        ),
        NameCulture(
            "IN",
            _plain("Priya, Ananya, Lakshmi, Divya, Kavya, Sneha, Aishwarya, Deepika, Shreya, Meenakshi"),
            _plain(
                "Arjun, Rahul, Vikram, Aditya, Karthik, Siddharth, Venkatesh, Rohan, Abhishek, "
                "Sai Krishna, Venkataraghavan"
            ),
            _families(
                "Sharma, Patel, Reddy, Iyer, Nair, Gupta, Singh, Kumar, Rao, Menon, Krishnamurthy, "
                "Subramanian, Chatterjee, Banerjee, Mukherjee, Bhattacharya, Venkataraman, Deshpande, "
                "Kulkarni, Pillai, Ramakrishnan, Lakshminarayanan"
            ),
        ),
        NameCulture(
            "CN",
            _plain("Na, Yan, Jing, Xin, Mei, Xiaoling, Yuqing, Ruoxi, Siyu, Yiwen, Qian, Wenjing"),
            _plain("Wei, Jun, Hao, Lei, Yang, Zhiwei, Jianguo, Yifan, Haoran, Zihan, Tianyu, Mingxuan"),
            _families(
                "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Zhu, Guo, Lin, Gao, "
                "Zheng, Xie, Lü"
            ),
        ),
        NameCulture(
            "VN",
            _plain("Thị Thu Hà, Thị Mai, Ngọc Anh, Thị Hương, Phương Linh, Thu Trang, Bảo Ngọc"),
            _plain("Văn Đức, Minh Tuấn, Quốc Bảo, Đức Anh, Hoàng Nam, Thành Long, Văn Hùng"),
            _families("Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô"),
        ),
    )
}
# The romanised Greek pool adds names that read naturally only in Latin letters.
_GREEK_LATIN_FAMILIES = _greek_latin(
    "Angelopoulos, Makris, Karagiannis, Konstantinidis, Kyriakopoulos, Stavropoulos, Alexiou, Antoniou, "
    "Triantafyllou, Mavridis, Tsakalidis, Chatzigeorgiou"
)


@dataclass(slots=True)
class PersonName:
    given: str
    family: str
    given_latin: str
    family_latin: str
    culture: str
    female: bool


def make_name(rng: random.Random, culture: NameCulture) -> PersonName:
    female = rng.random() < 0.52
    native = culture.native_share >= 1.0 or rng.random() < culture.native_share
    pool = culture.given_female if female else culture.given_male
    given = rng.choice(pool)
    if culture.double_given and rng.random() < culture.double_given:
        second = rng.choice(pool)
        if second != given:
            given = (f"{given[0]}{culture.given_joiner}{second[0]}", f"{given[1]} {second[1]}")
    families = culture.family
    if culture.key == "GR" and not native and rng.random() < 0.5:
        families = _GREEK_LATIN_FAMILIES
    form = 1 if female else 0
    family = rng.choice(families)[form]
    if culture.double_family and rng.random() < culture.double_family:
        second = rng.choice(families)[form]
        if second != family:
            joiner = culture.family_joiner
            family = (f"{family[0]}{joiner}{second[0]}", f"{family[1]}{joiner}{second[1]}")
    if native:
        return PersonName(given[0], family[0], given[1], family[1], culture.key, female)
    return PersonName(given[1], family[1], given[1], family[1], culture.key, female)


SHOWCASE: tuple[PersonName, ...] = tuple(
    PersonName(given, family, given_latin or given, family_latin or family, culture, female)
    for given, family, given_latin, family_latin, culture, female in (
        ("Maria-Magdalena Alexandrina", "van Oldenbarnevelt-Wittelsbach", "", "", "NL", True),
        ("Kjersti", "Ødegård", "", "", "NO", True),
        ("Łukasz", "Brzęczyszczykiewicz", "", "", "PL", False),
        ("Françoise", "Lefèvre-Dubois", "", "", "BE-fr", True),
        ("João", "Gonçalves de Magalhães", "", "", "PT", False),
        ("Åsa", "Sjöström", "", "", "SE", True),
        ("Thị Thu Hà", "Nguyễn", "", "", "VN", True),
        ("Ελένη", "Παπαδοπούλου", "Eleni", "Papadopoulou", "GR", True),
        ("Олена", "Коваленко", "Olena", "Kovalenko", "UA", True),
        ("Pieter-Jan", "Van den Broeck", "", "", "BE-nl", False),
        ("Jürgen", "von Bülow", "", "", "DE", False),
        ("María José", "de la Cruz Fernández", "", "", "ES", True),
        ("Mette", "Pedersen-Holm", "", "", "DK", True),
        ("Venkataraghavan", "Lakshminarayanan", "", "", "IN", False),
        ("Anna-Lena", "Müller", "", "", "DE", True),
        ("Annelies", "van der Berg", "", "", "NL", True),
        ("Søren", "Sørensen", "", "", "DK", False),
        ("İbrahim", "Yılmaz", "", "", "TR", False),
    )
)
"""Names every demo event of a few dozen people contains, so that badges, sorting and search
always meet the hard cases; they are placed at seed-dependent positions among the visitors."""


# -- e-mail addresses and phone numbers ----------------------------------------------------


@cache
def _mail_word(text: str) -> str:
    """ASCII for a name part: hyphens kept between parts, spaces and apostrophes dropped."""
    return "-".join(w for w in ("".join(fold(part).split()) for part in text.split("-")) if w)


_PERSONAL_STYLES = Weighted(
    (
        ("{g}.{f}", 45),
        ("{gi}.{f}", 12),
        ("{g}{f}", 10),
        ("{f}.{g}", 5),
        ("{g}_{f}", 5),
        ("{g}.{f}{n}", 13),
        ("{g}{fi}", 4),
        ("{gi}{f}", 6),
    )
)
MAX_LOCAL_PART = 64


class AddressBook:
    """Hands out e-mail addresses that no one else at the event has.

    Two people with the same name at the same provider get a number, as they would in life;
    an address is reserved by its lower-case form because that is how imports compare them.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def reserve(self, address: str) -> bool:
        key = address.casefold()
        if key in self._taken:
            return False
        self._taken.add(key)
        return True

    def personal(self, rng: random.Random, name: PersonName, domain: str, *, formal: bool = False) -> str:
        given = _mail_word(name.given_latin.split(" ")[0] if formal else name.given_latin)
        family = _mail_word(name.family_latin)
        style = "{g}.{f}" if formal else _PERSONAL_STYLES.pick(rng)
        local = style.format(g=given, f=family, gi=given[:1], fi=family[:1], n=rng.randrange(1, 100)).strip(
            "._-"
        )
        if len(local) > MAX_LOCAL_PART:
            local = f"{given[:1]}.{family}"[:MAX_LOCAL_PART]
        address = f"{local}@{domain}"
        suffix = rng.randrange(2, 9)
        while not self.reserve(address):
            address = f"{local}{suffix}@{domain}"
            suffix += rng.randrange(1, 9)
        return address


def make_phone(rng: random.Random, region: Region) -> str:
    """A mobile number in E.164 (+, country code, national number without the trunk 0)."""
    prefix, digits = rng.choice(region.mobile)
    return f"+{region.calling_code}{prefix}{rng.randrange(10 ** (digits - 1), 10**digits)}"


def pick_mail_domain(rng: random.Random, region: Region) -> str:
    """A private address: mostly international providers, some local ones."""
    if rng.random() < 0.22:
        return rng.choice(region.webmail)
    return INTERNATIONAL_MAIL.pick(rng)


# -- careers --------------------------------------------------------------------------------

STUDENT_TITLES: dict[str, tuple[str, ...]] = {
    "BSc": ("BSc student in {field}", "Bachelor student {field}", "BSc intern"),
    "MSc": ("MSc student in {field}", "Master's student {field}", "MSc thesis intern", "MSc student"),
    "PhD": ("PhD candidate in {field}", "PhD researcher", "Doctoral researcher", "PhD student"),
    "Postdoc": ("Postdoctoral researcher", "Postdoctoral fellow", "Research associate"),
    "MD": ("Resident physician", "Clinical research fellow", "MD-PhD candidate"),
    "Other": ("Research technician", "Lab technician"),
}

TITLES_BY_TAG: dict[str, tuple[str, ...]] = {
    "bioinformatics": ("Bioinformatician", "Computational biologist", "Bioinformatics engineer"),
    "ai-data-science": ("Data scientist", "Machine learning engineer", "Biostatistician"),
    "regulatory-affairs": ("Regulatory affairs officer", "Regulatory CMC specialist", "Regulatory associate"),
    "clinical-operations": (
        "Clinical research associate",
        "Clinical trial assistant",
        "Study start-up specialist",
    ),
    "qa-qc": ("QA officer", "QC analyst", "Validation engineer", "Quality specialist"),
    "bioprocess": ("Bioprocess engineer", "USP scientist", "DSP associate", "Process technician"),
    "atmp": ("Cell therapy scientist", "Gene therapy associate", "ATMP production specialist"),
    "personalised-medicine": ("Clinical geneticist", "Biomarker scientist", "Precision medicine analyst"),
    "digital-health": ("Health informatician", "Digital health product owner", "eHealth consultant"),
    "medical-affairs": ("Medical science liaison", "Medical advisor", "Medical information specialist"),
    "business-development": ("Business developer", "Licensing associate", "Alliance manager"),
    "drug-discovery": ("Scientist, drug discovery", "Assay development scientist", "Research scientist"),
    "medicinal-chemistry": ("Medicinal chemist", "Synthetic chemist", "Analytical chemist"),
    "pharmacovigilance": ("Pharmacovigilance officer", "Drug safety associate", "Safety scientist"),
    "health-economics": ("Health economist", "Market access analyst", "HEOR consultant"),
    "lab-automation": ("Lab automation engineer", "Automation scientist", "Robotics technician"),
    "sustainability": ("Sustainability officer", "EHS specialist", "Green lab coordinator"),
    "diagnostics": ("Diagnostics scientist", "IVD product specialist", "Clinical laboratory scientist"),
    "medical-devices": ("Medical device engineer", "R&D engineer", "Clinical application specialist"),
    "industrial-biotech": ("Fermentation scientist", "Enzyme technologist", "Strain engineer"),
    "translational-research": ("Translational scientist", "In vivo pharmacologist", "Research technician"),
    "project-management": ("Project manager R&D", "Clinical project coordinator", "Programme manager"),
    "consultancy-policy": ("Consultant", "Policy officer", "Science policy advisor"),
    "entrepreneurship": ("Co-founder", "Venture analyst", "Founder"),
    "science-communication": ("Medical writer", "Science communicator", "Scientific editor"),
}

STAFF_TITLES: tuple[str, ...] = (
    "Talent acquisition specialist",
    "Talent acquisition partner",
    "HR business partner",
    "Recruiter",
    "Head of People",
    "Senior scientist",
    "Principal scientist",
    "Team lead",
    "QA manager",
    "Process development engineer",
    "Clinical project manager",
    "Regulatory affairs manager",
    "Medical science liaison",
    "Data scientist",
    "Field application scientist",
    "Chief scientific officer",
    "Co-founder and CEO",
)

SPEAKER_TITLES: tuple[str, ...] = (
    "Professor of Regulatory Science",
    "Professor of Bioinformatics",
    "Associate professor, Pharmaceutical Sciences",
    "VP Clinical Development",
    "Head of Bioprocess Development",
    "Chief Medical Officer",
    "Career coach for PhDs",
    "Director, Digital Health",
    "Head of Regulatory Affairs",
    "Founder and CSO",
)

ORGANISER_TITLES: tuple[str, ...] = (
    "Event manager",
    "Project coordinator",
    "Registration desk lead",
    "Volunteer coordinator",
    "Volunteer",
    "Matchmaking coordinator",
)

PRESS_TITLES: tuple[str, ...] = ("Science journalist", "Editor", "Photographer", "Podcast host", "Reporter")
PRESS_OUTLETS: tuple[tuple[str, str], ...] = (
    ("Lowlands Biotech Review", "lowlandsbiotechreview.eu"),
    ("Øresund Science Herald", "oresundscienceherald.com"),
    ("Scheldt Science Radio", "scheldtscience.be"),
    ("Medtech Weekly Europe", "medtechweekly.eu"),
    ("Polder Pharma Podcast", "polderpharmapodcast.nl"),
)

DEGREES = Weighted((("BSc", 11), ("MSc", 40), ("PhD", 31), ("Postdoc", 12), ("MD", 3), ("Other", 3)))

# Share of each degree still studying or doing research at a university or hospital; the
# rest are working and came to look for their next job.
STILL_IN_ACADEMIA: dict[str, float] = {
    "BSc": 0.75,
    "MSc": 0.55,
    "PhD": 0.55,
    "Postdoc": 1.0,
    "MD": 0.5,
    "Other": 0.3,
}


def hospital_name(rng: random.Random, region: Region) -> str:
    city = rng.choice(region.cities)
    return rng.choice((f"University Hospital {city}", f"{city} Regional Hospital", f"{city} Cancer Centre"))


def pick_interests(
    rng: random.Random, related: Sequence[str], all_keys: Sequence[str], low: int = 2, high: int = 5
) -> list[str]:
    """2–5 tags, mostly from those related to the person's field, in the order they picked them."""
    count = rng.randint(low, high)
    chosen: list[str] = []
    while len(chosen) < count:
        pool = related if related and rng.random() < 0.7 else all_keys
        tag = rng.choice(pool)
        if tag not in chosen:
            chosen.append(tag)
    return chosen
