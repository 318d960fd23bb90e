"""Every user-facing string, in French (the default) and English.

Strings are HTML-ready templates: values are escaped by `render` before formatting.
"""

from __future__ import annotations

FRENCH = "fr"
ENGLISH = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    "start": {
        FRENCH: (
            "<b>Quotebot</b> retrouve les mots exacts de Vladimir Poutine et de Kim Jong-un dans la presse : "
            "qui les a dits, et quels médias les ont rapportés.\n\n"
            "Écrivez quelques mots dont vous vous souvenez, même avec des fautes ou sans accents :\n"
            "• <code>nous n'oublierons jamais les sacrifices</code>\n"
            "• <code>devoir fraternel</code>\n"
            "• <code>je suis ravi de vous rencontrer</code>\n\n"
            "/poutine ou /kim suivis de mots : chercher chez un seul des deux (sans mots : une citation au hasard).\n"
            "/sources : les médias et le nombre de déclarations de chacun.\n"
            "/timeline : qui a dit quoi et quand, en image (<code>/timeline kim depuis 2024-01-01</code>).\n"
            "Dans n'importe quelle conversation : <code>@{username} mots</code>."
        ),
        ENGLISH: (
            "<b>Quotebot</b> finds the exact words of Vladimir Putin and Kim Jong-un in the news: who said them, "
            "and which outlets reported them.\n\n"
            "Type a few words you remember, typos and missing accents are fine:\n"
            "• <code>nous n'oublierons jamais les sacrifices</code>\n"
            "• <code>devoir fraternel</code>\n"
            "• <code>je suis ravi de vous rencontrer</code>\n\n"
            "/putin or /kim followed by words: search one of them only (no words: a random quote).\n"
            "/sources: the outlets and how many statements each carried.\n"
            "/timeline: who said what when, as a picture (<code>/timeline kim since 2024-01-01</code>).\n"
            "In any chat: <code>@{username} words</code>."
        ),
    },
    "meaning_help": {
        FRENCH: "\n\nVous pouvez aussi chercher en anglais ou avec vos propres mots : "
        "<code>we will never forget the sacrifices of your soldiers</code>.",
        ENGLISH: "\n\nYou can also search in English or in your own words: "
        "<code>we will never forget the sacrifices of your soldiers</code>.",
    },
    "moderator_help": {
        FRENCH: (
            "\n\n<b>Modération</b> : envoyez un fichier .txt (légende facultative : <code>média | url | date</code>), "
            "/reindex, /hide ID, /unhide ID, /speaker ID putin|kim|other NOM, /outlet ARTICLE NOM, /articles, "
            "/audit, /export [csv|jsonl] (mêmes options que /timeline)."
        ),
        ENGLISH: (
            "\n\n<b>Moderation</b>: send a .txt file (optional caption: <code>outlet | url | date</code>), "
            "/reindex, /hide ID, /unhide ID, /speaker ID putin|kim|other NAME, /outlet ARTICLE NAME, /articles, "
            "/audit, /export [csv|jsonl] (the same options as /timeline)."
        ),
    },
    "speaker.putin": {FRENCH: "Vladimir Poutine", ENGLISH: "Vladimir Putin"},
    "speaker.kim": {FRENCH: "Kim Jong-un", ENGLISH: "Kim Jong-un"},
    "answer": {
        FRENCH: "<b>{speaker}</b> :\n« {text} »\n\n<b>Rapporté par</b> :\n{outlets}",
        ENGLISH: "<b>{speaker}</b>:\n“{text}”\n\n<b>Carried by</b>:\n{outlets}",
    },
    "quote": {FRENCH: "« {text} »", ENGLISH: "“{text}”"},
    "position": {FRENCH: "Résultat {n}/{total} · score {score}", ENGLISH: "Result {n}/{total} · score {score}"},
    "by_meaning": {FRENCH: "trouvé par le sens, pas mot pour mot", ENGLISH: "found by meaning, not word for word"},
    "unknown_outlet": {FRENCH: "média inconnu ({title})", ENGLISH: "unknown outlet ({title})"},
    "no_answer": {
        FRENCH: (
            "Je n'ai pas de réponse sûre pour « {query} ».\n"
            "Essayez d'autres mots de la citation, ou /poutine et /kim pour chercher chez l'un des deux."
        ),
        ENGLISH: (
            "I have no confident answer for “{query}”.\n"
            "Try other words of the quote, or /putin and /kim to search one of them."
        ),
    },
    "empty_query": {
        FRENCH: "Écrivez quelques mots de la citation que vous cherchez.",
        ENGLISH: "Type a few words of the quote you are looking for.",
    },
    "too_long": {
        FRENCH: (
            "Ce message est trop long ({length} caractères) : gardez les mots dont vous vous souvenez "
            "(au plus {limit})."
        ),
        ENGLISH: "That message is too long ({length} characters): keep the words you remember ({limit} at most).",
    },
    "slow_down": {
        FRENCH: "Vous allez un peu vite : réessayez dans {seconds} s.",
        ENGLISH: "You are going a little fast: try again in {seconds} s.",
    },
    "button.previous": {FRENCH: "◀ Précédent", ENGLISH: "◀ Previous"},
    "button.next": {FRENCH: "Suivant ▶", ENGLISH: "Next ▶"},
    "button.wordings": {FRENCH: "Formulation de chaque média", ENGLISH: "Each outlet's wording"},
    "wordings": {FRENCH: "<b>Formulations</b> :\n{items}", ENGLISH: "<b>Wordings</b>:\n{items}"},
    "expired": {
        FRENCH: "Cette recherche a expiré : reposez la question.",
        ENGLISH: "This search has expired: ask again.",
    },
    "sources": {
        FRENCH: "<b>Médias</b> (déclarations rapportées) :\n{items}",
        ENGLISH: "<b>Outlets</b> (statements carried):\n{items}",
    },
    "no_statements": {
        FRENCH: "Aucune déclaration de {speaker} pour l'instant.",
        ENGLISH: "No statement by {speaker} yet.",
    },
    "unknown_command": {
        FRENCH: "Je ne connais pas cette commande. /help dit ce que je sais faire.",
        ENGLISH: "I don't know that command. /help says what I can do.",
    },
    "moderators_only": {
        FRENCH: "Ceci est réservé aux modérateurs.",
        ENGLISH: "This is reserved to moderators.",
    },
    "not_text": {
        FRENCH: "Je lis les messages texte et les fichiers .txt des modérateurs.",
        ENGLISH: "I read text messages, and .txt files from moderators.",
    },
    "error": {
        FRENCH: "Une erreur m'a empêché de répondre. Réessayez dans un instant.",
        ENGLISH: "An error kept me from answering. Please try again in a moment.",
    },
    # moderators
    "file.refused": {
        FRENCH: "Fichier refusé : {reason}. Rien n'a été enregistré.",
        ENGLISH: "File refused: {reason}. Nothing was stored.",
    },
    "file.reason.not_txt": {FRENCH: "ce n'est pas un fichier .txt", ENGLISH: "it is not a .txt file"},
    "file.reason.too_big": {FRENCH: "il dépasse {limit} Ko", ENGLISH: "it is larger than {limit} KB"},
    "file.reason.empty": {FRENCH: "il est vide", ENGLISH: "it is empty"},
    "file.reason.not_utf8": {FRENCH: "il n'est pas en UTF-8", ENGLISH: "it is not UTF-8 text"},
    "file.reason.binary": {FRENCH: "il contient des données binaires", ENGLISH: "it contains binary data"},
    "file.reason.caption": {
        FRENCH: "la légende doit être « média | url | date » (date AAAA-MM-JJ ou AAAA-MM)",
        ENGLISH: "the caption must be “outlet | url | date” (date YYYY-MM-DD or YYYY-MM)",
    },
    "file.ingested": {
        FRENCH: "<b>{file}</b> ajouté : {count} citation(s).\n{items}",
        ENGLISH: "<b>{file}</b> added: {count} quotation(s).\n{items}",
    },
    "reindex.started": {FRENCH: "Reconstruction de l'index…", ENGLISH: "Rebuilding the index…"},
    "reindex.progress": {
        FRENCH: "Reconstruction de l'index… {done}/{total}",
        ENGLISH: "Rebuilding the index… {done}/{total}",
    },
    "reindex.done": {
        FRENCH: "Index reconstruit : {articles} articles, {quotations} citations, {statements} déclarations.",
        ENGLISH: "Index rebuilt: {articles} articles, {quotations} quotations, {statements} statements.",
    },
    "reindex.busy": {FRENCH: "Une reconstruction est déjà en cours.", ENGLISH: "A rebuild is already running."},
    "usage.hide": {
        FRENCH: "Usage : /hide ID (déclaration 12 ou citation q34)",
        ENGLISH: "Usage: /hide ID (statement 12 or quotation q34)",
    },
    "usage.unhide": {FRENCH: "Usage : /unhide ID", ENGLISH: "Usage: /unhide ID"},
    "usage.speaker": {
        FRENCH: "Usage : /speaker ID putin|kim|other NOM",
        ENGLISH: "Usage: /speaker ID putin|kim|other NAME",
    },
    "usage.outlet": {FRENCH: "Usage : /outlet ARTICLE NOM", ENGLISH: "Usage: /outlet ARTICLE NAME"},
    "not_found": {FRENCH: "Introuvable : {target}.", ENGLISH: "Not found: {target}."},
    "done": {
        FRENCH: "Fait : {action} {target} ({before} → {after}) : « {words} »",
        ENGLISH: "Done: {action} {target} ({before} → {after}): “{words}”",
    },
    "articles": {FRENCH: "<b>Articles</b> :\n{items}", ENGLISH: "<b>Articles</b>:\n{items}"},
    "audit": {FRENCH: "<b>Journal</b> :\n{items}", ENGLISH: "<b>Audit log</b>:\n{items}"},
    "audit.empty": {FRENCH: "Le journal est vide.", ENGLISH: "The audit log is empty."},
    "audit.undo": {FRENCH: "annuler : {command}", ENGLISH: "undo: {command}"},
    "name_only": {
        FRENCH: "Une déclaration de {speaker} au hasard ; ajoutez des mots pour chercher une citation.",
        ENGLISH: "A statement of {speaker} at random; add some words to look for a quotation.",
    },
    # the timeline (its title and subtitle are drawn in the picture: plain text, nothing escaped there)
    "and": {FRENCH: "et", ENGLISH: "and"},
    "period.from_to": {FRENCH: "du {since} au {until}", ENGLISH: "from {since} to {until}"},
    "period.since": {FRENCH: "depuis le {since}", ENGLISH: "since {since}"},
    "period.until": {FRENCH: "jusqu'au {until}", ENGLISH: "until {until}"},
    "period.any": {FRENCH: "d'un jour précis", ENGLISH: "to an exact day"},
    "timeline.title": {
        FRENCH: "Déclarations de {who}\n{first} – {last}",
        ENGLISH: "Statements of {who}\n{first} – {last}",
    },
    "timeline.subtitle": {
        FRENCH: (
            "Un point par déclaration, au jour de sa parution ; plus il est gros, plus de médias\n"
            "{count} déclaration(s) · {undated} sans date précise, non placée(s)"
        ),
        ENGLISH: (
            "One mark per statement, on the day first reported; the bigger, the more outlets\n"
            "{count} statement(s) · {undated} without an exact date, not shown"
        ),
    },
    "timeline.caption": {
        FRENCH: "Déclarations de {who} {period} : {count} placée(s) à leur date, {undated} sans date précise.",
        ENGLISH: "Statements of {who} {period}: {count} placed at their date, {undated} without an exact date.",
    },
    "timeline.empty_index": {
        FRENCH: "L'index ne contient encore aucune déclaration de {who} : rien à dessiner.",
        ENGLISH: "The index has no statement of {who} yet: nothing to draw.",
    },
    "timeline.nothing": {
        FRENCH: "Aucune déclaration de {who} n'est datée {period} ({undated} sans date précise) : rien à dessiner.",
        ENGLISH: "No statement of {who} is dated {period} ({undated} without an exact date): nothing to draw.",
    },
    "usage.timeline": {
        FRENCH: (
            "Usage : /timeline [{speakers}] [depuis AAAA-MM-JJ] [jusqu'au AAAA-MM-JJ], "
            "par exemple <code>/timeline kim depuis 2024-01-01</code>"
        ),
        ENGLISH: (
            "Usage: /timeline [{speakers}] [since YYYY-MM-DD] [until YYYY-MM-DD], "
            "for example <code>/timeline kim since 2024-01-01</code>"
        ),
    },
    "bad_period": {
        FRENCH: "Période illisible : « {value} ». Écrivez AAAA-MM-JJ, AAAA-MM ou AAAA, le début avant la fin.",
        ENGLISH: "Unreadable period: “{value}”. Write YYYY-MM-DD, YYYY-MM or YYYY, the start before the end.",
    },
    # exports (moderators)
    "usage.export": {
        FRENCH: (
            "Usage : /export [csv|jsonl] [{speakers}] [depuis AAAA-MM-JJ] [jusqu'au AAAA-MM-JJ], "
            "par exemple <code>/export csv kim depuis 2024-01-01</code>"
        ),
        ENGLISH: (
            "Usage: /export [csv|jsonl] [{speakers}] [since YYYY-MM-DD] [until YYYY-MM-DD], "
            "for example <code>/export csv kim since 2024-01-01</code>"
        ),
    },
    "export.caption": {
        FRENCH: "{rows} ligne(s), une par formulation : {statements} déclaration(s) de {who}{period}, {format} UTF-8.",
        ENGLISH: "{rows} row(s), one per wording: {statements} statement(s) of {who}{period}, {format} UTF-8.",
    },
    "export.nothing": {
        FRENCH: "Rien à exporter : aucune déclaration de {who}{period}.",
        ENGLISH: "Nothing to export: no statement of {who}{period}.",
    },
    "export.too_big": {
        FRENCH: "L'export ferait {size} Mo, plus que les {limit} Mo que Telegram accepte : choisissez une période.",
        ENGLISH: "The export would be {size} MB, more than the {limit} MB Telegram takes: choose a period.",
    },
    "store_error": {
        FRENCH: "Écriture impossible ({reason}) : je continue de répondre avec l'index actuel.",
        ENGLISH: "Could not write ({reason}): I keep answering from the current index.",
    },
}


def language_of(code: str | None) -> str:
    """English when Telegram reports an English-speaking user; French otherwise."""
    return ENGLISH if code and code.lower().startswith("en") else FRENCH


def text(key: str, language: str, **values: object) -> str:
    template = CATALOGUE[key].get(language) or CATALOGUE[key][FRENCH]
    return template.format(**values) if values else template
