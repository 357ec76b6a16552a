"""Words the synthetic deliberations are written with: people, places, subjects, verbs, numbers.

Every list mixes the difficulties of real registers: accents, hyphens, particles
(DE MAGALHAES, LE GALL, D'ALMEIDA), compound first names, uppercase surnames with accents.
"""
from __future__ import annotations

FIRST_F = (
    "Marie", "Anne", "Claire", "Sophie", "Isabelle", "Nathalie", "Sylvie", "Catherine", "Véronique",
    "Hélène", "Françoise", "Martine", "Brigitte", "Élodie", "Céline", "Laëtitia", "Agnès", "Chantal",
    "Monique", "Béatrice", "Marie-Claire", "Anne-Sophie", "Marie-Hélène", "Joëlle", "Maëlle", "Noémie",
    "Ghislaine", "Odile", "Solène", "Mélanie", "Josiane", "Corinne", "Valérie", "Aurélie", "Delphine",
    "Geneviève", "Marie-José", "Évelyne", "Rose-Marie", "Inès", "Fatima", "Nadège", "Sandrine",
)
FIRST_M = (
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Christian", "Daniel", "Bernard",
    "Éric", "Frédéric", "Stéphane", "Laurent", "Thierry", "Jérôme", "Gérard", "Jean-Pierre", "Jean-Marc",
    "Jean-François", "Jean-Luc", "Pierre-Yves", "Hervé", "Régis", "Loïc", "Gaël", "Benoît", "Joël",
    "Sébastien", "Mickaël", "Cédric", "Rémi", "Olivier", "Yannick", "Denis", "André", "René", "Noël",
    "François", "Mathieu", "Guillaume", "Jean-Noël", "Ludovic", "Hugues", "Karim", "Anthony",
)
LAST = (
    "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU",
    "SIMON", "LAURENT", "LEFÈVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER",
    "MOREL", "GIRARD", "ANDRÉ", "MERCIER", "DUPONT", "LAMBERT", "BONNET", "FRANÇOIS", "MARTINEZ",
    "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUÉRIN", "MULLER", "HENRY", "ROUSSEL", "NICOLAS",
    "PERRIN", "MORIN", "MATHIEU", "CLÉMENT", "GAUTHIER", "DUMONT", "LOPEZ", "FONTAINE", "CHEVALIER",
    "ROBIN", "MASSON", "SANCHEZ", "BOYER", "DENIS", "LEMAIRE", "DUVAL", "JOLY", "GAUTIER", "ROGER",
    "ROCHE", "ROY", "NOËL", "MEYER", "LUCAS", "GÉRARD", "BRUN", "BARBIER", "ARNAUD", "MARCHAND",
    "DE MAGALHAES", "LE GALL", "D'ALMEIDA", "LE GOFF", "DE LA ROCHE", "DU PLESSIS", "LE BIHAN",
    "BEAUFORT-MICHEL", "PONCHET-PASSEMARD", "LAMBERT-DELHOMME", "FOURÉ-BÉCHET", "VAN DER BEKE",
    "BÉRARD", "LÉGER", "PÉROT", "VÉRON", "CHÂTEL", "BARTHÉLÉMY", "GRÉGOIRE", "HÉBERT", "LEBŒUF",
    "N'DIAYE", "O'NEILL", "DESCHAMPS", "LECLERC", "BOUCHER", "CARON", "PICHONNIER", "GUILLOUET",
    "TESSIER", "RIVIÈRE", "COLLIN", "PRÉVOST", "MAILLARD", "BESNARD", "LEBRETON", "ÉTIENNE",
)

# Surnames with a particle, drawn more often than their share of LAST (issue 3 names them).
PARTICLE_LAST = ("DE MAGALHAES", "LE GALL", "D'ALMEIDA", "D’ALMEIDA", "DA SILVA", "DOS SANTOS", "LE ROUX",
                 "DE SOUSA", "DE LA FONTAINE", "DU BOIS", "LE CORRE", "DI MARCO", "VAN DAMME", "D'HONT")
# Compound surnames: the ones a dash-separated list prints with a spaced dash ("ROUVIER – COROUGE").
COMPOUND_LAST = ("ROUVIER-COROUGE", "BEAUFORT-MICHEL", "PONCHET-PASSEMARD", "LAMBERT-DELHOMME", "FOURÉ-BÉCHET",
                 "MARTIN-GUÉRIN", "DUVAL-LEROY", "PETIT-JEAN", "SAINT-PIERRE", "MOREAU-CHAMBON", "LEBRUN-VIDAL")

# Invented commune names, built from parts so that no real council is imitated.
TOWN_HEAD = ("Saint-Aubin", "Brévilly", "Montcœur", "Valbrune", "Courtenay", "Villers", "Roche",
             "Fontenoy", "Marcilly", "Sainte-Colombe", "Bellerive", "Champlieu", "Neuvy", "Lussac",
             "Aubigné", "Mérignac", "Vaudrey", "Orcival", "Puybrun", "Écouves", "Loisy", "Tréméven")
TOWN_TAIL = ("", "", "", "-sur-Orne", "-le-Château", "-en-Bresse", "-les-Bains", "-sur-Loire",
             "-la-Forêt", "-le-Lac", "-sous-Bois", "-en-Vexin", "-d'Anjou")
# (name with its preposition, bare name, number): "Département de l’Yonne", "du Gers".
DEPARTEMENTS = (("de l’Yonne", "Yonne", "89"), ("de la Nièvre", "Nièvre", "58"), ("de l’Orne", "Orne", "61"),
                ("de la Creuse", "Creuse", "23"), ("de la Haute-Saône", "Haute-Saône", "70"),
                ("de l’Indre", "Indre", "36"), ("de la Lozère", "Lozère", "48"), ("de l’Ariège", "Ariège", "09"),
                ("de la Meuse", "Meuse", "55"), ("de la Charente", "Charente", "16"), ("du Gers", "Gers", "32"),
                ("du Cantal", "Cantal", "15"))
EPCI_NAMES = ("Communauté de communes du Pays {de_t}", "Communauté de communes {t} Vallées",
              "Communauté d’agglomération {de_t}", "Communauté de communes des Hauts {de_t}")
SYNDICAT_NAMES = ("Syndicat intercommunal des eaux {de_t}", "Syndicat mixte du bassin {de_t}",
                  "Syndicat intercommunal à vocation scolaire {de_t}",
                  "Syndicat départemental d’énergies {d}")
PLACES = ("salle du conseil municipal", "salle des fêtes", "salle polyvalente", "salle de la mairie",
          "salle du conseil en mairie", "salle Jean Moulin", "salle des associations",
          "salle du conseil communautaire", "salle Victor Hugo", "Maison des services")

# Subjects with their reasoning and the decisions they carry.
# Each decision: (verb infinitive, complement after the verb, amount or None).
# "{amt}" in a complement is replaced by the formatted amount.
SUBJECTS = (
    ("Attribution d’une subvention exceptionnelle à l’association {asso}",
     "L’association {asso} sollicite une aide pour l’organisation de sa manifestation annuelle.",
     [("attribuer", "une subvention exceptionnelle de {amt} à l’association {asso}", "small"),
      ("préciser", "que les crédits sont inscrits à l’article 6574 du budget", None)]),
    ("Acquisition de la parcelle cadastrée section {sec} n°{num}",
     "Le propriétaire de la parcelle a fait connaître son accord pour une cession à la collectivité.",
     [("approuver", "l’acquisition de la parcelle section {sec} n°{num} au prix de {amt}", "mid"),
      ("autoriser", "{pres_title} à signer l’acte authentique et toutes les pièces s’y rapportant", None),
      ("dire", "que les frais de notaire sont à la charge de la collectivité", None)]),
    ("Travaux de réfection de la voirie communale – programme {year}",
     "La commission des travaux a examiné les offres reçues à la suite de la consultation.",
     [("retenir", "l’offre de l’entreprise {company} pour un montant de {amt}", "big"),
      ("autoriser", "{pres_title} à signer le marché et ses avenants éventuels", None),
      ("solliciter", "le concours financier de l’État au titre de la DETR", None)]),
    ("Tarifs de la cantine scolaire pour l’année scolaire {year}-{year1}",
     "Il convient de fixer les tarifs de la restauration scolaire pour la prochaine rentrée.",
     [("fixer", "le prix du repas enfant à {amt}", "tiny"),
      ("préciser", "que ces tarifs s’appliqueront à compter du 1er septembre {year}", None)]),
    ("Décision modificative n°{num} – budget principal",
     "Des ajustements de crédits sont nécessaires pour permettre le paiement de dépenses imprévues.",
     [("approuver", "la décision modificative n°{num} telle que présentée, pour un montant de {amt}", "mid"),
      ("charger", "{pres_title} de l’exécution de la présente délibération", None)]),
    ("Convention de mise à disposition de locaux avec l’association {asso}",
     "L’association {asso} occupe régulièrement des locaux appartenant à la collectivité.",
     [("approuver", "les termes de la convention de mise à disposition", None),
      ("autoriser", "{pres_title} à signer ladite convention", None)]),
    ("Création d’un poste d’adjoint technique territorial",
     "L’accroissement des missions du service technique justifie la création d’un emploi permanent.",
     [("créer", "un poste d’adjoint technique territorial à temps complet", None),
      ("modifier", "le tableau des effectifs en conséquence", None),
      ("inscrire", "les crédits nécessaires au chapitre 012 du budget", None)]),
    ("Demande de subvention au titre de la DETR {year} – rénovation énergétique de l’école",
     "Le projet de rénovation énergétique de l’école est éligible à la dotation d’équipement des territoires ruraux.",
     [("adopter", "le projet de rénovation énergétique pour un coût estimé à {amt}", "big"),
      ("solliciter", "une subvention au titre de la DETR {year}", None),
      ("autoriser", "{pres_title} à signer toutes les pièces nécessaires", None)]),
    ("Fixation du montant de la redevance d’occupation du domaine public",
     "Les terrasses et étalages installés sur le domaine public donnent lieu au paiement d’une redevance.",
     [("fixer", "le montant de la redevance annuelle à {amt} par mètre carré", "tiny"),
      ("dire", "que la recette sera inscrite au budget de l’exercice", None)]),
    ("Adhésion au service commun d’instruction des autorisations d’urbanisme",
     "Le service commun instruit les permis de construire et déclarations préalables pour le compte des communes.",
     [("approuver", "l’adhésion au service commun d’instruction", None),
      ("autoriser", "{pres_title} à signer la convention correspondante", None),
      ("désigner", "{pres_title} comme signataire des autorisations", None)]),
    ("Vente d’un véhicule communal réformé",
     "Le véhicule utilisé par le service technique n’est plus adapté aux besoins.",
     [("accepter", "la proposition de rachat d’un montant de {amt}", "small"),
      ("autoriser", "{pres_title} à procéder à la sortie du bien de l’inventaire", None)]),
    ("Rapport annuel sur le prix et la qualité du service public de l’eau potable",
     "Le rapport annuel du délégataire a été transmis aux membres de l’assemblée.",
     [("prendre", "acte de la présentation du rapport annuel {year}", None),
      ("émettre", "un avis favorable sur ce rapport", None)]),
    ("Renouvellement de la ligne de trésorerie",
     "La ligne de trésorerie arrive à échéance et doit être renouvelée auprès d’un établissement bancaire.",
     [("contracter", "une ligne de trésorerie d’un montant de {amt}", "big"),
      ("autoriser", "{pres_title} à signer le contrat", None)]),
    ("Modification des statuts du syndicat {synd}",
     "Le comité syndical a approuvé une modification de ses statuts, soumise à l’avis des membres.",
     [("approuver", "la modification des statuts du syndicat {synd}", None),
      ("charger", "{pres_title} de notifier la présente délibération au syndicat", None)]),
    ("Admission en non-valeur de créances irrécouvrables",
     "Le comptable public a transmis un état des créances dont le recouvrement s’avère impossible.",
     [("admettre", "en non-valeur les créances pour un montant total de {amt}", "small"),
      ("dire", "que la dépense sera imputée à l’article 6541", None)]),
    ("Convention de partenariat avec l’office de tourisme – bilan des objectifs",
     "L’office de tourisme rend compte chaque année de la réalisation des objectifs qui lui sont confiés.",
     [("approuver", "le bilan des objectifs opérationnels de l’office de tourisme", None),
      ("verser", "une dotation de fonctionnement de {amt} au titre de l’année {year}", "big"),
      ("valider", "l’annexe opérationnelle pour l’année {year1}", None)]),
    ("Dénomination de voies nouvelles",
     "L’adressage des nouvelles constructions nécessite de nommer les voies qui les desservent.",
     [("adopter", "la dénomination « rue des Tilleuls » et « allée des Érables »", None),
      ("charger", "{pres_title} de communiquer ces dénominations aux services concernés", None)]),
    ("Indemnité de conseil allouée au comptable public",
     "Le comptable public assure des prestations de conseil et d’assistance en matière budgétaire.",
     [("allouer", "au comptable public une indemnité annuelle de {amt}", "small")]),
)

OBJECTIVE_LABELS = (
    "Définir le positionnement touristique du territoire", "Créer une charte graphique commune",
    "Animer un réseau d’ambassadeurs du territoire", "Refondre le site Internet destination",
    "Développer l’offre de randonnée balisée", "Accompagner les hébergeurs vers le classement",
    "Créer un observatoire de la fréquentation", "Éditer un guide du partenaire",
    "Proposer une billetterie en ligne", "Structurer l’accueil des camping-cars",
    "Organiser des rencontres entre professionnels", "Former les acteurs au numérique",
    "Développer la labellisation Accueil Vélo", "Valoriser les circuits courts",
    "Informer sur la taxe de séjour", "Concevoir des séjours packagés pour les groupes",
)
OBJECTIVE_STATUSES = (
    ("Réalisée en {y}", "done"), ("En cours de réalisation", "in_progress"),
    ("Non réalisée, prévue en {p}", "not_done"), ("Action annulée", "cancelled"),
    ("Initiée en {y} et toujours en cours", "in_progress"), ("Non réalisée", "not_done"),
)

ASSOCIATIONS = ("Comité des fêtes", "Les Amis du Patrimoine", "Union sportive", "Club de l’Amitié",
                "Les P’tits Loups", "Harmonie municipale", "Gym Volontaire", "La Boule lyonnaise")
COMPANIES = ("Colas Centre-Ouest", "Eiffage Route", "SARL Martin TP", "Lebreton et Fils",
             "Wiconnect", "SAS Roche Bâtiment")

# Verb forms: infinitive -> third person singular present (what DÉCIDE lists and prose print).
CONJ = {
    "attribuer": "attribue", "préciser": "précise", "approuver": "approuve", "autoriser": "autorise",
    "dire": "dit", "retenir": "retient", "solliciter": "sollicite", "fixer": "fixe", "charger": "charge",
    "créer": "crée", "modifier": "modifie", "inscrire": "inscrit", "adopter": "adopte",
    "désigner": "désigne", "accepter": "accepte", "prendre": "prend", "émettre": "émet",
    "décider": "décide", "admettre": "admet", "verser": "verse", "valider": "valide",
    "allouer": "alloue", "contracter": "contracte",
}
# Articles that close a long list ("Article 1 … Article 7").
EXTRA_DECISIONS = (
    ("charger", "{pres_title} de l’exécution de la présente délibération"),
    ("dire", "que la présente délibération sera transmise au représentant de l’État"),
    ("préciser", "que la présente délibération peut faire l’objet d’un recours devant le tribunal administratif dans un délai de deux mois"),
    ("inscrire", "les crédits correspondants au budget de l’exercice en cours"),
    ("autoriser", "{pres_title} à signer tout document relatif à cette affaire"),
)

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
          "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf")
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def words(n: int) -> str:
    """French words for 0..9999 (1990 spelling: hyphens everywhere but 'et un')."""
    if n < 20:
        return _UNITS[n]
    if n < 70:
        t, u = divmod(n, 10)
        return _TENS[t] + ("" if u == 0 else " et un" if u == 1 else "-" + _UNITS[u])
    if n < 80:
        return "soixante" + (" et onze" if n == 71 else "-" + _UNITS[n - 60])
    if n < 100:
        return "quatre-vingt" + ("s" if n == 80 else "-" + _UNITS[n - 80])
    if n < 1000:
        h, r = divmod(n, 100)
        head = "cent" if h == 1 else _UNITS[h] + "-cent" + ("s" if r == 0 else "")
        return head + ("" if r == 0 else "-" + words(r))
    th, r = divmod(n, 1000)
    head = "mille" if th == 1 else words(th) + "-mille"
    return head + ("" if r == 0 else "-" + words(r))


def de(name: str) -> str:
    """'de Valbrune', 'd’Orcival' (elision before a vowel or a mute h)."""
    return ("d’" if name[0] in "AEIOUYÉÈÊÎÔHaeiouyéh" else "de ") + name


def year_words(y: int) -> str:
    """'deux mille vingt-quatre', as preambles print years."""
    return "deux mille" + ("" if y % 1000 == 0 else " " + words(y % 1000))


def day_words(d: int) -> str:
    return "premier" if d == 1 else words(d)


def time_words(h: int, m: int) -> str:
    hours = "une heure" if h == 1 else f"{words(h)} heures"
    if m == 0:
        return hours
    if m == 30:
        return hours + " trente"
    return f"{hours} {words(m)}"
